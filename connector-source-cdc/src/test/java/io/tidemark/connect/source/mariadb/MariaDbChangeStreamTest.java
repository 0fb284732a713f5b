package io.tidemark.connect.source.mariadb;

import static io.tidemark.connect.source.testing.Records.atLeast;
import static io.tidemark.connect.source.testing.Records.changesOn;
import static io.tidemark.connect.source.testing.Records.header;
import static io.tidemark.connect.source.testing.Records.onTopic;
import static io.tidemark.connect.source.testing.Records.opsAndKeys;
import static io.tidemark.connect.source.testing.Records.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.tidemark.connect.source.testing.AvroSchemaCheck;
import io.tidemark.connect.source.testing.MariaDbServer;
import io.tidemark.connect.source.testing.Records;
import io.tidemark.connect.source.testing.TaskRunner;

/** Snapshot, then streaming, against a real MariaDB 11.4: what a sink receives, record by record. */
class MariaDbChangeStreamTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final MariaDbServer server = MariaDbServer.forCdc();

    @TempDir
    Path history;

    @Test
    void snapshotThenStreamingEmitsEveryChangeKeyedByPrimaryKeyInOrder() throws Exception {
        server.execute("CREATE DATABASE shop",
                "CREATE TABLE shop.customers (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(100))",
                "INSERT INTO shop.customers VALUES (1, 'Ada', 'ada@example.com'), (2, 'Grace', NULL)",
                "CREATE TABLE shop.orders (id BIGINT PRIMARY KEY, customer_id INT, amount DECIMAL(10,2))",
                "INSERT INTO shop.orders VALUES (10, 1, 9.99)");
        Map<String, String> config = server.capturing("stream", "shop\\.customers,shop\\.orders",
                history.resolve("history.dat").toString(), 5401);

        try (TaskRunner runner = new TaskRunner(new MariaDbCdcSourceTask(), config,
                TaskRunner.newOffsetStore()).start()) {
            runner.pollUntil(records -> changesOn(records, "stream.shop.customers").size() == 2
                    && changesOn(records, "stream.shop.orders").size() == 1, TIMEOUT, "the snapshot");

            server.execute(
                    "INSERT INTO shop.customers VALUES (3, 'Edsger', 'ed@example.com')",
                    "UPDATE shop.customers SET name = 'Ada L.' WHERE id = 1",
                    "DELETE FROM shop.customers WHERE id = 2",
                    "BEGIN", "UPDATE shop.orders SET amount = 10.50 WHERE id = 10",
                    "UPDATE shop.orders SET amount = 11.00 WHERE id = 10",
                    "INSERT INTO shop.orders VALUES (11, 3, 1.00), (12, 3, 2.00)", "COMMIT");
            List<SourceRecord> records = runner.pollUntil(atLeast(6, "stream.shop.customers")
                    .and(atLeast(5, "stream.shop.orders")), TIMEOUT, "the streamed changes");

            List<SourceRecord> customers = onTopic(records, "stream.shop.customers");
            assertThat(opsAndKeys(customers, "id"))
                    .containsExactly("r 1", "r 2", "c 3", "u 1", "d 2", "tombstone 2");
            assertThat(opsAndKeys(onTopic(records, "stream.shop.orders"), "id"))
                    .containsExactly("r 10", "u 10", "u 10", "c 11", "c 12");

            Struct update = value(customers.get(3));
            assertThat(update.getString("name")).isEqualTo("Ada L.");
            assertThat(update.getString("email")).isEqualTo("ada@example.com");
            assertThat(update.getBoolean("__deleted")).isFalse();
            Struct delete = value(customers.get(4));
            // binlog_row_image=FULL: a delete carries the whole row.
            assertThat(delete.getInt32("id")).isEqualTo(2);
            assertThat(delete.getString("name")).isEqualTo("Grace");
            assertThat(delete.getBoolean("__deleted")).isTrue();
            assertThat(header(customers.get(5), "tidemark.position"))
                    .isEqualTo(Long.toString(delete.getInt64("__position")));
            assertThat(value(onTopic(records, "stream.shop.orders").get(2)).get("amount"))
                    .isEqualTo(new BigDecimal("11.00"));

            assertThat(customers.get(0).keySchema().fields()).extracting(field -> field.name()).containsExactly("id");
            assertThat(customers.get(0).valueSchema().fields()).extracting(field -> field.name())
                    .containsExactly("id", "name", "email", "__op", "__source_ts_ms", "__position", "__deleted");
            for (SourceRecord record : records) {
                if (record.topic().startsWith("stream.shop.")) {
                    assertThat(header(record, "tidemark.schema")).isEqualTo("shop");
                    assertThat(header(record, "tidemark.table"))
                            .isEqualTo(record.topic().substring("stream.shop.".length()));
                    assertThat(record.sourceOffset()).containsKeys("file", "pos");
                }
                AvroSchemaCheck.assertAvroLegal(record.keySchema());
                if (record.valueSchema() != null) {
                    AvroSchemaCheck.assertAvroLegal(record.valueSchema());
                }
            }
            assertPositionsGrow(changesOn(records, "stream.shop.customers"));
            List<SourceRecord> orders = changesOn(records, "stream.shop.orders");
            assertThat(orders.subList(1, 5)).extracting(record -> value(record).getInt64("__position"))
                    .as("one transaction, one position").containsOnly(value(orders.get(1)).getInt64("__position"));
            assertThat(value(orders.get(1)).getInt64("__position")).isGreaterThan(value(orders.get(0)).getInt64("__position"));
            assertThat(changesOn(records, "stream.shop.customers"))
                    .allSatisfy(record -> assertThat(value(record).getInt64("__source_ts_ms")).isPositive());
        }
    }

    @Test
    void schemaChangesFlowAsNewValueSchemasAndAKeyChangeIsDeleteThenInsert() throws Exception {
        server.execute("CREATE DATABASE IF NOT EXISTS inv",
                "CREATE TABLE inv.products (id INT PRIMARY KEY, name VARCHAR(50), qty INT)",
                "INSERT INTO inv.products VALUES (1, 'pen', 5)");
        Map<String, String> config = server.capturing("evolve", "inv\\.products",
                history.resolve("history.dat").toString(), 5402);
        String topic = "evolve.inv.products";

        try (TaskRunner runner = new TaskRunner(new MariaDbCdcSourceTask(), config,
                TaskRunner.newOffsetStore()).start()) {
            runner.pollUntil(atLeast(1, topic), TIMEOUT, "the snapshot");
            server.execute("INSERT INTO inv.products VALUES (2, 'ink', 1)",
                    "ALTER TABLE inv.products ADD COLUMN price DECIMAL(8,2)",
                    "INSERT INTO inv.products VALUES (3, 'pad', 2, 3.50)",
                    "ALTER TABLE inv.products MODIFY COLUMN qty BIGINT",
                    "UPDATE inv.products SET qty = 7 WHERE id = 1",
                    "UPDATE inv.products SET id = 100 WHERE id = 1");
            List<SourceRecord> records = onTopic(runner.pollUntil(atLeast(7, topic), TIMEOUT, "the changes"), topic);

            assertThat(opsAndKeys(records, "id"))
                    .containsExactly("r 1", "c 2", "c 3", "u 1", "d 1", "tombstone 1", "c 100");
            assertThat(fieldNames(records.get(1))).containsExactly("id", "name", "qty");
            assertThat(fieldNames(records.get(2))).containsExactly("id", "name", "qty", "price");
            assertThat(value(records.get(2)).get("price")).isEqualTo(new BigDecimal("3.50"));
            assertThat(value(records.get(3)).get("qty")).isEqualTo(7L);
            assertThat(value(records.get(6)).get("qty")).isEqualTo(7L);
            assertThat(value(records.get(6)).getString("name")).isEqualTo("pen");
            assertPositionsGrow(records.stream().filter(record -> record.value() != null).toList());
        }
    }

    @Test
    void aKeylessTableIsRefusedUnlessKeyedByConfiguredColumns() throws Exception {
        server.execute("CREATE DATABASE IF NOT EXISTS logs",
                "CREATE TABLE logs.events (at BIGINT, body VARCHAR(50))",
                "INSERT INTO logs.events VALUES (1, 'a')");
        Map<String, String> config = server.capturing("keyless", "logs\\.events",
                history.resolve("history.dat").toString(), 5403);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() ->
                new TaskRunner(new MariaDbCdcSourceTask(), config, TaskRunner.newOffsetStore()).start()))
                .hasMessageContaining("logs.events").hasMessageContaining("message.key.columns");

        Map<String, String> keyed = new HashMap<>(config);
        keyed.put("message.key.columns", "logs\\.events:at");
        try (TaskRunner runner = new TaskRunner(new MariaDbCdcSourceTask(), keyed, TaskRunner.newOffsetStore())
                .start()) {
            List<SourceRecord> records = runner.pollUntil(atLeast(1, "keyless.logs.events"), TIMEOUT, "the snapshot");
            assertThat(opsAndKeys(onTopic(records, "keyless.logs.events"), "at")).containsExactly("r 1");
        }
    }

    /** Per key, every change has a higher __position than the one before it (one change per transaction). */
    static void assertPositionsGrow(List<SourceRecord> changes) {
        Map<Object, Long> previous = new HashMap<>();
        for (SourceRecord record : changes) {
            long position = value(record).getInt64("__position");
            Long before = previous.put(record.key(), position);
            if (before != null) {
                assertThat(position).as("__position of %s", Records.describe(List.of(record))).isGreaterThan(before);
            }
        }
    }

    private static List<String> fieldNames(SourceRecord record) {
        return record.valueSchema().fields().stream().map(field -> field.name())
                .filter(name -> !name.startsWith("__")).toList();
    }
}
