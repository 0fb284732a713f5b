package io.tidemark.connect.sink.flush;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The task's writer thread: it writes sealed flushes one after the other, in the order they were sealed, while
 * the task thread goes on converting and buffering. At most {@code depth} flushes are in flight. Once a flush
 * failed, the ones queued behind it are not tried (a newer change must not reach the warehouse before an older
 * one of the same flush fails for good) until the task thread hands them over again.
 *
 * <p>The tables of one flush are written at once when the task has several table writers (one connection each,
 * see {@link TableSlots}): each writer takes its tables in order, and the next flush starts when all are done, so
 * a table's flushes still reach the warehouse in order. A table that fails does not stop the others of its flush
 * (their transactions are independent; their offsets are committed); what failed, and what its writer had not yet
 * tried, is the flush's unwritten remainder.
 *
 * <p>Only the task thread calls this class; the writer thread only runs {@link #writeAll}. Everything the task
 * holds (offsets, metrics, the dead-letter reports) changes on the task thread, when it applies an outcome.
 */
public final class FlushPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlushPipeline.class);
    private static final long CLOSE_WAIT_SECONDS = 30;

    private final int depth;
    private final TableSlots slots;
    private final ExecutorService writerThread;
    /** One thread per table writer, when there are several; empty when the writer thread writes every table. */
    private final List<ExecutorService> tableThreads = new ArrayList<>();
    private final Deque<Future<FlushOutcome>> inFlight = new ArrayDeque<>();
    /** Set by the writer thread when a flush failed; flushes behind it are then returned untried. */
    private volatile boolean stopped;

    /** @param flushers the table writers, one connection each; tables are written at once when there are several */
    public FlushPipeline(int depth, List<TableFlusher> flushers, String threadName) {
        this.depth = depth;
        this.slots = new TableSlots(flushers);
        this.writerThread = thread(threadName);
        if (flushers.size() > 1) {
            for (int i = 0; i < flushers.size(); i++) {
                tableThreads.add(thread(threadName + "-table-" + i));
            }
        }
    }

    private static ExecutorService thread(String name) {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Whether {@code depth} flushes are in flight, so the next must wait for the oldest. */
    public boolean full() {
        return inFlight.size() >= depth;
    }

    public boolean idle() {
        return inFlight.isEmpty();
    }

    /**
     * Queues a flush. After a failure, the task hands the failed remainder and the flushes behind it over again,
     * in order; the first of them lets the writer write again.
     */
    public void submit(SealedFlush flush, boolean retrying) {
        if (retrying) {
            stopped = false;
        }
        inFlight.add(writerThread.submit(() -> writeAll(flush)));
    }

    /** The outcome of the oldest flush if it has finished, else null (without waiting). */
    public FlushOutcome pollCompleted() {
        return !inFlight.isEmpty() && inFlight.peek().isDone() ? outcome(inFlight.poll()) : null;
    }

    /** Waits for the oldest flush in flight and returns its outcome. */
    public FlushOutcome awaitOldest() {
        return outcome(inFlight.poll());
    }

    /** Runs {@code work} on the writer thread after the flushes queued before it, and waits for its result. */
    public <T> T call(Callable<T> work) throws SQLException {
        try {
            return writerThread.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while waiting for the warehouse writer", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new ConnectException("The warehouse writer failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private FlushOutcome writeAll(SealedFlush flush) throws InterruptedException {
        if (stopped) {
            return FlushOutcome.notTried(flush);
        }
        List<SealedFlush.Table> tables = flush.tables();
        List<TableWrite> writes = new ArrayList<>();
        if (tableThreads.isEmpty() || tables.size() <= 1) {
            // One writer, or one table: written here, by the table's own writer.
            int slot = tables.isEmpty() ? 0 : slots.slot(tables.get(0).table());
            writes.add(new TableWrite(tables, slots.flusher(slot)));
            writes.get(0).run();
        } else {
            Map<Integer, List<SealedFlush.Table>> bySlot = new TreeMap<>();
            tables.forEach(table -> bySlot.computeIfAbsent(slots.slot(table.table()), slot -> new ArrayList<>()).add(table));
            List<Future<?>> running = new ArrayList<>();
            bySlot.forEach((slot, its) -> {
                TableWrite write = new TableWrite(its, slots.flusher(slot));
                writes.add(write);
                running.add(tableThreads.get(slot).submit(write));
            });
            for (Future<?> write : running) {
                try {
                    write.get();
                } catch (ExecutionException e) {
                    // TableWrite catches what a write throws; anything else is a defect of ours.
                    throw new IllegalStateException("A table writer failed: " + e.getCause(), e.getCause());
                }
            }
        }
        return outcome(flush, writes);
    }

    /** The writes' results in the order of the flush's tables (a table's own results, reports and failure). */
    private FlushOutcome outcome(SealedFlush flush, List<TableWrite> writes) {
        Map<SealedFlush.Table, TableWrite> byTable = new IdentityHashMap<>();
        writes.forEach(write -> write.tables.forEach(table -> byTable.put(table, write)));
        List<FlushOutcome.Written> written = new ArrayList<>();
        List<FlushOutcome.Report> reports = new ArrayList<>();
        List<SealedFlush.Table> unwritten = new ArrayList<>();
        Exception failure = null;
        for (SealedFlush.Table table : flush.tables()) {
            TableWrite write = byTable.get(table);
            reports.addAll(write.reports.getOrDefault(table, List.of()));
            FlushOutcome.Written done = write.written.get(table);
            if (done != null) {
                written.add(done);
            } else {
                unwritten.add(table);
                if (failure == null && write.failed == table) {
                    failure = write.failure;
                }
            }
        }
        if (unwritten.isEmpty()) {
            return new FlushOutcome(flush, written, reports, null, null);
        }
        stopped = true;
        return new FlushOutcome(flush, written, reports, flush.only(unwritten), failure);
    }

    /** One table writer's share of a flush: its tables in order, until one fails. */
    private static final class TableWrite implements Runnable {
        private final List<SealedFlush.Table> tables;
        private final TableFlusher flusher;
        private final Map<SealedFlush.Table, FlushOutcome.Written> written = new IdentityHashMap<>();
        private final Map<SealedFlush.Table, List<FlushOutcome.Report>> reports = new IdentityHashMap<>();
        private SealedFlush.Table failed;
        private Exception failure;

        TableWrite(List<SealedFlush.Table> tables, TableFlusher flusher) {
            this.tables = tables;
            this.flusher = flusher;
        }

        @Override
        public void run() {
            for (SealedFlush.Table table : tables) {
                List<FlushOutcome.Report> its = new ArrayList<>();
                reports.put(table, its);
                try {
                    written.put(table, new FlushOutcome.Written(table, flusher.write(table.table(), table.changes(), table.resumeAt(),
                            (record, cause) -> its.add(new FlushOutcome.Report(record, cause)))));
                } catch (SQLException | RuntimeException e) {
                    failed = table;
                    failure = e;
                    return;
                }
            }
        }
    }

    private static FlushOutcome outcome(Future<FlushOutcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while waiting for the warehouse writer", e);
        } catch (ExecutionException e) {
            // writeAll catches what a write throws; anything else is a defect of ours.
            throw new ConnectException("The warehouse writer failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Stops the writer thread. A flush in flight is interrupted; whether its transaction committed or not, its
     * offsets were not committed, so its records are read again and the MERGE keeps the newer of each row.
     */
    @Override
    public void close() {
        writerThread.shutdownNow();
        tableThreads.forEach(ExecutorService::shutdownNow);
        try {
            if (!writerThread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("The warehouse writer thread did not stop within {} s", CLOSE_WAIT_SECONDS);
            }
            for (ExecutorService tableThread : tableThreads) {
                if (!tableThread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    LOG.warn("A table writer thread did not stop within {} s", CLOSE_WAIT_SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        inFlight.clear();
    }
}
