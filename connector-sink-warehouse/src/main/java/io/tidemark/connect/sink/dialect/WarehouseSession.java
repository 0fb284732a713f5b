package io.tidemark.connect.sink.dialect;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * An open connection to the warehouse, in manual-commit mode, with the statements that suit the server
 * it reached (PostgreSQL 17 can report a MERGE's actions itself, 15 and 16 cannot). Closing it releases
 * whatever the dialect holds for it: the JDBC connection, and for DuckDB the share of the database file.
 */
public final class WarehouseSession implements AutoCloseable {

    /** What closing a session does besides closing its JDBC connection. */
    @FunctionalInterface
    public interface Release {
        void release() throws SQLException;
    }

    private final Connection connection;
    private final FlushStatements statements;
    private final Release release;

    public WarehouseSession(Connection connection, FlushStatements statements, Release release) {
        this.connection = connection;
        this.statements = statements;
        this.release = release;
    }

    public Connection connection() {
        return connection;
    }

    /** The SQL text of a flush, for this server. */
    public FlushStatements statements() {
        return statements;
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.close();
        } finally {
            release.release();
        }
    }
}
