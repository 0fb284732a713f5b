package io.tidemark.connect.sink.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

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
    private final Lock writes;

    /** A session whose write transactions need not wait for any other session's. */
    public WarehouseSession(Connection connection, FlushStatements statements, Release release) {
        this(connection, statements, release, new ReentrantLock());
    }

    /** A session whose write transactions take turns with those of every session sharing {@code writes}. */
    public WarehouseSession(Connection connection, FlushStatements statements, Release release, Lock writes) {
        this.connection = connection;
        this.statements = statements;
        this.release = release;
        this.writes = writes;
    }

    /**
     * Held for the whole of a write transaction. DuckDB's sessions of one database file share it: DuckDB lets one
     * process write a file, and two of its transactions that create, alter or write the same table conflict
     * ("Catalog write-write conflict on create"), so tasks writing one file take turns instead of failing and
     * retrying. Elsewhere it is the session's own, never contended.
     */
    public Lock writes() {
        return writes;
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
