package io.tidemark.connect.source;

import static org.assertj.core.api.Assertions.assertThat;

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

import io.debezium.connector.postgresql.PostgresConnectorTask;
import io.tidemark.connect.source.testing.PostgresServer;
import io.tidemark.connect.source.testing.Records;
import io.tidemark.connect.source.testing.SourceConfigs;
import io.tidemark.connect.source.testing.TaskRunner;

/**
 * Our task and stock Debezium (its own PostgresConnectorTask from the same jar, configured as its
 * documentation says) read the same database changes through two slots; per table and key, both
 * must carry the same operations, in the same order, with the same row data.
 */
class DifferentialTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String TABLES = "public\\.accounts,public\\.items";

    @RegisterExtension
    static final PostgresServer server = PostgresServer.logical();

    @BeforeAll
    static void createTables() {
        server.execute("CREATE TABLE public.accounts (id INT PRIMARY KEY, owner TEXT, balance NUMERIC(12,2), note TEXT)",
                "INSERT INTO public.accounts SELECT g, 'owner ' || g, g * 100, NULL FROM generate_series(1, 20) g",
                "CREATE TABLE public.items (sku TEXT PRIMARY KEY, qty INT, price DOUBLE PRECISION)",
                "INSERT INTO public.items SELECT 'sku-' || g, g, g / 4.0 FROM generate_series(1, 20) g");
    }

    @Test
    void ourRecordsCarryStockDebeziumsRowDataInTheSameOrderPerKey() throws Exception {
        Map<String, String> ours = SourceConfigs.capturing(server, "ours", TABLES);
        try (TaskRunner tidemark = new TaskRunner(new PostgresCdcSourceTask(), ours, TaskRunner.newOffsetStore())
                .start();
                TaskRunner debezium = new TaskRunner(new PostgresConnectorTask(), stockDebeziumConfig(),
                        TaskRunner.newOffsetStore()).start()) {
            tidemark.pollUntil(records -> rowChanges(records).size() == 40, TIMEOUT, "our snapshot");
            debezium.pollUntil(records -> rowChanges(records).size() == 40, TIMEOUT, "Debezium's snapshot");

            server.execute(
                    "INSERT INTO public.accounts VALUES (21, 'new', 0, 'fresh')",
                    "UPDATE public.accounts SET balance = balance + 1 WHERE id <= 10",
                    "BEGIN; UPDATE public.accounts SET note = 'a' WHERE id = 3; "
                            + "UPDATE public.accounts SET note = 'b' WHERE id = 3; "
                            + "UPDATE public.items SET qty = qty - 1 WHERE sku = 'sku-3'; COMMIT",
                    "UPDATE public.accounts SET owner = NULL WHERE id = 4",
                    "DELETE FROM public.accounts WHERE id IN (5, 6)",
                    "UPDATE public.items SET sku = 'sku-100' WHERE sku = 'sku-7'",
                    "INSERT INTO public.items SELECT 'bulk-' || g, g, 1.5 FROM generate_series(1, 30) g",
                    "DELETE FROM public.items WHERE sku LIKE 'bulk-1%'",
                    "INSERT INTO public.accounts VALUES (5, 'back', 5, NULL)");
            // 40 snapshot rows, then 1 + 10 + 3 + 1 + 2 + (delete + create) + 30 + 11 + 1 changes.
            int expected = 40 + 1 + 10 + 3 + 1 + 2 + 2 + 30 + 11 + 1;
            tidemark.pollUntil(records -> rowChanges(records).size() == expected, TIMEOUT, "our changes");
            debezium.pollUntil(records -> rowChanges(records).size() == expected, TIMEOUT, "Debezium's changes");

            Map<String, List<String>> ourHistory = historyPerKey(tidemark.received(), true);
            Map<String, List<String>> stockHistory = historyPerKey(debezium.received(), false);
            assertThat(ourHistory.keySet()).hasSize(20 + 1 + 20 + 1 + 30);
            assertThat(ourHistory).isEqualTo(stockHistory);
            assertThat(ourHistory.get("accounts {id=3}")).hasSize(4);
            assertThat(ourHistory.get("items {sku=sku-7}")).hasSize(3).endsWith("tombstone");

            assertSameStreamingPositions(tidemark.received(), debezium.received());
        }
    }

    private static Map<String, String> stockDebeziumConfig() {
        Map<String, String> config = new HashMap<>(server.connectionConfig());
        config.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        config.put("name", "stock");
        config.put("plugin.name", "pgoutput");
        config.put("topic.prefix", "stock");
        config.put("slot.name", "stock");
        config.put("publication.name", "stock");
        config.put("publication.autocreate.mode", "filtered");
        config.put("table.include.list", TABLES);
        config.put("poll.interval.ms", "50");
        return config;
    }

    private static List<SourceRecord> rowChanges(List<SourceRecord> records) {
        return records.stream().filter(record -> record.value() != null && record.topic().contains(".public.")).toList();
    }

    /**
     * Per "table key", the records in order, each as "op row" (tombstones as "tombstone"), the row
     * being the after-image, or the before-image for deletes.
     */
    private static Map<String, List<String>> historyPerKey(List<SourceRecord> records, boolean tidemark) {
        Map<String, List<String>> history = new LinkedHashMap<>();
        for (SourceRecord record : records) {
            if (!record.topic().contains(".public.")) {
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

    /** Streamed changes: our __position is the LSN Debezium reports in source.lsn. */
    private static void assertSameStreamingPositions(List<SourceRecord> ours, List<SourceRecord> stock) {
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
                stockPositions.add(envelope.getStruct("source").getInt64("lsn"));
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
