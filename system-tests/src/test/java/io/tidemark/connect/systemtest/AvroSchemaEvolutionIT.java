package io.tidemark.connect.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.connect.systemtest.config.ConnectorConfigExample;
import io.tidemark.connect.systemtest.connect.ConnectRestClient;
import io.tidemark.connect.systemtest.connect.ConnectRestException;
import io.tidemark.connect.systemtest.connect.ConnectorStatus;
import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.demo.ShopSchema;
import io.tidemark.connect.systemtest.pipeline.PostgresWarehouse;
import io.tidemark.connect.systemtest.postgres.PostgresServer;
import io.tidemark.connect.systemtest.registry.ConfluentCompatibleApi;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Schema evolution under the registry's BACKWARD rule, on the stack's Avro Connect cluster: the CDC source of
 * config-examples/source-postgres-cdc.json and sink-postgres-avro.json. {@code ADD COLUMN} without a default and
 * {@code ADD COLUMN ... NOT NULL DEFAULT} each register a new version the registry accepts, and both columns
 * reach the warehouse through {@code auto.evolve}; a type change the rule forbids is refused by the registry,
 * the source task fails with a trace that names the table (through the subject) and the changed column (through
 * its position in the registered schema), and nothing of it reaches Kafka or the warehouse.
 */
@ExtendWith(LocalStackExtension.class)
class AvroSchemaEvolutionIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void compatibleChangesReachTheWarehouseAndAnIncompatibleOneIsRefusedByTheRegistry(LocalStack stack) throws Exception {
        TestNames names = TestNames.of("avro_evolve");
        String schema = names.prefix();
        // The example's signal table (public.tidemark_signals), which its validation requires.
        ShopSchema.apply(stack.postgres(), PostgresServer.DATABASE);
        stack.postgres().execute("postgres", "CREATE SCHEMA " + schema,
            "CREATE TABLE " + schema + ".items (id int PRIMARY KEY, label text)",
            "INSERT INTO " + schema + ".items VALUES (1, 'a'), (2, 'b')");
        String topic = names.topicPrefix() + "." + schema + ".items";
        String subject = topic + "-value";
        ConnectRestClient rest = stack.avroWorker().rest();
        ConfluentCompatibleApi ccompat = new ConfluentCompatibleApi(stack.schemaRegistry().confluentUrl());
        PostgresWarehouse warehouse = PostgresWarehouse.create(stack.warehousePostgres(), schema, stack.secrets(),
            LocalStack.WAREHOUSE_PASSWORD_KEY);

