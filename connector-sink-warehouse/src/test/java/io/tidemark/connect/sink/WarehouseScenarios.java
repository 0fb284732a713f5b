package io.tidemark.connect.sink;

import io.tidemark.connect.sink.testing.ChangeEvents;
import io.tidemark.connect.sink.testing.SinkHarness;
import io.tidemark.connect.sink.testing.TestWarehouse;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sink's behaviour against a real database, driven through the SinkTask API. Each database runs
 * this same class (see the subclasses), so the guarantees are the same everywhere.
 */
abstract class WarehouseScenarios {

    static final TopicPartition PARTITION = new TopicPartition(ChangeEvents.TOPIC, 0);

    TestWarehouse warehouse;
    final List<SinkHarness> harnesses = new ArrayList<>();

    abstract TestWarehouse newWarehouse() throws Exception;

    @BeforeEach
    void createWarehouse() throws Exception {
        warehouse = newWarehouse();
    }

    @AfterEach
    void stopTasks() throws Exception {
        harnesses.forEach(SinkHarness::close);
        warehouse.close();
    }

    Map<String, String> config(String... overrides) {
        Map<String, String> config = new HashMap<>(warehouse.connectorConfig());
        config.put("name", "warehouse-sink-test");
        config.put("retry.backoff.ms", "10");
        for (int i = 0; i < overrides.length; i += 2) {
            config.put(overrides[i], overrides[i + 1]);
        }
        return config;
    }

    SinkHarness task(String... overrides) {
        SinkHarness harness = new SinkHarness(config(overrides), false, PARTITION);
        harnesses.add(harness);
        return harness;
    }

    List<List<String>> customers() throws Exception {
        return warehouse.query("SELECT id, name, email, score FROM " + warehouse.table("customers") + " ORDER BY id");
    }

    @Test
    void insertsUpdatesAndDeletesRows() throws Exception {
        ChangeEvents events = new ChangeEvents();
        SinkHarness sink = task();
        sink.write(events.insert(1, "Ada", 10), events.insert(2, "Grace", 11), events.insert(3, "Edsger", 12));
        sink.write(events.change("u", 2, "Grace Hopper", "grace@navy.mil", 7, 20), events.delete(3, 21));

        assertThat(customers()).containsExactly(
                List.of("1", "Ada", "ada@example.com", "1"),
                List.of("2", "Grace Hopper", "grace@navy.mil", "7"));
    }

    @Test
    void commitsOnlyOffsetsWhoseRowsAreWritten() throws Exception {
        ChangeEvents events = new ChangeEvents();
        SinkHarness sink = task("buffer.count.records", "1000", "buffer.flush.time.ms", "600000");
        sink.put(events.insert(1, "Ada", 10), events.insert(2, "Grace", 11));

        assertThat(warehouse.query("SELECT count(*) FROM information_schema.tables WHERE table_name = 'customers'"))
                .containsExactly(List.of("0"));
        assertThat(sink.commit()).containsOnlyKeys(PARTITION);
        assertThat(sink.commit().get(PARTITION).offset()).isEqualTo(2);
        assertThat(customers()).hasSize(2);
    }

    @Test
    void replayingTheSameBatchLeavesTheTableByteForByteEqual() throws Exception {
        ChangeEvents events = new ChangeEvents();
        List<SinkRecord> batch = List.of(events.insert(1, "Ada", 10), events.insert(2, "Grace", 11),
                events.change("u", 1, "Ada Lovelace", "ada@analytical.engine", 3, 12), events.delete(2, 13), events.tombstone(2));
        SinkHarness first = task();
        first.put(batch);
        first.commit();
        List<List<String>> once = warehouse.dump("customers");

        SinkHarness replay = task();
        replay.put(batch);
        replay.commit();

        assertThat(warehouse.dump("customers")).isEqualTo(once);
        assertThat(once).hasSize(1);
    }

    @Test
    void ignoresChangesOlderThanTheStoredVersion() throws Exception {
        ChangeEvents events = new ChangeEvents();
        SinkHarness sink = task();
        sink.write(events.change("u", 1, "newest", "new@example.com", 3, 300));
        sink.write(events.change("u", 1, "older", "old@example.com", 2, 200), events.delete(1, 250));

        assertThat(customers()).containsExactly(List.of("1", "newest", "new@example.com", "3"));
    }

    @Test
    void keepsColumnsTheSourceDidNotSend() throws Exception {
        ChangeEvents events = new ChangeEvents();
        SinkHarness sink = task();
        sink.write(events.insert(1, "Ada", 10));
        sink.write(events.updateWithoutEmail(1, "Ada Lovelace", 20));

        assertThat(customers()).containsExactly(List.of("1", "Ada Lovelace", "ada@example.com", "1"));
    }

    @Test
    void keepsUnchangedColumnsFromAnEarlierChangeInTheSameBatch() throws Exception {
        ChangeEvents events = new ChangeEvents();
        SinkHarness sink = task();
        sink.write(events.insert(1, "Ada", 10));
        sink.write(events.change("u", 1, "Ada", "first@example.com", 1, 20), events.updateWithoutEmail(1, "Ada L.", 30));

        assertThat(customers()).containsExactly(List.of("1", "Ada L.", "first@example.com", "1"));
    }

    @Test
    void softDeletesKeepTheRowAndItsVersionSoAReplayCannotResurrectIt() throws Exception {
        ChangeEvents events = new ChangeEvents();
        SinkHarness sink = task("delete.mode", "soft");
        SinkRecord insert = events.insert(1, "Ada", 10);
        sink.write(insert, events.insert(2, "Grace", 11));
        sink.write(events.delete(1, 20), events.tombstone(1));
        sink.write(events.change("c", 1, "Ada", "ada@example.com", 1, 10));

        assertThat(warehouse.query("SELECT id, name, \"__deleted\", \"__version\" FROM " + warehouse.table("customers") + " ORDER BY id"))
                .containsExactly(List.of("1", "Ada", "true", "20"), List.of("2", "Grace", "false", "11"));
    }
}
