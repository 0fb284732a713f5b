package io.tidemark.connect.source;

import static io.tidemark.connect.source.testing.Records.atLeast;
import static io.tidemark.connect.source.testing.Records.changesOn;
import static io.tidemark.connect.source.testing.Records.header;
import static io.tidemark.connect.source.testing.Records.onTopic;
import static io.tidemark.connect.source.testing.Records.opsAndKeys;
import static io.tidemark.connect.source.testing.Records.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.management.ObjectName;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.replication.LogSequenceNumber;

import io.tidemark.connect.source.testing.AvroSchemaCheck;
import io.tidemark.connect.source.testing.PostgresServer;
import io.tidemark.connect.source.testing.SourceConfigs;
import io.tidemark.connect.source.testing.TaskRunner;

/** Snapshot, then streaming, against a real PostgreSQL 17: what a sink receives, record by record. */
class ChangeStreamTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final PostgresServer server = PostgresServer.logical();

    @Test
    void snapshotThenStreamingEmitsEveryChangeKeyedByPrimaryKeyInOrder() throws Exception {
        server.execute(
                "CREATE SCHEMA shop",
                "CREATE TABLE shop.customers (id INT PRIMARY KEY, name TEXT NOT NULL, email TEXT)",
                "INSERT INTO shop.customers VALUES (1, 'Ada', 'ada@example.com'), (2, 'Grace', NULL)",
                "CREATE TABLE shop.orders (id BIGINT PRIMARY KEY, customer_id INT, amount NUMERIC(10,2))",
                "INSERT INTO shop.orders VALUES (10, 1, 9.99)");
        Map<String, String> config = SourceConfigs.capturing(server, "stream", "shop\\.customers,shop\\.orders");

        try (TaskRunner runner = new TaskRunner(new PostgresCdcSourceTask(), config,
                TaskRunner.newOffsetStore()).start()) {
            runner.pollUntil(records -> changesOn(records, "stream.shop.customers").size() == 2
                    && changesOn(records, "stream.shop.orders").size() == 1, TIMEOUT, "the snapshot");

            server.execute(
                    "INSERT INTO shop.customers VALUES (3, 'Edsger', 'ed@example.com')",
                    "UPDATE shop.customers SET name = 'Ada L.' WHERE id = 1",
                    "DELETE FROM shop.customers WHERE id = 2",
                    "BEGIN; UPDATE shop.orders SET amount = 10.50 WHERE id = 10; "
                            + "UPDATE shop.orders SET amount = 11.00 WHERE id = 10; "
                            + "INSERT INTO shop.orders VALUES (11, 3, 1.00); COMMIT");
            List<SourceRecord> records = runner.pollUntil(atLeast(6, "stream.shop.customers")
                    .and(atLeast(4, "stream.shop.orders")), TIMEOUT, "the streamed changes");

            List<SourceRecord> customers = onTopic(records, "stream.shop.customers");
            assertThat(opsAndKeys(customers, "id"))
                    .containsExactly("r 1", "r 2", "c 3", "u 1", "d 2", "tombstone 2");
            assertThat(opsAndKeys(onTopic(records, "stream.shop.orders"), "id"))
                    .containsExactly("r 10", "u 10", "u 10", "c 11");

            Struct update = value(customers.get(3));
            assertThat(update.getString("name")).isEqualTo("Ada L.");
            assertThat(update.getString("email")).isEqualTo("ada@example.com");
            assertThat(update.getBoolean("__deleted")).isFalse();
            Struct delete = value(customers.get(4));
            // REPLICA IDENTITY DEFAULT: a delete carries the key columns only.
            assertThat(delete.getInt32("id")).isEqualTo(2);
            assertThat(delete.getString("name")).isNull();
            assertThat(delete.getBoolean("__deleted")).isTrue();
            assertThat(value(onTopic(records, "stream.shop.orders").get(2)).get("amount"))
                    .isEqualTo(new BigDecimal("11.00"));

            assertThat(customers.get(0).keySchema().fields()).extracting(field -> field.name()).containsExactly("id");
            assertThat(customers.get(0).valueSchema().fields()).extracting(field -> field.name())
                    .containsExactly("id", "name", "email", "__op", "__source_ts_ms", "__position", "__deleted");
            assertThat(customers.get(0).valueSchema().field("name").schema().isOptional())
                    .as("non-key columns are optional: deletes and unchanged TOAST columns carry no value").isTrue();
            for (SourceRecord record : records) {
                if (record.topic().startsWith("stream.shop.")) {
                    assertThat(header(record, "tidemark.schema")).isEqualTo("shop");
                    assertThat(header(record, "tidemark.table")).isEqualTo(record.topic().substring("stream.shop.".length()));
                    assertThat(record.sourceOffset()).containsKey("lsn");
                }
                AvroSchemaCheck.assertAvroLegal(record.keySchema());
                if (record.valueSchema() != null) {
                    AvroSchemaCheck.assertAvroLegal(record.valueSchema());
                }
            }
            assertPositionGrowsPerKey(records);
            assertThat(changesOn(records, "stream.shop.customers"))
                    .allSatisfy(record -> assertThat(value(record).getInt64("__source_ts_ms")).isPositive());
        }
    }

    @Test
    void schemaChangesFlowAsNewValueSchemasAndAKeyChangeIsDeleteThenInsert() throws Exception {
        server.execute("CREATE TABLE public.products (id INT PRIMARY KEY, name TEXT, qty INT)",
                "INSERT INTO public.products VALUES (1, 'pen', 5)");
        Map<String, String> config = SourceConfigs.capturing(server, "evolve", "public\\.products");
        String topic = "evolve.public.products";

        try (TaskRunner runner = new TaskRunner(new PostgresCdcSourceTask(), config,
                TaskRunner.newOffsetStore()).start()) {
            runner.pollUntil(atLeast(1, topic), TIMEOUT, "the snapshot");
            // Each step waits until the stream caught up: Debezium reads column definitions from the
            // database when a table's relation changes, so DDL racing a lagging stream would give
            // earlier changes the later definition.
            step(runner, topic, 2, "INSERT INTO public.products VALUES (2, 'ink', 1)");
            step(runner, topic, 3, "ALTER TABLE public.products ADD COLUMN price NUMERIC(8,2)",
                    "INSERT INTO public.products VALUES (3, 'pad', 2, 3.50)");
            step(runner, topic, 4, "ALTER TABLE public.products DROP COLUMN name",
                    "UPDATE public.products SET qty = 6 WHERE id = 1");
            step(runner, topic, 5, "ALTER TABLE public.products ALTER COLUMN qty TYPE BIGINT",
                    "UPDATE public.products SET qty = 7 WHERE id = 1");
            step(runner, topic, 8, "UPDATE public.products SET id = 100 WHERE id = 1");
            List<SourceRecord> records = onTopic(runner.received(), topic);

            assertThat(opsAndKeys(records, "id"))
                    .containsExactly("r 1", "c 2", "c 3", "u 1", "u 1", "d 1", "tombstone 1", "c 100");
            assertThat(fieldNames(records.get(1))).containsExactly("id", "name", "qty");
            assertThat(fieldNames(records.get(2))).containsExactly("id", "name", "qty", "price");
            assertThat(value(records.get(2)).get("price")).isEqualTo(new BigDecimal("3.50"));
            assertThat(fieldNames(records.get(3))).containsExactly("id", "qty", "price");
            assertThat(records.get(3).valueSchema().field("qty").schema().type()).isEqualTo(Schema.Type.INT32);
            assertThat(records.get(4).valueSchema().field("qty").schema().type()).isEqualTo(Schema.Type.INT64);
            assertThat(value(records.get(4)).getInt64("qty")).isEqualTo(7L);
            assertThat(value(records.get(7)).getInt64("qty")).isEqualTo(7L);
            assertThat(header(records.get(6), "tidemark.table")).isEqualTo("products");
            assertPositionGrowsPerKey(records);
        }
    }

    @Test
    void withoutTombstonesADeleteIsTheLastRecordOfItsKey() throws Exception {
        server.execute("CREATE TABLE public.notes (id INT PRIMARY KEY, body TEXT)",
                "INSERT INTO public.notes VALUES (1, 'a')");
        Map<String, String> config = new HashMap<>(SourceConfigs.capturing(server, "notomb", "public\\.notes"));
        config.put("tombstones.on.delete", "false");
        String topic = "notomb.public.notes";

        try (TaskRunner runner = new TaskRunner(new PostgresCdcSourceTask(), config,
                TaskRunner.newOffsetStore()).start()) {
            runner.pollUntil(atLeast(1, topic), TIMEOUT, "the snapshot");
            server.execute("DELETE FROM public.notes WHERE id = 1", "INSERT INTO public.notes VALUES (2, 'b')");
            List<SourceRecord> records = onTopic(runner.pollUntil(atLeast(3, topic), TIMEOUT, "the changes"), topic);
            assertThat(opsAndKeys(records, "id")).containsExactly("r 1", "d 1", "c 2");
        }
    }

    @Test
    void debeziumMetricsAreRegisteredUnderTheConnectorName() throws Exception {
        server.execute("CREATE TABLE public.metered (id INT PRIMARY KEY)", "INSERT INTO public.metered VALUES (1)");
        Map<String, String> config = SourceConfigs.capturing(server, "metered", "public\\.metered");

        try (TaskRunner runner = new TaskRunner(new PostgresCdcSourceTask(), config,
                TaskRunner.newOffsetStore()).start()) {
            runner.pollUntil(atLeast(1, "metered.public.metered"), TIMEOUT, "the snapshot");
            ObjectName streaming = new ObjectName(
                    "debezium.postgres:type=connector-metrics,context=streaming,server=metered,connector=metered");
            ObjectName snapshot = new ObjectName(
                    "debezium.postgres:type=connector-metrics,context=snapshot,server=metered,connector=metered");
            assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(snapshot)).isTrue();
            assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(snapshot, "TotalNumberOfEventsSeen"))
                    .isEqualTo(1L);
            runner.pollUntil(records -> ManagementFactory.getPlatformMBeanServer().isRegistered(streaming),
                    TIMEOUT, "the streaming metrics");
        }
    }

    /**
     * Since PostgreSQL 15, pgoutput sends nothing for a transaction that changes only tables outside
     * the publication, and Debezium moves its position only on what it receives, so heartbeats alone
     * repeat the old position. By default each heartbeat also emits a non-transactional logical
     * decoding message, which gives it something to receive; the message's prefix is excluded, so no
     * record is emitted for it.
     */
    @Test
    void heartbeatMessagesLetTheSlotMovePastChangesOfTablesNotCaptured() throws Exception {
        server.execute("CREATE TABLE public.quiet (id INT PRIMARY KEY)", "CREATE TABLE public.busy (id INT)");
        Map<String, String> config = new HashMap<>(SourceConfigs.capturing(server, "beat", "public\\.quiet"));
        config.put("heartbeat.interval.ms", "100");
        String heartbeats = "__debezium-heartbeat.beat";

        try (TaskRunner runner = new TaskRunner(new PostgresCdcSourceTask(), config,
                TaskRunner.newOffsetStore()).start()) {
            // Well into streaming, so no position the connector started with can be past the write below.
            runner.pollUntil(atLeast(20, heartbeats), TIMEOUT, "20 heartbeats");
            server.execute("INSERT INTO public.busy SELECT g FROM generate_series(1, 1000) g");
            // The insert position, not the write position: the embedded server commits asynchronously
            // (synchronous_commit=off), so the write position may still lie before the insert.
            long walAfterWrite = lsn(server.query("SELECT pg_current_wal_insert_lsn()::text AS lsn").get(0)
                    .get("lsn"));
            runner.pollUntil(records -> onTopic(records, heartbeats).stream()
                    .anyMatch(record -> ((Number) record.sourceOffset().get("lsn")).longValue() >= walAfterWrite),
                    TIMEOUT, "a heartbeat past the write to the uncaptured table");
            runner.commit();
            runner.pollUntil(records -> lsn(server.query("SELECT confirmed_flush_lsn::text AS lsn "
                    + "FROM pg_replication_slots WHERE slot_name = 'beat'").get(0).get("lsn")) >= walAfterWrite,
                    TIMEOUT, "the slot to confirm past the write");
            assertThat(changesOn(runner.received(), "beat.public.quiet")).isEmpty();
            assertThat(runner.received()).as("records: heartbeats only, the excluded messages emit none")
                    .allMatch(record -> heartbeats.equals(record.topic()));
            assertThat(onTopic(runner.received(), heartbeats).get(0).valueSchema().name())
                    .isEqualTo("io.debezium.connector.common.Heartbeat");
        }
    }

    private static long lsn(Object text) {
        return LogSequenceNumber.valueOf((String) text).asLong();
    }

    private static void step(TaskRunner runner, String topic, int recordsAfter, String... statements)
            throws InterruptedException {
        server.execute(statements);
        runner.pollUntil(atLeast(recordsAfter, topic), TIMEOUT, String.join("; ", statements));
    }

    private static List<String> fieldNames(SourceRecord record) {
        return record.valueSchema().fields().stream().map(field -> field.name())
                .filter(name -> !name.startsWith("__")).toList();
    }

    /** The sink refuses a change whose position is not above what it holds for the key. */
    static void assertPositionGrowsPerKey(List<SourceRecord> records) {
        Map<String, Long> lastByKey = new HashMap<>();
        for (SourceRecord record : records) {
            if (record.value() == null || !(record.value() instanceof Struct value)
                    || value.schema().field("__position") == null) {
                continue;
            }
            String key = record.topic() + "/" + record.key();
            long position = value.getInt64("__position");
            Long previous = lastByKey.put(key, position);
            if (previous != null) {
                assertThat(position).as("__position of %s after %s", key, previous).isGreaterThan(previous);
            }
        }
    }
}
