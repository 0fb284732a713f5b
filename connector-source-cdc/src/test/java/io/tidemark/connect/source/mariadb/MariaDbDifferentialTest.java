package io.tidemark.connect.source.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.debezium.connector.mysql.MySqlConnectorTask;
import io.tidemark.connect.source.testing.MariaDbServer;
import io.tidemark.connect.source.testing.Records;
import io.tidemark.connect.source.testing.TaskRunner;

/**
 * Our task and stock Debezium (its own MySqlConnectorTask, configured as its documentation says, with
 * one change it cannot run on MariaDB 11 without: our JDBC driver, see {@link MariaDbJdbcDriver}) read the
 * same binlog; per table and key, both must carry the same operations, in the same order, with the same
 * row data, and our __position must be the binlog coordinates Debezium reports.
 */
class MariaDbDifferentialTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String TABLES = "diff\\.accounts,diff\\.items";

    @RegisterExtension
    static final MariaDbServer server = MariaDbServer.forCdc();

    @TempDir
    static Path history;

    @BeforeAll
    static void createTables() {
        server.execute("CREATE DATABASE diff",
                "CREATE TABLE diff.accounts (id INT PRIMARY KEY, owner VARCHAR(40), balance DECIMAL(12,2), note TEXT)",
                "CREATE TABLE diff.items (sku VARCHAR(20) PRIMARY KEY, qty INT, price DOUBLE)");
        for (int i = 1; i <= 20; i++) {
            server.execute("INSERT INTO diff.accounts VALUES (" + i + ", 'owner " + i + "', " + i * 100 + ", NULL)",
                    "INSERT INTO diff.items VALUES ('sku-" + i + "', " + i + ", " + (i / 4.0) + ")");
        }
    }

    @Test
    void ourRecordsCarryStockDebeziumsRowDataInTheSameOrderPerKey() throws Exception {
        Map<String, String> ours = server.capturing("ours", TABLES, history.resolve("ours.dat").toString(), 7001);
        try (TaskRunner tidemark = new TaskRunner(new MariaDbCdcSourceTask(), ours, TaskRunner.newOffsetStore())
                .start();
                TaskRunner debezium = new TaskRunner(new MySqlConnectorTask(), stockDebeziumConfig(),
                        TaskRunner.newOffsetStore()).start()) {
            tidemark.pollUntil(records -> rowChanges(records).size() == 40, TIMEOUT, "our snapshot");
            debezium.pollUntil(records -> rowChanges(records).size() == 40, TIMEOUT, "Debezium's snapshot");

            server.execute(
                    "INSERT INTO diff.accounts VALUES (21, 'new', 0, 'fresh')",
                    "UPDATE diff.accounts SET balance = balance + 1 WHERE id <= 10",
                    "BEGIN", "UPDATE diff.accounts SET note = 'a' WHERE id = 3",
                    "UPDATE diff.accounts SET note = 'b' WHERE id = 3",
                    "UPDATE diff.items SET qty = qty - 1 WHERE sku = 'sku-3'", "COMMIT",
                    "UPDATE diff.accounts SET owner = NULL WHERE id = 4",
                    "DELETE FROM diff.accounts WHERE id IN (5, 6)",
                    "UPDATE diff.items SET sku = 'sku-100' WHERE sku = 'sku-7'",
                    "ALTER TABLE diff.items ADD COLUMN label VARCHAR(10)",
                    "INSERT INTO diff.items (sku, qty, price, label) VALUES ('bulk-1', 1, 1.5, 'x'), "
                            + "('bulk-2', 2, 1.5, NULL), ('bulk-3', 3, 1.5, 'y')",
                    "DELETE FROM diff.items WHERE sku LIKE 'bulk-1%'",
                    "INSERT INTO diff.accounts VALUES (5, 'back', 5, NULL)");
            // 40 snapshot rows, then 1 + 10 + 3 + 1 + 2 + (delete + create) + 3 + 1 + 1 changes.
            int expected = 40 + 1 + 10 + 3 + 1 + 2 + 2 + 3 + 1 + 1;
            tidemark.pollUntil(records -> rowChanges(records).size() == expected, TIMEOUT, "our changes");
            debezium.pollUntil(records -> rowChanges(records).size() == expected, TIMEOUT, "Debezium's changes");

            Map<String, List<String>> ourHistory = historyPerKey(tidemark.received(), true);
            Map<String, List<String>> stockHistory = historyPerKey(debezium.received(), false);
            assertThat(ourHistory.keySet()).hasSize(20 + 1 + 20 + 1 + 3);
            assertThat(ourHistory).isEqualTo(stockHistory);
            assertThat(ourHistory.get("accounts {id=3}")).hasSize(4);
            assertThat(ourHistory.get("items {sku=sku-7}")).hasSize(3).endsWith("tombstone");

            assertPositionsAreDebeziumsBinlogCoordinates(tidemark.received(), debezium.received());
        }
    }

    private static Map<String, String> stockDebeziumConfig() {
        Map<String, String> ours = server.capturing("stock", TABLES, "unused", 7002);
        Map<String, String> config = new HashMap<>();
        for (String key : new String[] {"database.hostname", "database.port", "database.user", "database.password",
                "database.ssl.mode", "database.server.id", "topic.prefix", "table.include.list"}) {
            config.put(key, ours.get(key));
        }
        config.put("connector.class", "io.debezium.connector.mysql.MySqlConnector");
        config.put("name", "stock");
        config.put("schema.history.internal", "io.debezium.storage.file.history.FileSchemaHistory");
        config.put("schema.history.internal.file.filename", history.resolve("stock.dat").toString());
        config.put("database.jdbc.driver", MariaDbJdbcDriver.class.getName());
        config.put("poll.interval.ms", "50");
        return config;
    }

    private static List<SourceRecord> rowChanges(List<SourceRecord> records) {
        return records.stream().filter(record -> record.value() != null && record.topic().contains(".diff.")).toList();
    }

    /** Per "table key", each record as "op row" (tombstones as "tombstone"): after-image, or before-image for deletes. */
    private static Map<String, List<String>> historyPerKey(List<SourceRecord> records, boolean tidemark) {
        Map<String, List<String>> history = new LinkedHashMap<>();
        for (SourceRecord record : records) {
            if (!record.topic().contains(".diff.")) {
                continue;
            }
            String table = record.topic().substring(record.topic().lastIndexOf('.') + 1);
            String key = table + " " + asMap((Struct) record.key());
            String entry;
            if (record.value() == null) {
                entry = "tombstone";
            } else if (tidemark) {
                entry = Records.op(record) + " " + Records.row(Records.value(record));
            } else {
                Struct envelope = (Struct) record.value();
                String op = envelope.getString("op");
                entry = op + " " + asMap(envelope.getStruct("d".equals(op) ? "before" : "after"));
            }
            history.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
        }
        return history;
    }

    private static void assertPositionsAreDebeziumsBinlogCoordinates(List<SourceRecord> ours, List<SourceRecord> stock) {
        List<Long> ourPositions = new ArrayList<>();
        for (SourceRecord record : rowChanges(ours)) {
            if (!"r".equals(Records.op(record))) {
                ourPositions.add(Records.value(record).getInt64("__position"));
            }
        }
        List<Long> stockPositions = new ArrayList<>();
        for (SourceRecord record : rowChanges(stock)) {
            Struct envelope = (Struct) record.value();
            if (!"r".equals(envelope.getString("op"))) {
                Struct source = envelope.getStruct("source");
                stockPositions.add(BinlogChangeOrigin.encode(source.getString("file"), source.getInt64("pos")));
            }
        }
        assertThat(ourPositions).isEqualTo(stockPositions);
    }

    private static Map<String, Object> asMap(Struct struct) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Field field : struct.schema().fields()) {
            map.put(field.name(), struct.get(field));
        }
        return map;
    }
}
