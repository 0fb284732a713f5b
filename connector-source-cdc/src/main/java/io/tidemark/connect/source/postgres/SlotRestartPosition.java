package io.tidemark.connect.source.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.connect.errors.ConnectException;
import org.postgresql.replication.LogSequenceNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidemark.connect.source.reshape.SnapshotPosition;

/**
 * The position of snapshot reads: the {@code restart_lsn} of the connector's replication slot.
 *
 * <p>PostgreSQL keeps a slot's restart_lsn at or before the first WAL record of every transaction
 * whose commit the slot's consumer has not confirmed, because decoding must be able to restart
 * there. A transaction still open when a snapshot row is read has not committed, so its changes
 * (streamed after the row) all lie at or after this position and win over the row downstream.
 *
 * <p>The other way round, a sink may refuse a snapshot row because it holds a streamed change with
 * a higher position; that change was committed before the row was read, so the row holds the same
 * or an older state of the data the stream already delivered. Snapshots meant to repair a gap
 * (when_needed after the slot was lost) run on a new slot, whose restart_lsn lies after every change
 * the sink holds, so their rows win. A lower value is therefore always safe, only less precise.
 *
 * <p>Read at most every {@link #REFRESH} and the connection kept: a large snapshot polls thousands
 * of batches, and an older (lower) value stays correct.
 */
public final class SlotRestartPosition implements SnapshotPosition, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlotRestartPosition.class);
    private static final Duration REFRESH = Duration.ofSeconds(10);

    private final DatabaseConnections connections;
    private final String slotName;
    private final Clock clock;
    private Connection connection;
    private long position = -1;
    private Instant readAt = Instant.MIN;
    private boolean closed;

    public SlotRestartPosition(DatabaseConnections connections, String slotName, Clock clock) {
        this.connections = connections;
        this.slotName = slotName;
        this.clock = clock;
    }

    @Override
    public synchronized long current() {
        Instant now = clock.instant();
        if (position >= 0 && (closed || now.isBefore(readAt.plus(REFRESH)))) {
            return position;
        }
        if (closed) {
            throw new ConnectException("The task is stopping");
        }
        try {
            position = Math.max(position, query());
            readAt = now;
        } catch (SQLException e) {
            closeConnection();
            if (position < 0) {
                throw new ConnectException("Cannot read the restart position of replication slot '" + slotName
                        + "' on " + connections.describe() + ": " + e.getMessage(), e);
            }
            LOG.warn("Cannot refresh the restart position of replication slot '{}'; snapshot rows keep the "
                    + "earlier position {}, which is still correct", slotName, position, e);
        }
        return position;
    }

    private long query() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = connections.open();
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT restart_lsn FROM pg_catalog.pg_replication_slots WHERE slot_name = ?")) {
            statement.setString(1, slotName);
            try (ResultSet rs = statement.executeQuery()) {
                String lsn = rs.next() ? rs.getString(1) : null;
                if (lsn == null) {
                    throw new ConnectException("Replication slot '" + slotName + "' on " + connections.describe()
                            + " does not exist or has lost its WAL (no restart_lsn); the connector cannot "
                            + "position snapshot rows.");
                }
                return LogSequenceNumber.valueOf(lsn).asLong();
            }
        }
    }

    /** Called from the thread that stops the task; a poll still under way reopens nothing. */
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
                LOG.debug("Closing the slot position connection failed", e);
            }
            connection = null;
        }
    }
}
