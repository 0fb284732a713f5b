package io.tidemark.connect.source.testing;

import java.util.HashMap;
import java.util.Map;

/** Connector configurations for the component tests: one slot and publication per scenario. */
public final class SourceConfigs {

    private SourceConfigs() {
    }

    /**
     * @param scenario lower-case letters and underscores; names the connector, topic prefix, slot
     *     and publication so scenarios sharing a server do not see each other
     */
    public static Map<String, String> capturing(PostgresServer server, String scenario, String tableIncludeList) {
        Map<String, String> config = new HashMap<>(server.connectionConfig());
        config.put("name", scenario.replace('_', '-'));
        config.put("topic.prefix", scenario);
        config.put("slot.name", scenario);
        config.put("publication.name", scenario);
        config.put("table.include.list", tableIncludeList);
        // Short Debezium poll waits keep the tests quick; the worker's defaults are for throughput.
        config.put("debezium.poll.interval.ms", "50");
        return config;
    }
}