        ConnectorConfigExample source = stack.environment().apply(stack.configExamples().load("source-postgres-cdc.json"))
            .withOverrides(Map.of(
                "topic.prefix", names.topicPrefix(),
                "table.include.list", schema + "\\.items",
                "slot.name", names.slot(),
                "publication.name", names.publication()));
        ConnectorConfigExample sinkExample = stack.environment().apply(stack.configExamples().load("sink-postgres-avro.json"));
        Map<String, String> sinkOverrides = new TreeMap<>(warehouse.sinkOverrides(sinkExample));
        sinkOverrides.put("topics.regex", Pattern.quote(topic));
        ConnectorConfigExample sink = sinkExample.withOverrides(sinkOverrides);
        String sourceName = names.connector("source");
        String sinkName = names.connector("sink");
        try {
            rest.createConnector(sourceName, source.config());
            Await.until(sourceName + " running", TIMEOUT, () -> rest.status(sourceName).isRunning(),
                () -> rest.status(sourceName).failureTraces());
            Await.until(topic + " created", TIMEOUT, () -> stack.kafka().exists(topic));
            rest.createConnector(sinkName, sink.config());
            Await.until(sinkName + " running", TIMEOUT, () -> rest.status(sinkName).isRunning(),
                () -> rest.status(sinkName).failureTraces());
            Await.until("the snapshot in the warehouse", TIMEOUT, () -> rows(warehouse).size() == 2,
                () -> rest.status(sinkName).failureTraces());

            stack.postgres().execute("postgres",
                "ALTER TABLE " + schema + ".items ADD COLUMN note text",
                "INSERT INTO " + schema + ".items (id, label, note) VALUES (3, 'c', 'n3')");
            Await.until("row 3 in the warehouse", TIMEOUT, () -> rows(warehouse).containsKey(3),
                () -> rest.status(sinkName).failureTraces());
            stack.postgres().execute("postgres",
                "ALTER TABLE " + schema + ".items ADD COLUMN qty int NOT NULL DEFAULT 7",
                "INSERT INTO " + schema + ".items (id, label, note, qty) VALUES (4, 'd', 'n4', 9)",
                "UPDATE " + schema + ".items SET label = 'a2' WHERE id = 1");
            Map<Integer, List<String>> expected = Map.of(
                1, List.of("a2", "null", "7"),
                2, List.of("b", "null", "null"),
                3, List.of("c", "n3", "null"),
                4, List.of("d", "n4", "9"));
            Await.value("the added columns' values in the warehouse", TIMEOUT, () -> rows(warehouse), expected::equals,
                () -> rest.status(sinkName).failureTraces());

            List<Integer> versions = ccompat.versions(subject);
            assertThat(versions).as("versions of %s: the first, + note, + qty", subject).hasSize(3);
            JsonNode qty = field(ccompat.version(subject, versions.get(2)).schema(), "qty");
            assertThat(qty).as("qty in the latest version of %s", subject).isNotNull();
            assertThat(qty.path("default").asInt(-1)).as("qty's default in %s", qty).isEqualTo(7);
            JsonNode note = field(ccompat.version(subject, versions.get(1)).schema(), "note");
            assertThat(note.path("default").isNull()).as("note's default in %s", note).isTrue();

            long recordsBefore = stack.kafka().endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
            stack.postgres().execute("postgres",
                "ALTER TABLE " + schema + ".items ALTER COLUMN label TYPE integer USING length(label)",
                "UPDATE " + schema + ".items SET note = 'after' WHERE id = 2");
            ConnectorStatus failed = Await.value(sourceName + "'s task FAILED", TIMEOUT, () -> rest.status(sourceName),
                ConnectorStatus::hasFailure);
            String trace = failed.failureTraces();
            System.out.println("The source task's failure after an incompatible change:\n" + trace);
            assertRefusalNamesTableAndColumn(trace, ccompat, subject, schema + ".items", "label");
            assertThat(ccompat.versions(subject)).as("versions of %s after the refused change", subject).hasSize(3);
            assertThat(stack.kafka().endOffsets(topic).values().stream().mapToLong(Long::longValue).sum())
                .as("records in %s after the refused change", topic).isEqualTo(recordsBefore);
            assertThat(rows(warehouse)).as("the warehouse after the refused change").isEqualTo(expected);
        } finally {
            for (String connector : List.of(sinkName, sourceName)) {
                try {
                    rest.deleteConnector(connector);
                } catch (ConnectRestException e) {
                    if (e.status() != 404) {
                        throw e;
                    }
                }
            }
            Await.until("connectors deleted", TIMEOUT,
                () -> !rest.connectors().contains(sourceName) && !rest.connectors().contains(sinkName));
            Await.until("replication slot " + names.slot() + " dropped", TIMEOUT, () -> {
                stack.postgres().dropReplicationSlots(names.slot());
                return !slotExists(stack, names.slot());
            });
        }
    }

    /**
     * What the task status shows a user about the refused change. The conversion that asks the registry runs in the
     * worker after the source task handed over the record, so the trace is Connect's ("Tolerance exceeded in error
     * handler") with the registry's refusal as its cause; that names the subject {@code <topic>-value}, and the topic
     * names the table (one topic per table in the source's contract), and points at the changed column by its
     * position, {@code /fields/N}, in the subject's latest registered version.
     */
    private static void assertRefusalNamesTableAndColumn(String trace, ConfluentCompatibleApi ccompat, String subject,
                                                         String table, String column) throws Exception {
        assertThat(trace).as("the failed source task's trace")
            .contains("Incompatible artifact: " + subject)
            .contains(table + "-value");
        Matcher path = Pattern.compile("at /fields/(\\d+)").matcher(trace);
        assertThat(path.find()).as("a field path in the registry's refusal: %s", trace).isTrue();
        List<Integer> versions = ccompat.versions(subject);
        JsonNode fields = JSON.readTree(ccompat.version(subject, versions.get(versions.size() - 1)).schema()).path("fields");
        assertThat(fields.path(Integer.parseInt(path.group(1))).path("name").asText())
            .as("the field %s of the latest version of %s", path.group(), subject).isEqualTo(column);
    }

    /** The warehouse's items by id: label, note, qty as text ("null" for NULL), the columns it has so far. */
    private static Map<Integer, List<String>> rows(PostgresWarehouse warehouse) throws SQLException {
        Map<Integer, List<String>> rows = new TreeMap<>();
        try (Connection connection = warehouse.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT * FROM public.items")) {
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                columns.add(result.getMetaData().getColumnName(i));
            }
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (String column : List.of("label", "note", "qty")) {
                    values.add(columns.contains(column) ? String.valueOf(result.getString(column)) : "absent");
                }
                rows.put(result.getInt("id"), values);
            }
        }
        return rows;
    }

    private static JsonNode field(String avroSchema, String name) throws Exception {
        for (JsonNode field : JSON.readTree(avroSchema).path("fields")) {
            if (field.path("name").asText().equals(name)) {
                return field;
            }
        }
        return null;
    }

    private static boolean slotExists(LocalStack stack, String slot) throws SQLException {
        try (Connection connection = stack.postgres().connect();
             var query = connection.prepareStatement("SELECT count(*) FROM pg_replication_slots WHERE slot_name = ?")) {
            query.setString(1, slot);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1) > 0;
            }
        }
    }
}
