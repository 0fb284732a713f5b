package io.tidemark.connect.systemtest.types;

import java.util.Collection;
import java.util.Map;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** A source task's context on a worker that has no committed offsets for it: the task starts afresh. */
final class FreshSourceTaskContext implements SourceTaskContext {

    private final Map<String, String> configs;

    FreshSourceTaskContext(Map<String, String> configs) {
        this.configs = configs;
    }

    @Override
    public Map<String, String> configs() {
        return configs;
    }

    /** No plugin metrics, as on a worker that has none to offer. */
    @Override
    public PluginMetrics pluginMetrics() {
        return null;
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return null;
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                return Map.of();
            }
        };
    }
}
