package io.tidemark.connect.systemtest.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to start a {@link LocalStack}.
 *
 * @param workers         Connect workers in the one group (fault tests use two)
 * @param workerOverrides worker properties set on top of the bundle's etc/connect-distributed.properties
 *                        and the stack's environment, e.g. {@code scheduled.rebalance.max.delay.ms}
 * @param brokerOverrides server.properties entries
 * @param extraPluginPath folders added to the workers' {@code plugin.path} after the bundle's, each holding
 *                        plugin directories (the benchmarks install the peers' connectors there)
 */
public record StackOptions(int workers, Map<String, String> workerOverrides, Map<String, String> brokerOverrides,
                           List<Path> extraPluginPath) {

    public StackOptions {
        if (workers < 1) {
            throw new IllegalArgumentException("A stack needs at least one worker");
        }
        workerOverrides = Map.copyOf(workerOverrides);
        brokerOverrides = Map.copyOf(brokerOverrides);
        extraPluginPath = List.copyOf(extraPluginPath);
    }

    /** One worker, the example worker config, a default broker. */
    public static StackOptions defaults() {
        return new StackOptions(1, Map.of(), Map.of(), List.of());
    }

    public StackOptions withWorkers(int count) {
        return new StackOptions(count, workerOverrides, brokerOverrides, extraPluginPath);
    }

    public StackOptions withWorkerOverrides(Map<String, String> overrides) {
        return new StackOptions(workers, overrides, brokerOverrides, extraPluginPath);
    }

    public StackOptions withBrokerOverrides(Map<String, String> overrides) {
        return new StackOptions(workers, workerOverrides, overrides, extraPluginPath);
    }

    public StackOptions withExtraPluginPath(List<Path> folders) {
        return new StackOptions(workers, workerOverrides, brokerOverrides, folders);
    }
}
