package io.tidemark.connect.sink;

import io.tidemark.connect.sink.testing.ChangeEvents;
import io.tidemark.connect.sink.testing.ScenarioBase;
import io.tidemark.connect.sink.testing.SinkHarness;
import io.tidemark.connect.sink.testing.TestSinkTaskContext;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad records, refused rows and schema conflicts, against each database. */
abstract class FailureScenarios extends ScenarioBase {

    static final Schema PRICE = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA)
            .field("amount", Decimal.builder(2).parameter("connect.decimal.precision", "5").optional().build()).build();

    SinkRecord price(ChangeEvents events, long id, String amount) {
        return events.record(ChangeEvents.key(id), PRICE, new Struct(PRICE).put("id", id).put("amount", new BigDecimal(amount)),
                new ConnectHeaders());
    }

    @Test
    void sendsARecordThatCannotBeConvertedToTheDeadLetterQueueAndWritesTheRest() throws Exception {
        ChangeEvents events = new ChangeEvents();
        SinkHarness sink = taskWithDeadLetterQueue();
        SinkRecord first = events.insert(1, "Ada", 10);
        SinkRecord keyless = events.record(null, ChangeEvents.VALUE, first.value(), new ConnectHeaders());
        sink.put(first, keyless, events.insert(3, "Edsger", 12));

        assertThat(sink.settle().get(PARTITION).offset()).isEqualTo(3);
        assertThat(customers()).extracting(row -> row.get(0)).containsExactly("1", "3");
        List<TestSinkTaskContext.Reported> reported = sink.context().reported();
        assertThat(reported).hasSize(1);
        assertThat(reported.get(0).record()).isSameAs(keyless);
        assertThat(reported.get(0).error().getMessage()).contains("tm.public.customers/0/1").contains("has no key");
    }

    @Test
    void isolatesTheRowsTheDatabaseRefusesAndSendsOnlyThoseToTheDeadLetterQueue() throws Exception {
        ChangeEvents events = new ChangeEvents("shop.prices", 0);
        SinkHarness sink = register(new SinkHarness(config(), true, new TopicPartition("shop.prices", 0)));
        List<SinkRecord> batch = new ArrayList<>();
        for (long id = 0; id < 40; id++) {
            // amount has 5 digits, 2 after the point: 12345.67 does not fit; 999.99 does.
            batch.add(price(events, id, id == 13 || id == 31 ? "12345.67" : "999.99"));
        }
        sink.put(batch);
        sink.settle();

        assertThat(warehouse.query("SELECT count(*) FROM " + warehouse.table("prices"))).containsExactly(List.of("38"));
        assertThat(sink.context().reported()).extracting(reported -> reported.record().kafkaOffset()).containsExactly(13L, 31L);
        assertThat(sink.context().reported().get(0).error().getMessage()).contains("shop.prices/0/13").contains("prices")
                .as("record values stay out of messages").doesNotContain("12345");
    }

    @Test
    void anOffsetPastARecordSentToTheDeadLetterQueueIsCommittableOnlyOnceTheQueueHasIt() throws Exception {
        ChangeEvents events = new ChangeEvents("shop.prices", 0);
        TopicPartition prices = new TopicPartition("shop.prices", 0);
        SinkHarness sink = register(new SinkHarness(config(), true, prices));
        sink.context().holdReports();
        sink.put(price(events, 1, "1.00"), price(events, 2, "12345.67"), price(events, 3, "2.00"));

        // The flush isolates the bad row and reports it; the queue has not written it yet.
        assertThat(sink.settle()).as("held back at the reported record").containsEntry(prices, new OffsetAndMetadata(1));
        assertThat(sink.context().reported()).hasSize(1);
        assertThat(warehouse.query("SELECT count(*) FROM " + warehouse.table("prices"))).containsExactly(List.of("2"));

        sink.context().completeHeldReports();
        assertThat(sink.commit()).containsEntry(prices, new OffsetAndMetadata(3));
    }

    @Test
    void aDeadLetterQueueWriteThatFailsIsNeverAcknowledgedAndFailsTheTask() throws Exception {
        ChangeEvents events = new ChangeEvents("shop.prices", 0);
        TopicPartition prices = new TopicPartition("shop.prices", 0);
        SinkHarness sink = register(new SinkHarness(config(), true, prices));
        sink.context().holdReports();
        sink.put(price(events, 1, "1.00"), price(events, 2, "12345.67"));
        sink.settle();
        sink.context().failHeldReports(new org.apache.kafka.common.errors.TimeoutException("dead-letter topic unavailable"));

        assertThat(sink.commit()).containsEntry(prices, new OffsetAndMetadata(1));
        assertThatThrownBy(() -> sink.put(price(events, 3, "2.00"))).isInstanceOf(ConnectException.class)
                .hasMessageContaining("shop.prices/0/1").hasMessageContaining("dead-letter queue");
    }

    @Test
    void aPartitionWhoseRecordsATransformDroppedHasItsOffsetCommitted() throws Exception {
        ChangeEvents events = new ChangeEvents();
        TopicPartition filtered = new TopicPartition(ChangeEvents.TOPIC, 1);
        SinkHarness sink = task();
        sink.assign(List.of(filtered));
        sink.write(events.insert(1, "Ada", 10));
        // Every record of partition 1 was dropped by a filter transform; partition 0's later records too.
        sink.consumedWithoutDelivery(filtered, 40);
        sink.consumedWithoutDelivery(PARTITION, 7);

        assertThat(sink.commit()).containsEntry(filtered, new OffsetAndMetadata(40)).containsEntry(PARTITION, new OffsetAndMetadata(7));
    }

    @Test
    void twoSourceTablesLandingInOneWarehouseTableFailTheTaskNamingBothTopicsEvenWithADeadLetterQueue() {
        SinkHarness sink = taskWithDeadLetterQueue();
        SinkRecord sales = new ChangeEvents("tm.sales.customers", 0).insert(1, "Ada", 10);
        sales.headers().addString("tidemark.schema", "sales").addString("tidemark.table", "customers");
        SinkRecord hr = new ChangeEvents("tm.hr.customers", 0).insert(1, "Grace", 10);
        hr.headers().addString("tidemark.schema", "hr").addString("tidemark.table", "customers");

        assertThatThrownBy(() -> sink.put(sales, hr)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("tm.sales.customers").hasMessageContaining("tm.hr.customers");
        assertThat(sink.context().reported()).isEmpty();
    }

    @Test
    void withoutADeadLetterQueueTheTaskFailsNamingTheRecordAndTheCause() {
        ChangeEvents events = new ChangeEvents("shop.prices", 0);
        SinkHarness sink = register(new SinkHarness(config(), false, new TopicPartition("shop.prices", 0)));
        sink.put(price(events, 1, "1.00"), price(events, 2, "12345.67"), price(events, 3, "2.00"));

        assertThatThrownBy(sink::commitOrThrow).isInstanceOf(ConnectException.class)
                .hasMessageContaining("shop.prices/0/1").hasMessageContaining("prices").hasMessageContaining("dead-letter queue")
                .satisfies(e -> assertThat(e.getMessage()).as("record values stay out of messages").doesNotContain("12345"));
    }

    /** The database's name, in lower case, for the column type the sink creates for an int32 field. */
    protected String int32ColumnType() {
        return "integer";
    }

    @Test
    void refusesAnIncompatibleTypeChangeNamingTheColumnAndBothTypes() {
        ChangeEvents events = new ChangeEvents();
        SinkHarness sink = task();
        sink.write(events.insert(1, "Ada", 10));
        Schema changed = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).field("score", Schema.OPTIONAL_STRING_SCHEMA)
                .field("__op", Schema.STRING_SCHEMA).field("__position", Schema.INT64_SCHEMA).build();
        SinkRecord record = events.record(ChangeEvents.key(2), changed,
                new Struct(changed).put("id", 2L).put("score", "high").put("__op", "c").put("__position", 20L), new ConnectHeaders());

        sink.put(record);
        assertThatThrownBy(sink::commitOrThrow)
                .isInstanceOf(ConnectException.class)
                .satisfies(e -> assertThat(e.getMessage().toLowerCase(java.util.Locale.ROOT)).contains("score").contains(int32ColumnType())
                        .contains("string"));
    }

    @Test
    void aBatchDeliveredAgainIsNotBufferedTwice() throws Exception {
        ChangeEvents events = new ChangeEvents();
        SinkHarness sink = task("write.mode", "append", "delete.mode", "none", "buffer.count.records", "1000");
        List<SinkRecord> batch = List.of(events.insert(1, "Ada", 10), events.insert(2, "Grace", 11));
        sink.put(batch);
        sink.put(batch);
        sink.settle();

        assertThat(warehouse.query("SELECT count(*) FROM " + warehouse.table("customers"))).containsExactly(List.of("2"));
    }

    @Test
    void revokingAPartitionAfterAFailedFlushRewindsThePartitionsTheTaskKeeps() {
        TopicPartition second = new TopicPartition(ChangeEvents.TOPIC, 1);
        SinkHarness sink = task("auto.create", "false", "buffer.count.records", "1000");
        sink.assign(Set.of(second));
        ChangeEvents secondEvents = new ChangeEvents(ChangeEvents.TOPIC, 1);
        secondEvents.rewindTo(40);
        sink.put(new ChangeEvents().insert(1, "Ada", 10), secondEvents.insert(2, "Grace", 11), secondEvents.insert(3, "Edsger", 12));
        sink.commit();

        sink.revoke(Set.of(PARTITION));

        assertThat(sink.context().requestedOffsets()).isEqualTo(java.util.Map.of(second, 40L));
        assertThat(sink.commit()).isEqualTo(java.util.Map.of(second, new org.apache.kafka.clients.consumer.OffsetAndMetadata(40)));
    }

    @Test
    void aFailedFlushCommitsNothingAndRevokingThePartitionDropsTheUnwrittenRecords() throws Exception {
        ChangeEvents events = new ChangeEvents();
        SinkHarness sink = task("auto.create", "false", "buffer.count.records", "1000");
        sink.put(events.insert(1, "Ada", 10), events.insert(2, "Grace", 11));

        assertThat(sink.commit().get(PARTITION).offset()).isZero();
        sink.revoke(Set.of(PARTITION));
        warehouse.execute("CREATE TABLE " + warehouse.table("customers") + " (id BIGINT PRIMARY KEY, name VARCHAR, email VARCHAR,"
                + " score INTEGER, \"__version\" BIGINT, \"__source_ts_ms\" BIGINT)");
        sink.assign(Set.of(PARTITION));
        assertThat(sink.commit()).isEmpty();
        assertThat(customers()).isEmpty();
    }
}
