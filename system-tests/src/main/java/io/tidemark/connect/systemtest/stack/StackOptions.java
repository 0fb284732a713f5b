package io.tidemark.connect.systemtest.stack;

import java.util.Map;

/**
 * How to start a {@link LocalStack}.
 *
 * @param workers         Connect workers in the one group (fault tests use two)
 * @param workerOverrides worker properties set on top of the bundle's etc/connect-distributed.properties
 *                        and the stack's environment, e.g. {@code scheduled.rebalance.max.delay.ms}
 * @param brokerOverrides server.properties entries
 */
public record StackOptions(int workers, Map<String, String> workerOverrides, Map<String, String> brokerOverrides) {

    public StackOptions {
        if (workers < 1) {
            throw new IllegalArgumentException("A stack needs at least one worker");
        }
        workerOverrides = Map.copyOf(workerOverrides);
        brokerOverrides = Map.copyOf(brokerOverrides);
    }

    /** One worker, the example worker config, a default broker. */
    public static StackOptions defaults() {
        return new StackOptions(1, Map.of(), Map.of());
    }

    public StackOptions withWorkers(int count) {
        return new StackOptions(count, workerOverrides, brokerOverrides);
    }

    public StackOptions withWorkerOverrides(Map<String, String> overrides) {
        return new StackOptions(workers, overrides, brokerOverrides);
    }

    public StackOptions withBrokerOverrides(Map<String, String> overrides) {
        return new StackOptions(workers, workerOverrides, overrides);
    }
}
