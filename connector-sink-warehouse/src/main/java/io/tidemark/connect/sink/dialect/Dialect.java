package io.tidemark.connect.sink.dialect;

import io.tidemark.connect.sink.error.FailureKind;
import io.tidemark.connect.sink.table.ColumnType;
import io.tidemark.connect.sink.table.TableId;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One warehouse database: everything the sink does differently per database. Implementations are
 * stateless, listed in {@code META-INF/services/io.tidemark.connect.sink.dialect.Dialect} and found by
 * {@link Dialects}. Buffering, conversion, offsets and retries are written once, outside.
 *
 * <p>A flush runs, per table: {@link #describe} (cached), the DDL from the session's
 * {@link FlushStatements}, then in one transaction the staging table, {@link #loadStaging}, the MERGE (or
 * append) and, in append mode, the offsets. Where {@link #transactionalDdl()} is false (Snowflake commits
 * DDL implicitly), the DDL and the staging table are created and committed before that transaction.
 */
public interface Dialect {

    /** The value of the {@code dialect} option that selects this dialect: postgres, duckdb, snowflake. */
    String name();

    /** Whether this dialect serves the JDBC URL, when the {@code dialect} option is empty. */
    boolean acceptsUrl(String jdbcUrl);

    /**
     * Opens a session with auto-commit off, carrying the statements for the server it reached. Fails
     * within {@link ConnectionSettings#timeoutSeconds()}, and for a server version the dialect cannot serve.
     */
    WarehouseSession open(ConnectionSettings settings) throws SQLException;

    /** Quoting and length rules for names. */
    Identifiers identifiers();

    /** The database type for a neutral column type, as written in CREATE and ALTER. */
    String columnType(ColumnType type);

    /** The columns of a table in their order, or an empty list when it does not exist. */
    List<ExistingColumn> describe(Connection connection, TableId table) throws SQLException;

    /**
     * Whether an existing column whose neutral type cannot store {@code incoming} by the widening rules still
     * takes its values as this dialect writes them (Snowflake: a VARIANT takes a PostgreSQL array as an ARRAY).
     */
    default boolean takes(ExistingColumn existing, ColumnType incoming) {
        return false;
    }

    /** Whether CREATE/ALTER may run inside the load transaction without committing it. */
    boolean transactionalDdl();

    /** Whether writes of different tables on different connections run at once (flush.parallel.tables). */
    default boolean concurrentTableWrites() {
        return true;
    }

    /** Loads rows (aligned with {@link StagingTable#columns()}) into the staging table by the fast path. */
    void loadStaging(Connection connection, StagingTable staging, List<Object[]> rows) throws SQLException;

    /** Whether a failure is worth retrying, caused by the data of some rows, or permanent. */
    FailureKind classify(Throwable failure);

    /**
     * A failure the database blamed on a row's data, as it may be shown in messages, logs and the
     * dead-letter queue's headers (which carry the cause's stack trace): without the row's values, which a
     * masking transform may exist to hide. The default is the failure itself, for databases whose
     * messages do not quote values (PostgreSQL once its DETAIL lines are off, DuckDB's Appender).
     */
    default SQLException withoutValues(SQLException failure) {
        return failure;
    }
}
