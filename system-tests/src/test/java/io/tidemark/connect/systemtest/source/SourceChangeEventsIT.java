package io.tidemark.connect.systemtest.source;

import static io.tidemark.connect.systemtest.source.ChangeRecord.DELETED;
import static io.tidemark.connect.systemtest.source.ChangeRecord.OP;
import static io.tidemark.connect.systemtest.source.ChangeRecord.POSITION;
import static io.tidemark.connect.systemtest.source.ChangeRecord.SCHEMA_HEADER;
import static io.tidemark.connect.systemtest.source.ChangeRecord.SOURCE_TS_MS;
import static io.tidemark.connect.systemtest.source.ChangeRecord.TABLE_HEADER;
import static io.tidemark.connect.systemtest.source.ChangeRecord.UNCHANGED_HEADER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tidemark.connect.systemtest.Await;
import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The CDC source from {@code etc/source-postgres-cdc.json}, created through a real worker's REST API
 * from the built zip, writes what the change-event contract promises, read back from Kafka with the
 * worker's own converters: snapshot rows, inserts, updates and deletes keyed by primary key, flat
 * values with {@code __op}, {@code __source_ts_ms}, {@code __position} and {@code __deleted}, a
 * tombstone after each delete, the source table in headers, and an untouched TOAST column as null
 * named in {@code tidemark.unchanged}.
 */
@ExtendWith(LocalStackExtension.class)
class SourceChangeEventsIT {

    private static final List<String> CUSTOMER_FIELDS = List.of("id", "name", "email", "phone", "card", "region",
        "notes", "updated_at", OP, SOURCE_TS_MS, POSITION, DELETED);
    /** The commit clock is PostgreSQL's, the bounds are this JVM's: same host, a little slack for rounding. */
    private static final long CLOCK_SLACK_MS = 1000;

    @Test
    void snapshotAndStreamedChangesArriveInTheContract(LocalStack stack) {
        TestNames names = TestNames.of("source_events");
        // Random letters: PostgreSQL cannot compress them below its 2 kB TOAST threshold, so the value
        // is stored out of line and an UPDATE that does not touch it does not send it.
        String largeNotes = randomText(20_000);
        try (TestSchema schema = TestSchema.create(stack.postgres(), names.prefix(), ShopTables.CUSTOMERS,
                ShopTables.ORDERS)) {
            schema.execute(
                "INSERT INTO %s.customers (id, name, email, notes) VALUES (1, 'Ada', 'ada@example.com', 'regular')"
                    .formatted(schema.name()),
                "INSERT INTO %s.customers (id, name, email) VALUES (2, 'Grace', 'grace@example.com')"
                    .formatted(schema.name()),
                "INSERT INTO %s.orders (id, customer_id, status, amount) VALUES (10, 1, 'placed', 12.50)"
                    .formatted(schema.name()));
            long beforeSnapshot = System.currentTimeMillis();
            try (ExampleSourceConnector source = ExampleSourceConnector.start(stack, stack.connect(), names,
                    List.of(schema.table("customers"), schema.table("orders")))) {
                String customersTopic = source.topic(schema.table("customers"));
                String ordersTopic = source.topic(schema.table("orders"));
                // Changes start once the snapshot is in Kafka, so each row's snapshot image is known.
                awaitRecords(stack, customersTopic, 2);
                awaitRecords(stack, ordersTopic, 1);
                long afterSnapshot = System.currentTimeMillis();

                Change insertLarge = Change.run(schema, "INSERT INTO %s.customers (id, name, email, notes) "
                    + "VALUES (3, 'Linus', 'linus@example.com', '" + largeNotes + "')");
                Change updateBesideLarge = Change.run(schema, "UPDATE %s.customers SET region = 'EU' WHERE id = 3");
                Change updateSmall = Change.run(schema,
                    "UPDATE %s.customers SET email = 'ada@example.org' WHERE id = 1");
                Change delete = Change.run(schema, "DELETE FROM %s.orders WHERE id = 10");
                Change insertOrder = Change.run(schema,
                    "INSERT INTO %s.orders (id, customer_id, status, amount) VALUES (11, 2, 'paid', 99.99)");

                List<ChangeRecord> customers = awaitRecords(stack, customersTopic, 5);
                List<ChangeRecord> orders = awaitRecords(stack, ordersTopic, 4);

                assertThat(customers).extracting(ChangeRecord::id, ChangeRecord::op)
                    .as("customers: snapshot rows, then insert, update, update in commit order")
                    .containsExactly(tuple(1L, "r"), tuple(2L, "r"), tuple(3L, "c"), tuple(3L, "u"), tuple(1L, "u"));
                for (ChangeRecord record : customers) {
                    assertKeyIsThePrimaryKey(record);
                    assertThat(fieldNames(record.value().schema())).as("value fields of %s", record.where())
                        .isEqualTo(CUSTOMER_FIELDS);
                    assertThat(record.value().schema().name()).isEqualTo(customersTopic + ".Value");
                    assertHeadersName(record, schema.name(), "customers");
                    assertThat(record.value().getBoolean(DELETED)).isFalse();
                }
                assertSnapshotRow(customers.get(0), beforeSnapshot, afterSnapshot, insertLarge);
                assertSnapshotRow(customers.get(1), beforeSnapshot, afterSnapshot, insertLarge);
                assertThat(customers.get(0).value().getString("email")).isEqualTo("ada@example.com");
                assertThat(customers.get(1).value().getString("name")).isEqualTo("Grace");

                ChangeRecord inserted = customers.get(2);
                insertLarge.assertProduced(inserted);
                assertThat(inserted.value().getString("notes")).isEqualTo(largeNotes);
                assertThat(inserted.raw().headers().lastHeader(UNCHANGED_HEADER)).isNull();

                ChangeRecord untouchedToast = customers.get(3);
                updateBesideLarge.assertProduced(untouchedToast);
                assertThat(untouchedToast.value().getString("region")).isEqualTo("EU");
                assertThat(untouchedToast.value().getString("name")).isEqualTo("Linus");
                assertThat(untouchedToast.value().get("notes"))
                    .as("a TOAST column the update did not send is null, never a placeholder").isNull();
                assertThat(untouchedToast.unchangedColumns()).containsExactly("notes");
                assertThat(new String(untouchedToast.raw().headers().lastHeader(UNCHANGED_HEADER).value(),
                    StandardCharsets.UTF_8)).as("the header as a plain Kafka consumer sees it").isEqualTo("[\"notes\"]");

                ChangeRecord updated = customers.get(4);
                updateSmall.assertProduced(updated);
                assertThat(updated.value().getString("email")).isEqualTo("ada@example.org");
                assertThat(updated.value().getString("notes")).isEqualTo("regular");
                assertThat(updated.raw().headers().lastHeader(UNCHANGED_HEADER)).isNull();

                assertOrders(orders, schema.name(), delete, insertOrder);
            }
        }
    }

