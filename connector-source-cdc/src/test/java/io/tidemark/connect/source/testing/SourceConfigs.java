package io.tidemark.connect.source.testing;

import java.util.HashMap;
import java.util.Map;

/** Connector configurations for the component tests: one slot and publication per scenario. */
public final class SourceConfigs {

    private SourceConfigs() {
    }

    /** The required options only, for a server that need not exist: name shop-cdc, prefix shop. */
    public static Map<String, String> minimal() {
        Map<String, String> config = new HashMap<>();
        config.put("name", "shop-cdc");
        config.put("database.hostname", "db.example.com");
        config.put("database.dbname", "shop");
        config.put("database.user", "cdc");
        config.put("topic.prefix", "shop");
        return config;
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
