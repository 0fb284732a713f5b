package io.tidemark.connect.systemtest.types;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

import io.tidemark.connect.sink.WarehouseSinkTask;

/**
 * Runs the warehouse sink task as a worker would for one batch: start, open the partitions, put, then
 * preCommit (with empty puts between, as polls that found nothing) until every record is committable. There is no dead-letter queue: a record the sink cannot
 * write fails the test, as it would fail the task.
 */
final class SinkDriver {

    private static final Duration COMMIT_DEADLINE = Duration.ofSeconds(60);

    private SinkDriver() {
    }

    private static boolean allCommitted(Map<TopicPartition, Long> delivered, Map<TopicPartition, OffsetAndMetadata> committable) {
        return delivered.entrySet().stream().allMatch(entry -> committable.containsKey(entry.getKey())
                && committable.get(entry.getKey()).offset() == entry.getValue());
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    /**
     * @param refused receives the records the sink hands to the errant-record reporter, with the reason
     *     (records the warehouse cannot hold), or null for no reporter: such a record then fails the test
     */
    static void writeAll(Map<String, String> config, Set<TopicPartition> partitions, List<SinkRecord> records,
            Map<SinkRecord, String> refused) {
        WarehouseSinkTask task = new WarehouseSinkTask();
        task.initialize(new Context(config, partitions, refused));
        task.start(config);
        try {
            task.open(partitions);
            task.put(records);
            Map<TopicPartition, Long> delivered = new HashMap<>();
            records.forEach(record -> delivered.merge(new TopicPartition(record.topic(), record.kafkaPartition()),
                    record.kafkaOffset() + 1, Math::max));
            // What a worker passes: the position it consumed to in each partition.
            Map<TopicPartition, OffsetAndMetadata> current = new HashMap<>();
            delivered.forEach((partition, offset) -> current.put(partition, new OffsetAndMetadata(offset)));
            // Offset commits, and empty puts between them, until every record is committable: preCommit hands the
            // buffer to the task's writer thread (or flushes it, flush.pipeline.depth=0); a failed write surfaces
            // on the next put, as Connect would see it.
            long deadline = System.nanoTime() + COMMIT_DEADLINE.toNanos();
            Map<TopicPartition, OffsetAndMetadata> committable = task.preCommit(current);
            while (!allCommitted(delivered, committable)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("The sink did not commit every record within " + COMMIT_DEADLINE + ": delivered "
                            + delivered + ", committable " + committable);
                }
                task.put(List.of());
                pause();
                committable = task.preCommit(current);
            }
            task.put(List.of());
            task.close(partitions);
        } finally {
            task.stop();
        }
    }

    private record Context(Map<String, String> configs, Set<TopicPartition> assignment, Map<SinkRecord, String> refused)
            implements SinkTaskContext {
        @Override
        public void offset(Map<TopicPartition, Long> offsets) {
        }

        @Override
        public void offset(TopicPartition partition, long offset) {
        }

        @Override
        public void timeout(long timeoutMs) {
        }

        @Override
        public void pause(TopicPartition... partitions) {
        }

        @Override
        public void resume(TopicPartition... partitions) {
        }

        @Override
        public void requestCommit() {
        }

        /** No plugin metrics, as on a worker that has none to offer. */
        @Override
        public PluginMetrics pluginMetrics() {
            return null;
        }

        @Override
        public ErrantRecordReporter errantRecordReporter() {
            if (refused == null) {
                return null;
            }
            return (record, error) -> {
                refused.put(record, String.valueOf(error.getMessage()));
                return CompletableFuture.completedFuture(null);
            };
        }
    }
}
