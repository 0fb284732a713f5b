package io.tidemark.connect.systemtest.source;

import io.tidemark.connect.systemtest.postgres.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A steady stream of committed changes to one orders table while connectors are restarted and
 * workers killed: one writer, one transaction every {@link #PACE}, each inserting order n and shipping
 * order n-1. It remembers exactly what PostgreSQL committed, in commit order, which is what the
 * connector must deliver. With one writer and no concurrent transactions, commit order is also LSN
 * order, so {@code __position} grows along the whole topic.
 */
final class OrderStream implements AutoCloseable {

    /** About 100 changes a second: enough to be mid-stream at any moment, little for a loaded 2-core machine. */
    private static final Duration PACE = Duration.ofMillis(20);

    /** A committed row change as a consumer must see it: key, operation, the status written. */
    record Change(long id, String op, String status) {
    }

    private final Connection connection;
    private final PreparedStatement insert;
    private final PreparedStatement ship;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(
        runnable -> new Thread(runnable, "order-stream"));
    private final List<Change> committed = new ArrayList<>();
    private long next = 1;
    private volatile Exception failure;

    private OrderStream(Connection connection, String table) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
        this.insert = connection.prepareStatement(
            "INSERT INTO " + table + " (id, customer_id, status, amount) VALUES (?, ?, 'placed', ?)");
        this.ship = connection.prepareStatement("UPDATE " + table + " SET status = 'shipped' WHERE id = ?");
    }

    /** Starts writing to {@code table} (created with {@link ShopTables#ORDERS}) as the connectors' role. */
    static OrderStream start(PostgresServer postgres, String table) {
        try {
            OrderStream stream = new OrderStream(postgres.connect(), table);
            stream.writer.scheduleWithFixedDelay(stream::writeOneTransaction, 0, PACE.toMillis(), TimeUnit.MILLISECONDS);
            return stream;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not start writing to " + table + ": " + e.getMessage(), e);
        }
    }

    private void writeOneTransaction() {
        if (failure != null) {
            return;
        }
        long id = next;
        try {
            insert.setLong(1, id);
            insert.setLong(2, id % 10);
            insert.setLong(3, id);
            insert.executeUpdate();
            if (id > 1) {
                ship.setLong(1, id - 1);
                ship.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            failure = e;
            return;
        }
        synchronized (committed) {
            committed.add(new Change(id, "c", "placed"));
            if (id > 1) {
                committed.add(new Change(id - 1, "u", "shipped"));
            }
        }
        next = id + 1;
    }

    /** The changes committed so far, in commit order. */
    List<Change> committed() {
        synchronized (committed) {
            return List.copyOf(committed);
        }
    }

    /** Stops writing and returns every change committed; fails if a transaction failed. */
    List<Change> stop() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The order writer did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the order writer", e);
        }
        if (failure != null) {
            throw new IllegalStateException("A transaction of the order writer failed: " + failure.getMessage(),
                failure);
        }
        return committed();
    }

    @Override
    public void close() {
        writer.shutdownNow();
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing left to write; the server drops the session.
        }
    }
}
