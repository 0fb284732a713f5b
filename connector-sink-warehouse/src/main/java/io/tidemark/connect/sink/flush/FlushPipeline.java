package io.tidemark.connect.sink.flush;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
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
 * <p>Only the task thread calls this class; the writer thread only runs {@link #writeAll}. Everything the task
 * holds (offsets, metrics, the dead-letter reports) changes on the task thread, when it applies an outcome.
 */
public final class FlushPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlushPipeline.class);
    private static final long CLOSE_WAIT_SECONDS = 30;

    private final int depth;
    private final TableFlusher flusher;
    private final ExecutorService writerThread;
    private final Deque<Future<FlushOutcome>> inFlight = new ArrayDeque<>();
    /** Set by the writer thread when a flush failed; flushes behind it are then returned untried. */
    private volatile boolean stopped;

    public FlushPipeline(int depth, TableFlusher flusher, String threadName) {
        this.depth = depth;
        this.flusher = flusher;
        this.writerThread = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
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

    private FlushOutcome writeAll(SealedFlush flush) {
        if (stopped) {
            return FlushOutcome.notTried(flush);
        }
        List<FlushOutcome.Written> written = new ArrayList<>();
        List<FlushOutcome.Report> reports = new ArrayList<>();
        List<SealedFlush.Table> tables = flush.tables();
        for (int i = 0; i < tables.size(); i++) {
            SealedFlush.Table table = tables.get(i);
            try {
                written.add(new FlushOutcome.Written(table, flusher.write(table.table(), table.changes(), table.resumeAt(),
                        (record, failure) -> reports.add(new FlushOutcome.Report(record, failure)))));
            } catch (SQLException | RuntimeException e) {
                stopped = true;
                return new FlushOutcome(flush, written, reports, flush.from(i), e);
            }
        }
        return new FlushOutcome(flush, written, reports, null, null);
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
        try {
            if (!writerThread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("The warehouse writer thread did not stop within {} s", CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        inFlight.clear();
    }
}
