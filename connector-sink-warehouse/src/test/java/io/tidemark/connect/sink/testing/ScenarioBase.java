package io.tidemark.connect.sink.testing;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fresh warehouse per test and sink tasks that are stopped after it. Scenario classes extend this
 * and run once per database through a subclass that supplies the warehouse.
 */
public abstract class ScenarioBase {

    public static final TopicPartition PARTITION = new TopicPartition(ChangeEvents.TOPIC, 0);

    protected TestWarehouse warehouse;
    private final List<SinkHarness> harnesses = new ArrayList<>();

    protected abstract TestWarehouse newWarehouse() throws Exception;

    @BeforeEach
    void createWarehouse() throws Exception {
        warehouse = newWarehouse();
    }

    @AfterEach
    void stopTasks() throws Exception {
        try {
            harnesses.forEach(harness -> {
                try {
                    harness.close();
                } catch (RuntimeException e) {
                    // A test that made the task fail may leave it unable to commit; stopping is what matters.
                }
            });
        } finally {
            warehouse.close();
        }
    }

    /** The warehouse's connection options, a connector name, a fast retry backoff, and the overrides. */
    protected Map<String, String> config(String... overrides) {
        Map<String, String> config = new HashMap<>(warehouse.connectorConfig());
        config.put("name", "warehouse-sink-test");
        config.put("retry.backoff.ms", "10");
        // -Dsink.pipeline.depth=n runs every scenario with flush.pipeline.depth n (the pom's synchronous-flush
        // execution runs them with 0; the default is 1).
        String depth = System.getProperty("sink.pipeline.depth");
        if (depth != null) {
            config.put("flush.pipeline.depth", depth);
        }
        for (int i = 0; i < overrides.length; i += 2) {
            config.put(overrides[i], overrides[i + 1]);
        }
        return config;
    }

    protected SinkHarness task(String... overrides) {
        return task(false, overrides);
    }

    protected SinkHarness taskWithDeadLetterQueue(String... overrides) {
        return task(true, overrides);
    }

    private SinkHarness task(boolean deadLetterQueue, String... overrides) {
        SinkHarness harness = new SinkHarness(config(overrides), deadLetterQueue, PARTITION);
        harnesses.add(harness);
        return harness;
    }

    /** A task that is stopped after the test, for callers building their own harness. */
    protected SinkHarness register(SinkHarness harness) {
        harnesses.add(harness);
        return harness;
    }

    /**
     * Whether the sink created the table: a query on it succeeds. (A look into information_schema would need each
     * warehouse's spelling of the name; Snowflake's is upper case.)
     */
    protected boolean tableExists(String name) {
        try {
            warehouse.query("SELECT 1 FROM " + warehouse.table(name) + " LIMIT 0");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    protected List<List<String>> customers() throws Exception {
        return warehouse.query("SELECT id, name, email, score FROM " + warehouse.table("customers") + " ORDER BY id");
    }
}
