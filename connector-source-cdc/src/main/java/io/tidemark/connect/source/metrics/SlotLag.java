package io.tidemark.connect.source.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidemark.connect.source.postgres.DatabaseConnections;

/**
 * Reads how far the connector's replication slot is behind the server's WAL, when a JMX client asks, at most
 * once per {@link #REFRESH_MS} (a scraper polling every second must not turn into a query per attribute). Its own
 * connection, reopened after a failure; a failure only makes the metric -1 until the next read succeeds.
 */
final class SlotLag implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlotLag.class);
    static final long REFRESH_MS = 1000;

    private final DatabaseConnections connections;
    private final String slotName;
    private final LongSupplier clock;
    private Connection connection;
    /** Epoch ms of the last read; 0 reads on first use. */
    private long readAt;
    private long lagBytes = -1;
    private long retainedBytes = -1;
    private boolean closed;

    SlotLag(DatabaseConnections connections, String slotName, LongSupplier clock) {
        this.connections = connections;
        this.slotName = slotName;
        this.clock = clock;
    }

    synchronized long lagBytes() {
        refresh();
        return lagBytes;
    }

    synchronized long retainedBytes() {
        refresh();
        return retainedBytes;
    }

    private void refresh() {
        long now = clock.getAsLong();
        if (closed || now - readAt < REFRESH_MS) {
            return;
        }
        readAt = now;
        try {
            if (connection == null || connection.isClosed()) {
                connection = connections.open();
                connection.setAutoCommit(true);
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), confirmed_flush_lsn)::bigint,"
                            + " pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), restart_lsn)::bigint"
                            + " FROM pg_catalog.pg_replication_slots WHERE slot_name = ?")) {
                statement.setString(1, slotName);
                try (ResultSet rs = statement.executeQuery()) {
                    boolean found = rs.next();
                    lagBytes = found ? orMinusOne(rs, 1) : -1;
                    retainedBytes = found ? orMinusOne(rs, 2) : -1;
                }
            }
        } catch (SQLException e) {
            LOG.debug("Reading the lag of replication slot '{}' failed", slotName, e);
            lagBytes = -1;
            retainedBytes = -1;
            closeConnection();
        }
    }

    private static long orMinusOne(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? -1 : value;
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeConnection();
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the slot lag connection failed", e);
            }
            connection = null;
        }
    }
}
