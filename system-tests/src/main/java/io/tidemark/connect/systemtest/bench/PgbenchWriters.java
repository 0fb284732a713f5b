package io.tidemark.connect.systemtest.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * pgbench-style writers on a source benchmark's table (PostgreSQL or MariaDB, the same SQL for both):
 * {@value #THREADS} connections, each committing transactions of {@value #CHANGES_PER_TRANSACTION} single-row
 * changes (70% updates, 20% inserts, 10% deletes) on keys of its own (id modulo the thread count, so writers never
 * wait on each other's row locks), on connections whose commits are as durable as a production server's (the
 * opener's business). Every change gets a new {@code seq}; a listener learns each commit's time and the seqs it
 * made visible.
 */
final class PgbenchWriters implements AutoCloseable {

    static final int THREADS = 4;
    static final int CHANGES_PER_TRANSACTION = 5;

    /** Told, after each commit, the wall-clock time it returned (ms) and the seqs of its inserts and updates. */
    @FunctionalInterface
    interface CommitListener {
        void committed(long commitMs, long[] seqs, int count);
    }

    /** What a run wrote. */
    record Written(long changes, long deletes) {

        /** Records a CDC connector emits for it: one per change, plus a tombstone per delete. */
        long records() {
            return changes + deletes;
        }
    }

    /** Opens one writer's connection to the benchmark database, its session set up for durable commits. */
    @FunctionalInterface
    interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections connections;
    private final String table;
    private final AtomicLong seq = new AtomicLong();
    private final List<Writer> writers = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

    /**
     * For {@code table} (its qualified name in SQL) of ids 1..{@code tableRows} that will see at most
     * {@code maxChanges} changes from these writers.
     */
    PgbenchWriters(Connections connections, String table, int tableRows, long maxChanges, long seed) throws SQLException {
        this.connections = connections;
        this.table = table;
        int slots = (int) ((tableRows + maxChanges) / THREADS + 2);
        for (int i = 0; i < THREADS; i++) {
            writers.add(new Writer(i, tableRows, slots, new Random(seed + i)));
        }
    }

    /** The seq of the latest change written so far. */
    long lastSeq() {
        return seq.get();
    }

    /** Writes {@code changes} changes as fast as the writers can. */
    Written burst(long changes, CommitListener listener) throws Exception {
        return run(changes, 0, listener);
    }

    /** Writes {@code changes} changes paced at {@code perSecond} changes per second in all. */
    Written paced(long changes, int perSecond, CommitListener listener) throws Exception {
        return run(changes, perSecond, listener);
    }

    private Written run(long changes, int perSecond, CommitListener listener) throws Exception {
        List<Future<Written>> running = new ArrayList<>();
        long start = System.nanoTime();
        for (Writer writer : writers) {
            long share = changes / THREADS + (writer.number < changes % THREADS ? 1 : 0);
            running.add(threads.submit(() -> writer.write(share, perSecond / (double) THREADS, start, listener)));
        }
        long total = 0;
        long deletes = 0;
        for (Future<Written> future : running) {
            Written written = future.get();
            total += written.changes();
            deletes += written.deletes();
        }
        return new Written(total, deletes);
    }

    @Override
    public void close() throws SQLException {
        threads.shutdownNow();
        for (Writer writer : writers) {
            writer.connection.close();
        }
    }

    /** One connection and the keys it owns: ids with (id - 1) % THREADS == its number; slot k + 1 is id k * THREADS + number + 1. */
    private final class Writer {
        private final int number;
        private final Random random;
        private final Connection connection;
        private final PreparedStatement update;
        private final PreparedStatement insert;
        private final PreparedStatement delete;
        private final LiveKeys live;
        private long nextId;

        Writer(int number, int tableRows, int slots, Random random) throws SQLException {
            this.number = number;
            this.random = random;
            this.connection = connections.open();
            connection.setAutoCommit(false);
            update = connection.prepareStatement("UPDATE " + table + " SET name = ?, score = ?, updated_at = now(), seq = ? WHERE id = ?");
            insert = connection.prepareStatement("INSERT INTO " + table + " (id, name, email, phone, city, score, active, updated_at, "
                + "note, seq) VALUES (?, ?, ?, '+33612345678', 'Porto', ?, true, now(), 'new customer', ?)");
            delete = connection.prepareStatement("DELETE FROM " + table + " WHERE id = ?");
            live = new LiveKeys(slots);
            for (long id = number + 1; id <= tableRows; id += THREADS) {
                live.add(slot(id));
            }
            long taken = tableRows <= number ? 0 : (tableRows - number - 1L) / THREADS + 1;
            nextId = taken * THREADS + number + 1;
        }

        private long slot(long id) {
            return (id - 1) / THREADS + 1;
        }

        private long keyOf(long slot) {
            return (slot - 1) * THREADS + number + 1;
        }

        Written write(long changes, double perSecond, long start, CommitListener listener) throws SQLException, InterruptedException {
            long done = 0;
            long deletes = 0;
            long[] seqs = new long[CHANGES_PER_TRANSACTION];
            while (done < changes) {
                int inTransaction = (int) Math.min(CHANGES_PER_TRANSACTION, changes - done);
                if (perSecond > 0) {
                    long due = start + (long) (done / perSecond * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                int visible = 0;
                for (int i = 0; i < inTransaction; i++) {
                    long change = seq.incrementAndGet();
                    int dice = random.nextInt(100);
                    if (dice < 70 && live.size() > 0) {
                        long id = keyOf(live.random(random));
                        update.setString(1, "name-" + id + "-" + change);
                        update.setInt(2, (int) (change % 1000));
                        update.setLong(3, change);
                        update.setLong(4, id);
                        update.executeUpdate();
                        seqs[visible++] = change;
                    } else if (dice < 90 || live.size() == 0) {
                        long id = nextId;
                        nextId += THREADS;
                        insert.setLong(1, id);
                        insert.setString(2, "name-" + id + "-" + change);
                        insert.setString(3, "user" + id + "@example.com");
                        insert.setInt(4, (int) (change % 1000));
                        insert.setLong(5, change);
                        insert.executeUpdate();
                        live.add(slot(id));
                        seqs[visible++] = change;
                    } else {
                        long slot = live.random(random);
                        delete.setLong(1, keyOf(slot));
                        delete.executeUpdate();
                        live.remove(slot);
                        deletes++;
                    }
                }
                connection.commit();
                listener.committed(System.currentTimeMillis(), seqs, visible);
                done += inTransaction;
            }
            return new Written(done, deletes);
        }
    }
}
