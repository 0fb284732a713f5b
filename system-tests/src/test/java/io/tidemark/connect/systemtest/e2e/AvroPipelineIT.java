package io.tidemark.connect.systemtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.connect.systemtest.connect.ConnectWorker;
import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.pipeline.DuckDbWarehouse;
import io.tidemark.connect.systemtest.pipeline.PostgresWarehouse;
import io.tidemark.connect.systemtest.pipeline.ShopPipeline;
import io.tidemark.connect.systemtest.registry.ConfluentCompatibleApi;
import io.tidemark.connect.systemtest.registry.ConfluentCompatibleApi.SchemaVersion;
import io.tidemark.connect.systemtest.registry.SchemaRegistryServer;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import io.tidemark.connect.systemtest.workload.ShopWorkload;
import io.tidemark.connect.systemtest.workload.WorkloadSummary;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pipeline as most production Connect clusters run it: the stack's Avro Connect cluster, started from
 * config-examples/connect-distributed-avro.properties (Apicurio's AvroConverter for keys and values, Confluent's
 * wire format, Apicurio Registry 2.4.2 with the global compatibility rule BACKWARD), the CDC source with the
 * routing and masking chain (worker converters), and sink-postgres-avro.json and sink-duckdb-avro.json (the same
 * converters set on the connector), all registered through REST from the config examples. A mixed workload runs,
 * an {@code ALTER TABLE customers ADD COLUMN} included; afterwards the PostgreSQL warehouse and the DuckDB file
 * equal the source row by row (masked columns holding exactly the configured pseudonyms), every record in the
 * topics is Confluent's wire format with an id the registry's Confluent-compatible API serves, and the schema
 * change became a new version of the customers' value subject, which the registry accepted under BACKWARD and
 * whose new column reached both warehouses.
 */
