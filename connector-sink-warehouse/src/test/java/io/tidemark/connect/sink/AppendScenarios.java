package io.tidemark.connect.sink;

import io.tidemark.connect.sink.testing.ChangeEvents;
import io.tidemark.connect.sink.testing.ScenarioBase;
import io.tidemark.connect.sink.testing.SinkHarness;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Append mode (event log tables): every change one row, exactly once, against each database. */
abstract class AppendScenarios extends ScenarioBase {

    private static final String[] APPEND = {"write.mode", "append", "delete.mode", "soft"};

    @Test
    void appendsEveryChangeWithItsOperationVersionAndKafkaCoordinates() throws Exception {
        ChangeEvents events = new ChangeEvents();
        SinkHarness sink = task(APPEND);
        sink.write(events.insert(1, "Ada", 10), events.change("u", 1, "Ada L.", null, 1, 11), events.delete(1, 12), events.tombstone(1));

        assertThat(warehouse.query("SELECT id, name, \"__op\", \"__version\", \"__kafka_topic\", \"__kafka_partition\", \"__kafka_offset\""
                + " FROM " + warehouse.table("customers") + " ORDER BY \"__kafka_offset\""))
                .containsExactly(
                        List.of("1", "Ada", "c", "10", ChangeEvents.TOPIC, "0", "0"),
                        List.of("1", "Ada L.", "u", "11", ChangeEvents.TOPIC, "0", "1"),
                        List.of("1", "null", "d", "12", ChangeEvents.TOPIC, "0", "2"));
    }

    @Test
    void appendsRecordsWithoutKeys() throws Exception {
        ChangeEvents events = new ChangeEvents();
        SinkHarness sink = task("write.mode", "append", "delete.mode", "none", "primary.key.mode", "none");
        sink.write(events.insert(1, "Ada", 10), events.insert(1, "Ada", 10), events.record(null, ChangeEvents.VALUE,
                events.insert(2, "Grace", 11).value(), new org.apache.kafka.connect.header.ConnectHeaders()));

        assertThat(warehouse.query("SELECT id, name FROM " + warehouse.table("customers") + " ORDER BY \"__kafka_offset\""))
                .containsExactly(List.of("1", "Ada"), List.of("1", "Ada"), List.of("2", "Grace"));
    }

    @Test
    void aRestartedTaskResumesAfterTheRowsAlreadyAppendedSoNothingIsAppendedTwice() throws Exception {
        ChangeEvents events = new ChangeEvents();
        List<SinkRecord> firstRun = List.of(events.insert(1, "Ada", 10), events.insert(2, "Grace", 11), events.insert(3, "Edsger", 12));
        SinkHarness crashed = task(APPEND);
        crashed.put(firstRun);
        crashed.settle();
        // The worker dies before Kafka stores the commit: the next task is handed everything again.
        List<SinkRecord> secondRun = new java.util.ArrayList<>(firstRun);
        secondRun.add(events.insert(4, "Barbara", 13));
        SinkHarness restarted = task(APPEND);
        restarted.put(secondRun);
        restarted.settle();

        assertThat(restarted.context().requestedOffsets()).containsEntry(PARTITION, 3L);
        assertThat(warehouse.query("SELECT id FROM " + warehouse.table("customers") + " ORDER BY id"))
                .containsExactly(List.of("1"), List.of("2"), List.of("3"), List.of("4"));
    }

    /** The record as a routing transform sends it to another topic: its original coordinates stay. */
    private static SinkRecord routedTo(String topic, SinkRecord record) {
        return record.newRecord(topic, record.kafkaPartition(), record.keySchema(), record.key(), record.valueSchema(), record.value(),
                record.timestamp(), record.headers());
    }

    /** A@0, B@1, A@2, B@3: one original partition, routed to the tables a and b. */
    private static List<SinkRecord> interleaved(ChangeEvents events) {
        return List.of(routedTo("tm.a", events.insert(1, "A0", 10)), routedTo("tm.b", events.insert(1, "B1", 11)),
                routedTo("tm.a", events.insert(2, "A2", 12)), routedTo("tm.b", events.insert(2, "B3", 13)));
    }

    private List<List<String>> appended(String table) throws Exception {
        return warehouse.query("SELECT name, \"__kafka_offset\" FROM " + warehouse.table(table) + " ORDER BY \"__kafka_offset\"");
    }

    @Test
    void recordsOfOnePartitionRoutedToTwoTablesAreAllAppended() throws Exception {
        SinkHarness sink = task(APPEND);
        sink.write(interleaved(new ChangeEvents()).toArray(new SinkRecord[0]));

        assertThat(appended("a")).containsExactly(List.of("A0", "0"), List.of("A2", "2"));
        assertThat(appended("b")).containsExactly(List.of("B1", "1"), List.of("B3", "3"));
        assertThat(sink.commit()).containsEntry(PARTITION, new org.apache.kafka.clients.consumer.OffsetAndMetadata(4));
    }

    @Test
    void aTaskThatDiedBetweenTwoTablesWritesResumesWhereTheUnwrittenTableNeedsIt() throws Exception {
        // Table b cannot take the records (name is a number there): its write fails after a's committed.
        warehouse.execute("CREATE TABLE " + warehouse.table("b") + " (id BIGINT, name INTEGER)");
        SinkHarness crashed = task(APPEND);
        crashed.put(interleaved(new ChangeEvents()));
        org.assertj.core.api.Assertions.assertThatThrownBy(crashed::commitOrThrow)
                .isInstanceOf(org.apache.kafka.connect.errors.ConnectException.class);
        assertThat(appended("a")).hasSize(2);
        warehouse.execute("DROP TABLE " + warehouse.table("b"));

        // Kafka committed nothing: the next task is handed everything again.
        SinkHarness restarted = task(APPEND);
        restarted.put(interleaved(new ChangeEvents()));
        restarted.commitOrThrow();

        assertThat(appended("a")).containsExactly(List.of("A0", "0"), List.of("A2", "2"));
        assertThat(appended("b")).containsExactly(List.of("B1", "1"), List.of("B3", "3"));
    }

    @Test
    void resettingOffsetsThroughConnectReplaysIntoTheAppendTable() throws Exception {
        ChangeEvents events = new ChangeEvents();
        SinkHarness sink = task(APPEND);
        List<SinkRecord> batch = List.of(events.insert(1, "Ada", 10), events.insert(2, "Grace", 11));
        sink.write(batch.toArray(new SinkRecord[0]));
        sink.close();

        Map<TopicPartition, Long> reset = new HashMap<>();
        reset.put(PARTITION, null);
        assertThat(new WarehouseSinkConnector().alterOffsets(config(APPEND), reset)).isTrue();
        SinkHarness replay = task(APPEND);
        replay.write(batch.toArray(new SinkRecord[0]));

        assertThat(replay.context().requestedOffsets()).doesNotContainKey(PARTITION);
        assertThat(warehouse.query("SELECT count(*) FROM " + warehouse.table("customers"))).containsExactly(List.of("4"));
    }
}
