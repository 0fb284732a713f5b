package io.tidemark.connect.sink.dialect.duckdb;

import io.tidemark.connect.sink.dialect.FlushStatements;
import io.tidemark.connect.sink.dialect.WarehouseSession;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

import java.io.File;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One open DuckDB instance per database file in this JVM, shared by every task and connector that writes
 * to it. DuckDB lets a single process hold a file for writing. Within the process, the 1.5 driver shares an
 * instance per path by itself, but only for identical settings (a URL with other options is refused), and
 * older drivers not at all; sharing explicitly, keyed by the canonical path, makes two connectors on one
 * file work whatever their URL spelling and gives the instance a clear lifetime. Each session gets its own
 * connection ({@code duplicate()}, with its own transactions and temporary tables, which take turns with the
 * other sessions' write transactions); the instance closes,
 * checkpointing and releasing the file, when its last session closes. That is how a user reads the file:
 * stop the connectors that write to it (Connect's {@code PUT /connectors/<name>/stop}), read, resume them.
 *
 * <p>This is process-wide state by necessity (the lock is per process), not configuration: nothing in it
 * depends on a connector's settings except the file, which is its key.
 */
final class DuckDbDatabases {

    private static final String PREFIX = "jdbc:duckdb:";
    private static final DuckDbDatabases SHARED = new DuckDbDatabases();

    private final Map<String, Instance> instances = new HashMap<>();

    static DuckDbDatabases shared() {
        return SHARED;
    }

    synchronized WarehouseSession open(String url, FlushStatements statements) throws SQLException {
        String key = key(url);
        Instance instance = instances.get(key);
        if (instance == null) {
            instance = new Instance(connectInstance(url));
            instances.put(key, instance);
        }
        Connection connection;
        try {
            connection = instance.root.duplicate();
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            if (instance.sessions == 0) {
                instances.remove(key);
                instance.root.close();
            }
            throw e;
        }
        instance.sessions++;
        Instance opened = instance;
        return new WarehouseSession(connection, statements, () -> release(key, opened), opened.writes);
    }

    private synchronized void release(String key, Instance instance) throws SQLException {
        instance.sessions--;
        if (instance.sessions == 0 && instances.get(key) == instance) {
            instances.remove(key);
            instance.root.close();
        }
    }

    private static DuckDBConnection connectInstance(String url) throws SQLException {
        Connection connection = new DuckDBDriver().connect(url, new Properties());
        if (connection == null) {
            throw new SQLException("The DuckDB driver does not accept this URL (expected jdbc:duckdb:/path/to/file.duckdb).");
        }
        return connection.unwrap(DuckDBConnection.class);
    }

    /** The canonical file path, so two spellings of one file share one instance; in-memory URLs as they are. */
    static String key(String url) {
        String rest = url.startsWith(PREFIX) ? url.substring(PREFIX.length()) : url;
        int options = rest.indexOf('?');
        String path = options < 0 ? rest : rest.substring(0, options);
        if (path.isEmpty() || path.startsWith(":memory:")) {
            return url;
        }
        try {
            return new File(path).getCanonicalPath();
        } catch (IOException e) {
            return new File(path).getAbsolutePath();
        }
    }

    private static final class Instance {
        private final DuckDBConnection root;
        /** Every session's write transactions on this file take turns (see WarehouseSession#writes). */
        private final Lock writes = new ReentrantLock();
        private int sessions;

        private Instance(DuckDBConnection root) {
            this.root = root;
        }
    }
}