@ExtendWith(LocalStackExtension.class)
class AvroPipelineIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theRoutedMaskedPipelineThroughAvroAndTheRegistryLeavesTheWarehouseEqualToTheSource(LocalStack stack)
        throws Exception {
        TestNames names = TestNames.of("e2e_avro");
        SchemaRegistryServer registry = stack.schemaRegistry();
        System.out.println("Schema registry ready in " + registry.startupTime().toMillis() + " ms");
        ConnectWorker avroWorker = stack.avroWorker();
        PostgresWarehouse warehouse = Scenario.postgresWarehouse(stack, names);
        try (ShopPipeline pipeline = Scenario.startPipeline(stack, names, avroWorker)) {
            ShopPipeline.Sink sink = pipeline.startSink(names.connector("sink"), "sink-postgres-avro.json", warehouse);
            DuckDbWarehouse duckDb = new DuckDbWarehouse(stack.dir().resolve("duckdb").resolve(names.prefix() + ".duckdb"));
            ShopPipeline.Sink duckDbSink = pipeline.startSink(names.connector("duckdb"), "sink-duckdb-avro.json", duckDb);

            WorkloadSummary summary = Scenario.workloadAround(pipeline, ShopWorkload.Settings.defaults(), Scenario.Fault.NONE);
            Scenario.assertCaughtUpAndReconciled(pipeline, summary, sink, duckDbSink);

            ConfluentCompatibleApi ccompat = new ConfluentCompatibleApi(registry.confluentUrl());
            for (String table : ShopPipeline.TABLES) {
                assertConfluentWireFormat(stack, ccompat, pipeline.topic(table));
            }
            assertTheAddedColumnIsANewBackwardCompatibleVersion(ccompat, pipeline.topic("customers") + "-value");
            assertOrderAmountsAreAvroDecimals(ccompat, pipeline.topic("orders") + "-value");
        }
    }

    /**
     * Every key and value in {@code topic}: magic byte 0, then a 4-byte id that the registry's Confluent API
     * serves as an Avro record schema registered under {@code <topic>-key} or {@code <topic>-value}.
     */
    private static void assertConfluentWireFormat(LocalStack stack, ConfluentCompatibleApi ccompat, String topic)
        throws Exception {
        List<ConsumerRecord<byte[], byte[]>> records = stack.kafka().consumeAll(topic);
        assertThat(records).as("records in %s", topic).isNotEmpty();
        Set<Integer> keyIds = new TreeSet<>();
        Set<Integer> valueIds = new TreeSet<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            keyIds.add(schemaId(topic + " key at offset " + record.offset(), record.key()));
            if (record.value() != null) {
                valueIds.add(schemaId(topic + " value at offset " + record.offset(), record.value()));
                String raw = new String(record.value(), StandardCharsets.ISO_8859_1);
                assertThat(raw).as("no e-mail address in clear in %s", topic).doesNotContain("@example.");
            }
        }
        assertThat(ccompat.subjects()).as("subjects").contains(topic + "-key", topic + "-value");
        assertThat(keyIds).as("key schema ids in %s", topic)
            .isSubsetOf(registeredIds(ccompat, topic + "-key"));
        assertThat(valueIds).as("value schema ids in %s", topic)
            .isSubsetOf(registeredIds(ccompat, topic + "-value"));
        for (int id : valueIds) {
            JsonNode schema = JSON.readTree(ccompat.schemaById(id));
            assertThat(schema.path("type").asText()).as("schema %d of %s", id, topic).isEqualTo("record");
        }
    }

    private static int schemaId(String what, byte[] bytes) {
        assertThat(bytes).as(what).isNotNull().hasSizeGreaterThan(5);
        assertThat(bytes[0]).as("%s: Confluent's magic byte", what).isEqualTo((byte) 0);
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    private static Set<Integer> registeredIds(ConfluentCompatibleApi ccompat, String subject) {
        Set<Integer> ids = new TreeSet<>();
        for (int version : ccompat.versions(subject)) {
            ids.add(ccompat.version(subject, version).id());
        }
        return ids;
    }

    /**
     * The workload's {@code ADD COLUMN} made a later version of the subject that has the column (optional, so
     * BACKWARD accepts it: the registry enforces that rule, as a schema adding a required field shows by being
     * refused).
     */
    private static void assertTheAddedColumnIsANewBackwardCompatibleVersion(ConfluentCompatibleApi ccompat, String subject)
        throws Exception {
        List<Integer> versions = ccompat.versions(subject);
        assertThat(versions).as("versions of %s", subject).hasSizeGreaterThanOrEqualTo(2);
        SchemaVersion first = ccompat.version(subject, versions.get(0));
        SchemaVersion latest = ccompat.version(subject, versions.get(versions.size() - 1));
        assertThat(fieldNames(first.schema())).as("first version of %s", subject).doesNotContain(ShopWorkload.ADDED_COLUMN);
        assertThat(fieldNames(latest.schema())).as("latest version of %s", subject).contains(ShopWorkload.ADDED_COLUMN);

        ObjectNode incompatible = (ObjectNode) JSON.readTree(latest.schema());
        ObjectNode required = JSON.createObjectNode().put("name", "required_without_default").put("type", "string");
        ((ArrayNode) incompatible.path("fields")).add(required);
        assertThat(ccompat.isCompatibleWithLatest(subject, incompatible.toString()))
            .as("a required field without a default, under BACKWARD").isFalse();
        assertThatThrownBy(() -> ccompat.register(subject, incompatible.toString()))
            .isInstanceOfSatisfying(ConfluentCompatibleApi.RegistryException.class,
                refused -> assertThat(refused.status()).isEqualTo(409));
    }

    /**
     * NUMERIC(12, 2) is Avro's decimal logical type with that precision and scale (in a union with null, as the
     * source's value schemas make every non-key column optional), not a double or a string; the change metadata
     * fields of the source's contract are there with their types.
     */
    private static void assertOrderAmountsAreAvroDecimals(ConfluentCompatibleApi ccompat, String subject) throws Exception {
        List<Integer> versions = ccompat.versions(subject);
        String schema = ccompat.version(subject, versions.get(versions.size() - 1)).schema();
        Map<String, JsonNode> fields = new TreeMap<>();
        JSON.readTree(schema).path("fields").forEach(field -> fields.put(field.path("name").asText(), field.path("type")));
        assertThat(fields).as("fields of %s", schema).containsKeys("id", "amount", "__op", "__source_ts_ms", "__position",
            "__deleted");
        assertThat(fields.get("__op").asText()).as("__op in %s", schema).isEqualTo("string");
        assertThat(fields.get("__position").asText()).as("__position in %s", schema).isEqualTo("long");
        assertThat(fields.get("__source_ts_ms").asText()).as("__source_ts_ms in %s", schema).isEqualTo("long");
        assertThat(fields.get("__deleted").asText()).as("__deleted in %s", schema).isEqualTo("boolean");
        JsonNode amount = fields.get("amount");
        if (amount.isArray()) {
            JsonNode nonNull = null;
            for (JsonNode branch : amount) {
                if (!"null".equals(branch.asText())) {
                    nonNull = branch;
                }
            }
            amount = nonNull;
        }
        assertThat(amount).as("the amount field of %s", schema).isNotNull();
        assertThat(amount.path("type").asText()).as("amount in %s", schema).isEqualTo("bytes");
        assertThat(amount.path("logicalType").asText()).as("amount in %s", schema).isEqualTo("decimal");
        assertThat(amount.path("precision").asInt()).as("amount in %s", schema).isEqualTo(12);
        assertThat(amount.path("scale").asInt()).as("amount in %s", schema).isEqualTo(2);
    }

    private static Set<String> fieldNames(String avroSchema) throws Exception {
        Set<String> names = new TreeSet<>();
        JSON.readTree(avroSchema).path("fields").forEach(field -> names.add(field.path("name").asText()));
        return names;
    }
}
