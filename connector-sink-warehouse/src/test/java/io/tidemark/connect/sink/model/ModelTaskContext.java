package io.tidemark.connect.sink.model;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The worker's side of one task: assignment, the seeks the task asks for, and a dead-letter queue whose reports
 * complete as a producer's sends do, later: when the task waits for one ({@link Future#get}) or when the worker
 * awaits the task's reports before it calls preCommit, as Connect's WorkerSinkTask does.
 */
final class ModelTaskContext implements SinkTaskContext {

    /** A record sent to the dead-letter queue, and whether the send completed. */
    static final class Report implements Future<Void> {
        final SinkRecord record;
        private boolean done;

        Report(SinkRecord record) {
            this.record = record;
        }

        void complete() {
            done = true;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return done;
        }

        @Override
        public Void get() {
            done = true;
            return null;
        }

        @Override
        public Void get(long timeout, TimeUnit unit) {
            return get();
        }
    }

    private final Map<String, String> configs;
    private final Set<TopicPartition> assignment = new HashSet<>();
    private final Map<TopicPartition, Long> seeks = new HashMap<>();
    private final List<Report> reports;

    ModelTaskContext(Map<String, String> configs, List<Report> reports) {
        this.configs = configs;
        this.reports = reports;
    }

    @Override
    public Map<String, String> configs() {
        return configs;
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
        seeks.putAll(offsets);
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
        seeks.put(tp, offset);
    }

    @Override
    public void timeout(long timeoutMs) {
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

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        return (record, error) -> {
            Report report = new Report(record);
            reports.add(report);
            return report;
        };
    }

    @Override
    public PluginMetrics pluginMetrics() {
        throw new UnsupportedOperationException("not used by the warehouse sink");
    }

    /** The seeks asked for since the last call. */
    Map<TopicPartition, Long> takeSeeks() {
        Map<TopicPartition, Long> taken = new HashMap<>(seeks);
        seeks.clear();
        return taken;
    }
}
