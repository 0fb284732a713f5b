package io.tidemark.connect.sink.testing;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** A SinkTaskContext as the worker gives one: records what the task asks of Connect. */
public final class TestSinkTaskContext implements SinkTaskContext {

    /** A record handed to the errant-record reporter. */
    public record Reported(SinkRecord record, Throwable error) {
    }

    private final Map<String, String> configs;
    private final Set<TopicPartition> assignment = new HashSet<>();
    private final Map<TopicPartition, Long> requestedOffsets = new HashMap<>();
    private final List<Reported> reported = new ArrayList<>();
    private final boolean deadLetterQueue;
    private final List<CompletableFuture<Void>> heldReports = new ArrayList<>();
    private boolean holdReports;
    private long timeout = -1;

    public TestSinkTaskContext(Map<String, String> configs, boolean deadLetterQueue) {
        this.configs = configs;
        this.deadLetterQueue = deadLetterQueue;
    }

    @Override
    public Map<String, String> configs() {
        return configs;
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
        requestedOffsets.putAll(offsets);
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
        requestedOffsets.put(tp, offset);
    }

    @Override
    public void timeout(long timeoutMs) {
        timeout = timeoutMs;
    }

    @Override
    public Set<TopicPartition> assignment() {
        return assignment;
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

    /** Null without a dead-letter queue, as Connect does when no DLQ or error log is configured. */
    @Override
    public ErrantRecordReporter errantRecordReporter() {
        if (!deadLetterQueue) {
            return null;
        }
        return new ErrantRecordReporter() {
            @Override
            public Future<Void> report(SinkRecord record, Throwable error) {
                reported.add(new Reported(record, error));
                if (!holdReports) {
                    return CompletableFuture.completedFuture(null);
                }
                CompletableFuture<Void> written = new CompletableFuture<>();
                heldReports.add(written);
                return written;
            }
        };
    }

    /** The sink registers its metrics in JMX itself; it does not use Connect's plugin metrics. */
    @Override
    public PluginMetrics pluginMetrics() {
        throw new UnsupportedOperationException("not used by the warehouse sink");
    }

    /**
     * From now on a report completes only at {@link #completeHeldReports} or {@link #failHeldReports}, as the
     * worker's producer completes the dead-letter queue write some time after report() returned.
     */
    public void holdReports() {
        holdReports = true;
    }

    /** The dead-letter queue writes held so far succeed. */
    public void completeHeldReports() {
        heldReports.forEach(report -> report.complete(null));
        heldReports.clear();
    }

    /** The dead-letter queue writes held so far fail. */
    public void failHeldReports(Exception cause) {
        heldReports.forEach(report -> report.completeExceptionally(cause));
        heldReports.clear();
    }

    public Map<TopicPartition, Long> requestedOffsets() {
        return requestedOffsets;
    }

    public List<Reported> reported() {
        return reported;
    }

    public long timeout() {
        return timeout;
    }
}
