package io.tidemark.connect.sink.dialect;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * An open connection to the warehouse, in manual-commit mode. Closing it releases whatever the dialect
 * holds for it: the JDBC connection, and for DuckDB the share of the database file.
 */
public final class WarehouseSession implements AutoCloseable {

    /** What closing a session does besides closing its JDBC connection. */
    @FunctionalInterface
    public interface Release {
        void release() throws SQLException;
    }

    private final Connection connection;
    private final Release release;

    public WarehouseSession(Connection connection, Release release) {
        this.connection = connection;
        this.release = release;
    }

    public Connection connection() {
        return connection;
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
