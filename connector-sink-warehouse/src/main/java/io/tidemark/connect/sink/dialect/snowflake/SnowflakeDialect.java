package io.tidemark.connect.sink.dialect.snowflake;

import io.tidemark.connect.sink.dialect.ConnectionSettings;
import io.tidemark.connect.sink.dialect.Dialect;
import io.tidemark.connect.sink.dialect.ExistingColumn;
import io.tidemark.connect.sink.dialect.FlushStatements;
import io.tidemark.connect.sink.dialect.Identifiers;
import io.tidemark.connect.sink.dialect.StagingTable;
import io.tidemark.connect.sink.dialect.StandardStatements;
import io.tidemark.connect.sink.dialect.WarehouseSession;
import io.tidemark.connect.sink.error.FailureKind;
import io.tidemark.connect.sink.table.ColumnType;
import io.tidemark.connect.sink.table.TableId;
import net.snowflake.client.api.driver.SnowflakeDriver;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Snowflake as a warehouse, through snowflake-jdbc: a temporary staging table created before the
 * transaction (Snowflake commits DDL implicitly), an array-bound INSERT into it, then one MERGE in the
 * same transaction as the load.
 */
public final class SnowflakeDialect implements Dialect {

    /** Snowflake's identifiers hold at most 255 characters. */
    private static final int MAX_NAME_BYTES = 255;

    private static final Pattern QUOTED = Pattern.compile("(['\"])(?:(?!\\1).)*\\1", Pattern.DOTALL);

    private final Identifiers identifiers = new Identifiers("Snowflake", MAX_NAME_BYTES, true);
    private final FlushStatements statements = new SnowflakeStatements(identifiers);

    @Override
    public String name() {
        return "snowflake";
    }

    @Override
    public boolean acceptsUrl(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:snowflake:");
    }

    @Override
    public WarehouseSession open(ConnectionSettings settings) throws SQLException {
        // The driver instance directly, not DriverManager: inside a worker the plugin's class loader is
        // not the one DriverManager trusts.
        Connection connection = new SnowflakeDriver().connect(settings.url(), SnowflakeSessionProperties.of(settings));
        if (connection == null) {
            throw new SQLException("The Snowflake driver does not accept this URL (expected"
                    + " jdbc:snowflake://<account_identifier>.snowflakecomputing.com).", "08001");
        }
        // Already off through the AUTOCOMMIT session parameter; the driver sends nothing when unchanged.
        connection.setAutoCommit(false);
        return new WarehouseSession(connection, statements, () -> { });
    }

    @Override
    public Identifiers identifiers() {
        return identifiers;
    }

    @Override
    public String columnType(ColumnType type) {
        return SnowflakeTypes.name(type);
    }

    /**
     * information_schema.columns of the session's database. Known types are named as this dialect
     * writes them (NUMBER(19,0), VARCHAR), not as information_schema does (NUMBER, TEXT), so that a
     * column the sink created is recognised as the one it would create again.
     */
    @Override
    public List<ExistingColumn> describe(Connection connection, TableId table) throws SQLException {
        return StandardStatements.describe(connection, table, (dataType, precision, scale, length) -> SnowflakeTypes.read(dataType, precision, scale)).stream()
                .map(column -> column.type() == null ? column
                        : new ExistingColumn(column.name(), SnowflakeTypes.name(column.type()), column.type()))
                .toList();
    }

    /**
     * A VARIANT (an array column an earlier version created from Connect arrays, or what fakesnow reports an
     * ARRAY as) holds the ARRAY the MERGE parses from a PostgreSQL array.
     */
    @Override
    public boolean takes(ExistingColumn existing, ColumnType incoming) {
        return SnowflakeTypes.isArray(incoming) && "VARIANT".equalsIgnoreCase(existing.databaseType());
    }

    /** Snowflake commits the open transaction before and after every DDL statement. */
    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Override
    public void loadStaging(Connection connection, StagingTable staging, List<Object[]> rows) throws SQLException {
        SnowflakeBatchLoader.load(identifiers, connection, staging, rows);
    }

    @Override
    public FailureKind classify(Throwable failure) {
        return SnowflakeFailures.classify(failure);
    }

    /**
     * Snowflake quotes the offending value in data errors ("Numeric value 'abc' is not recognized"), as
     * does fakesnow ("Could not convert string "12345.67" to DECIMAL(5,2)"): a copy with every quoted
     * text replaced by ?, keeping the SQLSTATE, the error code and the stack trace.
     */
    @Override
    public SQLException withoutValues(SQLException failure) {
        String message = failure.getMessage() == null ? null : QUOTED.matcher(failure.getMessage()).replaceAll("$1?$1");
        SQLException copy = new SQLException(message, failure.getSQLState(), failure.getErrorCode());
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    /** The flush statements (the same for every Snowflake account). */
    FlushStatements statements() {
        return statements;
    }
}
