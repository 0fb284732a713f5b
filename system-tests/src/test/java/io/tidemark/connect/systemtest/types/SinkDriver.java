package io.tidemark.connect.systemtest.types;

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
 * preCommit until every record is committable. There is no dead-letter queue: a record the sink cannot
 * write fails the test, as it would fail the task.
 */
final class SinkDriver {

    private SinkDriver() {
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
            Map<TopicPartition, OffsetAndMetadata> committable = task.preCommit(current);
            // preCommit flushes; a failed flush surfaces on the next put, as Connect would see it.
            task.put(List.of());
            delivered.forEach((partition, offset) -> {
                OffsetAndMetadata committed = committable.get(partition);
                if (committed == null || committed.offset() != offset) {
                    throw new AssertionError("The sink did not commit " + partition + " up to " + offset + ": " + committed);
                }
            });
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
