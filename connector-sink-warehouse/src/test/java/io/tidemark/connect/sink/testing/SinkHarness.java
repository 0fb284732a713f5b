package io.tidemark.connect.sink.testing;

import io.tidemark.connect.sink.WarehouseSinkTask;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drives a {@link WarehouseSinkTask} through its public SinkTask API the way a worker does: initialize,
 * start, open, put (again after a RetriableException), preCommit, close, stop.
 */
public final class SinkHarness implements AutoCloseable {

    private final WarehouseSinkTask task = new WarehouseSinkTask();
    private final TestSinkTaskContext context;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private final Map<TopicPartition, Long> delivered = new HashMap<>();
    private boolean stopped;
    /** How long {@link #settle} waits for the task to finish writing; far more than any write here takes. */
    private static final Duration SETTLE_DEADLINE = Duration.ofSeconds(60);

    public SinkHarness(Map<String, String> config, boolean deadLetterQueue, TopicPartition... partitions) {
        context = new TestSinkTaskContext(config, deadLetterQueue);
        task.initialize(context);
        task.start(config);
        assign(Arrays.asList(partitions));
    }

    public void assign(Collection<TopicPartition> partitions) {
        assigned.addAll(partitions);
        context.assignment().addAll(partitions);
        task.open(partitions);
    }

    public void revoke(Collection<TopicPartition> partitions) {
        task.close(partitions);
        assigned.removeAll(partitions);
        // A partition assigned again starts at its committed offset, which the harness does not track.
        delivered.keySet().removeAll(partitions);
        context.assignment().removeAll(partitions);
    }

    public void put(List<SinkRecord> records) {
        records.forEach(record -> delivered.merge(new TopicPartition(record.originalTopic(), record.originalKafkaPartition()),
                record.originalKafkaOffset() + 1, Math::max));
        task.put(records);
    }

    public void put(SinkRecord... records) {
        put(List.of(records));
    }

    /**
     * Puts the batch, and delivers it again after each RetriableException, as Connect does (without its
     * wait: the test already knows the backoff the task asked for). Returns the number of retries.
     */
    public int putUntilAccepted(List<SinkRecord> records, int maxRetries) {
        for (int attempt = 0; ; attempt++) {
            try {
                put(records);
                return attempt;
            } catch (RetriableException e) {
                if (attempt >= maxRetries) {
                    throw e;
                }
            }
        }
    }

    /**
     * Connect's offset commit: preCommit with the consumed positions of the assigned partitions (the next offset
     * after the last record delivered, or consumed and dropped by a transform, see {@link #consumedWithoutDelivery}).
     */
    public Map<TopicPartition, OffsetAndMetadata> commit() {
        Map<TopicPartition, OffsetAndMetadata> current = new HashMap<>();
        assigned.stream().filter(delivered::containsKey).forEach(partition -> current.put(partition,
                new OffsetAndMetadata(delivered.get(partition))));
        return task.preCommit(current);
    }

    /**
     * The worker consumed records up to {@code nextOffset} that never reached put(): a transform (a filter)
     * dropped them. Connect's consumed position moves on all the same.
     */
    public void consumedWithoutDelivery(TopicPartition partition, long nextOffset) {
        delivered.merge(partition, nextOffset, Math::max);
    }

    /**
     * What Connect does while no new records arrive: the offset commit (preCommit), then put() with no records
     * whenever the poll timeout the task asked for runs out, until the task asks for nothing more. Then what was
     * buffered is written (also by a writer thread, flush.pipeline.depth >= 1), or put() has thrown what the task
     * throws to Connect. Returns what the last offset commit allowed.
     */
    public Map<TopicPartition, OffsetAndMetadata> settle() {
        long end = System.nanoTime() + SETTLE_DEADLINE.toNanos();
        while (true) {
            commit();
            context.timeout(-1);
            task.put(List.of());
            long timeout = context.timeout();
            if (timeout < 0) {
                return commit();
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("The task still asks for put() (poll timeout " + timeout + " ms) after " + SETTLE_DEADLINE);
            }
            pause(Math.min(timeout, 20));
        }
    }

    /** {@link #settle}, for tests that look at the warehouse (or at the failure thrown) rather than the offsets. */
    public void commitOrThrow() {
        settle();
    }

    /**
     * Commits (and lets put() retry failed flushes, as Connect's next poll would) until every delivered
     * record is committable, polling until the deadline.
     */
    public void commitUntilWritten(Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            try {
                Map<TopicPartition, OffsetAndMetadata> committable = commit();
                boolean done = delivered.entrySet().stream().allMatch(entry -> committable.containsKey(entry.getKey())
                        && committable.get(entry.getKey()).offset() == entry.getValue());
                if (done) {
                    return;
                }
                task.put(List.of());
            } catch (RetriableException e) {
                // Connect would wait for the backoff and deliver again; so does the loop.
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("Records still unwritten after " + deadline);
            }
            pause(5);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    /** put then commit, surfacing a failed flush as the task would to Connect. */
    public void write(SinkRecord... records) {
        put(records);
        commitOrThrow();
    }

    public TestSinkTaskContext context() {
        return context;
    }

    public WarehouseSinkTask task() {
        return task;
    }

    /** As a worker stopping the task: commit, close partitions, stop. */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            task.preCommit(new HashMap<>());
            task.close(new HashSet<>(assigned));
        } finally {
            task.stop();
        }
    }
}