    private static void assertOrders(List<ChangeRecord> orders, String schemaName, Change delete,
                                     Change insertOrder) {
        assertThat(orders).extracting(ChangeRecord::id, record -> record.isTombstone() ? "tombstone" : record.op())
            .as("orders: snapshot row, delete, tombstone, insert")
            .containsExactly(tuple(10L, "r"), tuple(10L, "d"), tuple(10L, "tombstone"), tuple(11L, "c"));
        orders.forEach(record -> {
            assertKeyIsThePrimaryKey(record);
            assertHeadersName(record, schemaName, "orders");
        });
        assertThat(orders.get(0).value().getString("status")).isEqualTo("placed");
        assertThat(orders.get(0).value().get("amount")).isEqualTo(new BigDecimal("12.50"));

        ChangeRecord deleted = orders.get(1);
        delete.assertProduced(deleted);
        assertThat(deleted.value().getBoolean(DELETED)).isTrue();
        assertThat(deleted.value().get("status"))
            .as("REPLICA IDENTITY DEFAULT: a delete carries only the key, the rest is null").isNull();

        ChangeRecord tombstone = orders.get(2);
        assertThat(tombstone.raw().value()).as("a tombstone's value is null for any consumer").isNull();
        assertThat(tombstone.raw().key()).isEqualTo(deleted.raw().key());

        ChangeRecord insertedOrder = orders.get(3);
        insertOrder.assertProduced(insertedOrder);
        assertThat(insertedOrder.value().getBoolean(DELETED)).isFalse();
        assertThat(insertedOrder.value().get("amount")).isEqualTo(new BigDecimal("99.99"));
    }

    private static void assertKeyIsThePrimaryKey(ChangeRecord record) {
        assertThat(fieldNames(record.key().schema())).as("key fields of %s", record.where()).containsExactly("id");
        assertThat(record.key().schema().field("id").schema().type()).isEqualTo(Schema.Type.INT64);
    }

    private static void assertHeadersName(ChangeRecord record, String schema, String table) {
        assertThat(record.header(SCHEMA_HEADER)).as("%s of %s", SCHEMA_HEADER, record.where()).isEqualTo(schema);
        assertThat(record.header(TABLE_HEADER)).as("%s of %s", TABLE_HEADER, record.where()).isEqualTo(table);
    }

    /**
     * A snapshot row's time is when it was read, and its position lies before every change streamed
     * after the snapshot, so a sink that refuses older positions lets those changes win.
     */
    private static void assertSnapshotRow(ChangeRecord row, long beforeSnapshot, long afterSnapshot,
                                          Change firstStreamed) {
        assertThat(row.value().getInt64(SOURCE_TS_MS)).as("snapshot time of %s", row.where())
            .isBetween(beforeSnapshot - CLOCK_SLACK_MS, afterSnapshot + CLOCK_SLACK_MS);
        assertThat(row.position()).as("snapshot position of %s", row.where())
            .isPositive().isLessThan(firstStreamed.lsnBefore());
    }

    private static List<ChangeRecord> awaitRecords(LocalStack stack, String topic, int count) {
        return Await.value(count + " records in " + topic, ExampleSourceConnector.TIMEOUT,
            () -> ChangeTopic.read(stack.kafka(), topic), records -> records.size() >= count);
    }

    private static List<String> fieldNames(Schema schema) {
        return schema.fields().stream().map(Field::name).toList();
    }

    private static String randomText(int length) {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    /**
     * One committed statement with the WAL positions and clock readings around it: its record must
     * carry an LSN between the two positions and a commit time between the two readings.
     */
    private record Change(String sql, long lsnBefore, long lsnAfter, long millisBefore, long millisAfter) {

        static Change run(TestSchema schema, String sqlTemplate) {
            String sql = sqlTemplate.formatted(schema.name());
            long lsnBefore = schema.currentLsn();
            long millisBefore = System.currentTimeMillis();
            schema.execute(sql);
            long millisAfter = System.currentTimeMillis();
            return new Change(sql, lsnBefore, schema.currentLsn(), millisBefore, millisAfter);
        }

        void assertProduced(ChangeRecord record) {
            Struct value = record.value();
            assertThat(value.getInt64(POSITION)).as("__position (the change's LSN) of %s", record.where())
                .isBetween(lsnBefore, lsnAfter);
            assertThat(value.getInt64(SOURCE_TS_MS)).as("__source_ts_ms (commit time) of %s", record.where())
                .isBetween(millisBefore - CLOCK_SLACK_MS, millisAfter + CLOCK_SLACK_MS);
        }
    }
}
