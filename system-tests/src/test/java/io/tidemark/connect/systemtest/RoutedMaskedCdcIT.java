package io.tidemark.connect.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.systemtest.config.ConnectorConfigExample;
import io.tidemark.connect.systemtest.connect.ConnectRestClient;
import io.tidemark.connect.systemtest.connect.ConnectWorker;
import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.kafka.ConnectJson;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * config-examples/source-postgres-cdc-routed-masked.json, created through REST on a real worker from the
 * built zip: the CDC source captures two tables, MaskFields masks personal data of the one its
 * FieldValueMatches predicate selects, and TopicRouter sends each table's changes, tombstones included,
 * to its warehouse topic. Checked on what lands in Kafka, and on the worker's log.
 */
@ExtendWith(LocalStackExtension.class)
class RoutedMaskedCdcIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final String EXAMPLE = "source-postgres-cdc-routed-masked.json";
    private static final String HMAC_SECRET_KEY = "mask.hmac.secret";
    private static final String HMAC_SECRET = "system-test-hmac-secret-0123456789abcdef";

    @Test
    void masksPersonalDataAndRoutesEachTableToItsWarehouseTopic(LocalStack stack) throws Exception {
        TestNames names = TestNames.of("routed_masked");
        String schema = names.prefix();
        stack.postgres().execute("postgres", "CREATE SCHEMA " + schema,
            "CREATE TABLE " + schema + ".customers (id int PRIMARY KEY, email text, phone text, card_number text, "
                + "name text)",
            "CREATE TABLE " + schema + ".orders (id int PRIMARY KEY, email text)",
            "INSERT INTO " + schema + ".customers VALUES (1, 'alice@example.com', '+33612345678', "
                + "'4111111111111111', 'Alice')",
            "INSERT INTO " + schema + ".orders VALUES (10, 'ops@example.com')");
        stack.secrets().put(HMAC_SECRET_KEY, HMAC_SECRET);
        ConnectorConfigExample example = stack.environment().apply(stack.configExamples().load(EXAMPLE))
            .withOverrides(Map.of(
                "topic.prefix", names.topicPrefix(),
                "table.include.list", schema + "\\.customers," + schema + "\\.orders",
                "slot.name", names.slot(),
                "publication.name", names.publication()));
        String connector = names.connector("source");
        ConnectRestClient rest = stack.connect();

        rest.createConnector(connector, example.config());
        try {
            Await.until(connector + " running", TIMEOUT, () -> rest.status(connector).isRunning(),
                () -> rest.status(connector).failureTraces());
            stack.postgres().execute("postgres",
                "INSERT INTO " + schema + ".customers VALUES (2, 'bob@example.org', '+4915112345678', "
                    + "'5500000000000004', 'Bob')",
                "UPDATE " + schema + ".customers SET phone = '+33699999999' WHERE id = 1",
                "DELETE FROM " + schema + ".customers WHERE id = 2");

            String customersTopic = "warehouse." + schema + ".customers";
            List<ConsumerRecord<byte[], byte[]>> customers = Await.value("5 records in " + customersTopic, TIMEOUT,
                () -> stack.kafka().consumeAll(customersTopic), records -> records.size() >= 5,
                () -> rest.status(connector).failureTraces());
            assertCustomersMaskedAndComplete(customersTopic, customers);

            String ordersTopic = "warehouse." + schema + ".orders";
            List<ConsumerRecord<byte[], byte[]>> orders = Await.value("the order in " + ordersTopic, TIMEOUT,
                () -> stack.kafka().consumeAll(ordersTopic), records -> !records.isEmpty());
            Struct order = (Struct) ConnectJson.decodeValue(ordersTopic, orders.get(0).value()).value();
            assertThat(order.getString("email")).as("orders are outside the masking predicate")
                .isEqualTo("ops@example.com");

            assertThat(stack.kafka().list()).as("nothing is written under the source's own topic names")
                .noneMatch(topic -> topic.startsWith(names.topicPrefix() + "." + schema));
            // Other tests may have started workers of other Connect clusters: the connector ran on (and
            // is named in the log of) at least one worker, and no worker log holds a secret or value.
            List<String> logs = new ArrayList<>();
            for (ConnectWorker worker : stack.workers()) {
                logs.add(Files.readString(worker.logFile(), StandardCharsets.UTF_8));
            }
            assertThat(logs).as("worker logs naming the connector").anyMatch(log -> log.contains(connector));
            assertThat(logs).as("worker logs: no secret or original value")
                .allSatisfy(log -> assertThat(log)
                    .doesNotContain(HMAC_SECRET, "alice@example.com", "bob@example.org", "4111111111111111"));
        } finally {
            rest.deleteConnector(connector);
            Await.until(connector + " deleted", TIMEOUT, () -> !rest.connectors().contains(connector));
            Await.until("replication slot " + names.slot() + " dropped", TIMEOUT, () -> {
                stack.postgres().dropReplicationSlots(names.slot());
                return !slotExists(stack, names.slot());
            });
        }
    }

    private static void assertCustomersMaskedAndComplete(String topic, List<ConsumerRecord<byte[], byte[]>> records)
        throws GeneralSecurityException {
        Map<Integer, List<String>> changes = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String raw = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
            assertThat(raw).as("no original e-mail, phone or card number in " + topic)
                .doesNotContain("alice@example.com", "bob@example.org", "612345678", "699999999",
                    "4111111111111111", "5500000000000004");
            assertThat(header(record, "tidemark.table")).isEqualTo("customers");
            int id = ((Struct) ConnectJson.decodeKey(topic, record.key()).value()).getInt32("id");
            if (record.value() == null) {
                changes.computeIfAbsent(id, key -> new ArrayList<>()).add("tombstone");
                continue;
            }
            Struct row = (Struct) ConnectJson.decodeValue(topic, record.value()).value();
            String op = row.getString("__op");
            changes.computeIfAbsent(id, key -> new ArrayList<>()).add(op);
            if (op.equals("d")) {
                continue; // the before image of a delete carries the key columns only (default replica identity)
            }
            if (id == 1) {
                assertThat(row.getString("email")).isEqualTo("em_" + hmacHex("alice@example.com"));
                assertThat(row.getString("phone")).isEqualTo(op.equals("u") ? "+33*******99" : "+33*******78");
                assertThat(row.getString("card_number")).isEqualTo("************1111");
                assertThat(row.getString("name")).isEqualTo("Alice");
            } else {
                assertThat(row.getString("email")).isEqualTo("em_" + hmacHex("bob@example.org"));
                assertThat(row.getString("phone")).isEqualTo("+49*********78");
                assertThat(row.getString("card_number")).isEqualTo("************0004");
            }
        }
        assertThat(changes).as("every change of each row, in order, the tombstone after its delete")
            .isEqualTo(Map.of(1, List.of("r", "u"), 2, List.of("c", "d", "tombstone")));
    }

    /** The pseudonym computed independently of the transform: HMAC-SHA-256 with the secret, as hex. */
    private static String hmacHex(String value) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HMAC_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    private static boolean slotExists(LocalStack stack, String slot) throws SQLException {
        try (Connection connection = stack.postgres().connect();
             PreparedStatement query = connection.prepareStatement(
                 "SELECT count(*) FROM pg_replication_slots WHERE slot_name = ?")) {
            query.setString(1, slot);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1) > 0;
            }
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
