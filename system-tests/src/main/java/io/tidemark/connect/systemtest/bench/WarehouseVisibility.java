package io.tidemark.connect.systemtest.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Commit-to-warehouse latency: the writers report each change's commit time (by its seq), and a poller asks
 * the warehouse table every {@value #POLL_MS} ms which seqs are visible; a change's latency is the start of the
 * first poll that saw it minus its commit time (so it errs by at most one poll interval, upwards). A change
 * overwritten by a later change of the same row before it became visible is never seen; it is counted apart.
 */
final class WarehouseVisibility implements PgbenchWriters.CommitListener, AutoCloseable {

    static final long POLL_MS = 20;
    /**
     * Seqs are taken before commit, so a higher seq can become visible first (in an earlier flush); look back this
     * far below the highest seen, half a second of changes at 2,000/s, far more than the writers have in flight.
     */
    private static final long LOOK_BACK = 1_000;

    private final Connection connection;
    private final PreparedStatement query;
    private final Thread poller;
    private final Map<Long, Long> commits = new HashMap<>();
    private final Map<Long, Long> visible = new HashMap<>();
    private final Set<Long> seen = new HashSet<>();
    private final List<Long> latencies = new ArrayList<>();
    private volatile boolean running = true;
    private volatile long highest;
    private final java.util.concurrent.atomic.AtomicLong polls = new java.util.concurrent.atomic.AtomicLong();

    /** Polls {@code table} on {@code connection} (which it closes) for seqs above {@code fromSeq}. */
    WarehouseVisibility(Connection connection, String table, long fromSeq) throws SQLException {
        this.connection = connection;
        this.query = connection.prepareStatement("SELECT seq FROM " + table + " WHERE seq > ?");
        this.highest = fromSeq;
        this.poller = new Thread(this::poll, "bench-warehouse-visibility");
        this.poller.setDaemon(true);
        this.poller.start();
    }

    private void poll() {
        long floor = highest;
        while (running) {
            long start = System.currentTimeMillis();
            try {
                query.setLong(1, Math.max(floor, highest - LOOK_BACK));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        seen(rows.getLong(1), start);
                    }
                }
                polls.incrementAndGet();
                Thread.sleep(Math.max(1, POLL_MS - (System.currentTimeMillis() - start)));
            } catch (SQLException e) {
                sleepQuietly();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void seen(long seq, long atMs) {
        if (!seen.add(seq)) {
            return;
        }
        highest = Math.max(highest, seq);
        Long commit = commits.remove(seq);
        if (commit == null) {
            visible.put(seq, atMs);
        } else {
            latencies.add(atMs - commit);
        }
    }

    @Override
    public synchronized void committed(long commitMs, long[] seqs, int count) {
        for (int i = 0; i < count; i++) {
            Long at = visible.remove(seqs[i]);
            if (at == null) {
                commits.put(seqs[i], commitMs);
            } else {
                latencies.add(at - commitMs);
            }
        }
    }

    /** Polls completed so far. */
    long polls() {
        return polls.get();
    }

    synchronized int waiting() {
        return commits.size();
    }

    synchronized long[] latencies() {
        return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws SQLException {
        running = false;
        poller.interrupt();
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }
}
