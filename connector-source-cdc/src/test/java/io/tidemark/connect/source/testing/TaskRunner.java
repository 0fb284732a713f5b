package io.tidemark.connect.source.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.apache.kafka.connect.storage.OffsetStorageReaderImpl;
import org.apache.kafka.connect.storage.OffsetStorageWriter;

/**
 * Drives a source task the way Connect's worker does, with Connect's own offset storage classes:
 * polls, acknowledges records ({@code commitRecord}), flushes their offsets through an
 * {@link OffsetStorageWriter} into the store, then calls {@code commit()}. The store outlives the
 * task, so a new task started on it resumes from what was committed, as after a worker restart.
 */
public final class TaskRunner implements AutoCloseable {

    private final SourceTask task;
    private final Map<String, String> props;
    private final OffsetBackingStore store;
    private final String namespace;
    private final List<SourceRecord> received = new ArrayList<>();
    private int committed;

    public TaskRunner(SourceTask task, Map<String, String> props, OffsetBackingStore store) {
        this.task = task;
        this.props = props;
        this.store = store;
        this.namespace = props.getOrDefault("name", "test-connector");
    }

    /** Connect's in-memory offset store, started; share it between runners to keep offsets. */
    public static OffsetBackingStore newOffsetStore() {
        MemoryOffsetBackingStore store = new MemoryOffsetBackingStore() {
            @Override
            public Set<Map<String, Object>> connectorPartitions(String connectorName) {
                return Set.of();
            }
        };
        store.start();
        return store;
    }

    public TaskRunner start() {
        OffsetStorageReader reader = new OffsetStorageReaderImpl(store, namespace, converter(true), converter(false));
        task.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return props;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return reader;
            }

            @Override
            public PluginMetrics pluginMetrics() {
                return null;
            }
        });
        task.start(props);
        return this;
    }

    /** Polls until the records received so far satisfy the condition, or fails at the deadline. */
    public List<SourceRecord> pollUntil(Predicate<List<SourceRecord>> condition, Duration timeout,
            String description) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(received)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + description + "; received "
                        + received.size() + " records: " + Records.describe(received));
            }
            pollOnce();
        }
        return received;
    }

    /** One poll, like one iteration of the worker's loop. */
    public List<SourceRecord> pollOnce() throws InterruptedException {
        List<SourceRecord> batch = task.poll();
        if (batch != null) {
            received.addAll(batch);
        }
        return batch == null ? List.of() : batch;
    }

    /**
     * Acknowledges every record received so far and commits its offset, as the worker does after
     * the producer acknowledged the records and the offset flush succeeded.
     */
    public void commit() throws Exception {
        OffsetStorageWriter writer = new OffsetStorageWriter(store, namespace, converter(true), converter(false));
        for (SourceRecord record : received.subList(committed, received.size())) {
            task.commitRecord(record, null);
            writer.offset(record.sourcePartition(), record.sourceOffset());
        }
        if (writer.beginFlush(30, TimeUnit.SECONDS)) {
            writer.doFlush((error, result) -> { }).get(30, TimeUnit.SECONDS);
        }
        committed = received.size();
        task.commit();
    }

    public List<SourceRecord> received() {
        return received;
    }

    /** Records received after the last commit: those a crash now would have Connect send again. */
    public List<SourceRecord> uncommitted() {
        return received.subList(committed, received.size());
    }

    @Override
    public void close() {
        task.stop();
    }

    private static JsonConverter converter(boolean isKey) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), isKey);
        return converter;
    }
}
