package io.tidemark.connect.systemtest.e2e;

import io.tidemark.connect.systemtest.pipeline.PostgresWarehouse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * An EXCLUSIVE lock on warehouse tables, held by a transaction of the test: readers go on, but every
 * sink flush stops at its MERGE (or ALTER TABLE) and waits there, inside its open transaction, with the
 * batch already loaded into its staging table. That is how a test catches sink tasks in the middle of
 * a flush, deterministically. Closing the lock rolls its transaction back and lets the flushes go on.
 */
final class WarehouseTableLock implements AutoCloseable {

    private static final String BLOCKED_SESSIONS = "SELECT left(query, 60) FROM pg_stat_activity WHERE datname = "
        + "current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND xact_start IS NOT NULL";

    private final PostgresWarehouse warehouse;
    private final Connection connection;

    private WarehouseTableLock(PostgresWarehouse warehouse, Connection connection) {
        this.warehouse = warehouse;
        this.connection = connection;
    }

    static WarehouseTableLock on(PostgresWarehouse warehouse, String schema, List<String> tables) throws SQLException {
        Connection connection = warehouse.connect();
        try {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LOCK TABLE " + String.join(", ", tables.stream()
                    .map(table -> "\"" + schema + "\".\"" + table + "\"").toList()) + " IN EXCLUSIVE MODE");
            }
            return new WarehouseTableLock(warehouse, connection);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** The statements (their beginning) of the sessions now waiting for a lock in the middle of a transaction. */
    List<String> blockedStatements() throws SQLException {
        List<String> statements = new ArrayList<>();
        // A second session: statistics views read inside the locking transaction would stay as first seen.
        try (Connection observer = warehouse.connect(); PreparedStatement query = observer.prepareStatement(BLOCKED_SESSIONS);
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                statements.add(rows.getString(1));
            }
        }
        return statements;
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
