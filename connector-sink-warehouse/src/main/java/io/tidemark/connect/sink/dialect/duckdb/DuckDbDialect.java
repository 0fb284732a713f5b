package io.tidemark.connect.sink.dialect.duckdb;

import io.tidemark.connect.sink.dialect.ConnectionSettings;
import io.tidemark.connect.sink.dialect.Dialect;
import io.tidemark.connect.sink.dialect.ExistingColumn;
import io.tidemark.connect.sink.dialect.Identifiers;
import io.tidemark.connect.sink.dialect.StagingTable;
import io.tidemark.connect.sink.dialect.FlushStatements;
import io.tidemark.connect.sink.dialect.SqlVariant;
import io.tidemark.connect.sink.dialect.StandardStatements;
import io.tidemark.connect.sink.dialect.WarehouseSession;
import io.tidemark.connect.sink.error.FailureKind;
import io.tidemark.connect.sink.table.ColumnType;
import io.tidemark.connect.sink.table.TableId;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * DuckDB as a warehouse: the Appender into a temporary table, then MERGE. All tasks and connectors of a
 * worker that name the same database file share one DuckDB instance ({@link DuckDbDatabases}), because
 * DuckDB lets only one instance hold a file for writing.
 */
public final class DuckDbDialect implements Dialect {

    /** DuckDB has no short limit on names; this only refuses absurd ones. */
    private static final int MAX_NAME_BYTES = 1024;

    private final Identifiers identifiers = new Identifiers("DuckDB", MAX_NAME_BYTES);
    /**
     * DuckDB has no ON COMMIT DROP: the staging table is replaced at each flush and dropped afterwards to
     * free its memory. Its MERGE ... RETURNING is several times slower than a MERGE, so the actions are
     * counted with a join first (cheap in DuckDB). Its MERGE updates matched rows one at a time: deleting them
     * and inserting their new values as sets writes the same rows about 5 times faster into a 1M-row table
     * (measured with DuckDB 1.5.5), so the MERGE is written that way.
     */
    private final FlushStatements statements = new StandardStatements(identifiers, DuckDbTypes::name, DuckDbTypes::stagingName,
            new SqlVariant("CREATE OR REPLACE TEMP TABLE ", "", false, true, false, true, List.of()));

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public boolean acceptsUrl(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:duckdb:");
    }

    @Override
    public WarehouseSession open(ConnectionSettings settings) throws SQLException {
        return DuckDbDatabases.shared().open(settings.url(), statements);
    }

    @Override
    public Identifiers identifiers() {
        return identifiers;
    }

    @Override
    public String columnType(ColumnType type) {
        return DuckDbTypes.name(type);
    }

    @Override
    public List<ExistingColumn> describe(Connection connection, TableId table) throws SQLException {
        return StandardStatements.describe(connection, table, (dataType, precision, scale, length) -> DuckDbTypes.read(dataType, precision, scale));
    }

    /** The flush statements (the same for every DuckDB version this driver brings). */
    FlushStatements statements() {
        return statements;
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    /** One file, one writer: the sessions of a file take turns (WarehouseSession#writes), so more would only wait. */
    @Override
    public boolean concurrentTableWrites() {
        return false;
    }

    @Override
    public void loadStaging(Connection connection, StagingTable staging, List<Object[]> rows) throws SQLException {
        DuckDbAppenderLoader.load(connection, staging, rows);
    }

    @Override
    public FailureKind classify(Throwable failure) {
        return DuckDbFailures.classify(failure);
    }
}
