package io.tidemark.connect.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.connect.systemtest.config.StackEnvironment;
import io.tidemark.connect.systemtest.connect.ConnectRestClient;
import io.tidemark.connect.systemtest.connect.ConnectRestException;
import io.tidemark.connect.systemtest.connect.ConnectWorker;
import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.kafka.ConnectJson;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The harness does what later system and fault tests rely on: servers come back after an outage
 * with their data, and a connector can be driven through its whole REST lifecycle with secrets
 * resolved by the worker's config provider.
 */
@ExtendWith(LocalStackExtension.class)
class LocalStackIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    void postgresComesBackOnTheSamePortWithItsData(LocalStack stack) throws SQLException {
        TestNames names = TestNames.of("pg_outage");
        stack.postgres().execute("postgres", "CREATE TABLE " + names.prefix() + " (id int PRIMARY KEY)",
            "INSERT INTO " + names.prefix() + " VALUES (1), (2)");

        stack.postgres().stop();
        assertThatThrownBy(() -> stack.postgres().connect().close()).isInstanceOf(SQLException.class);
        stack.postgres().start();

        try (Connection connection = stack.postgres().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + names.prefix())) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(2);
        }
    }

    @Test
    void brokerKeepsItsRecordsAcrossAKillAndRestart(LocalStack stack) {
        String topic = TestNames.of("broker_crash").topic("events");
        stack.kafka().create(topic, 2);
        Schema key = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
        Schema value = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).field("name", Schema.STRING_SCHEMA).build();
        stack.kafka().produce(List.of(
            ConnectJson.record(topic, key, new Struct(key).put("id", 1L), value, new Struct(value).put("id", 1L).put("name", "a")),
            ConnectJson.record(topic, key, new Struct(key).put("id", 2L), value, new Struct(value).put("id", 2L).put("name", "b"))));

        stack.broker().kill();
        stack.broker().start();

        List<ConsumerRecord<byte[], byte[]>> records = stack.kafka().consumeAll(topic);
        Set<String> names = new TreeSet<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            names.add(((Struct) ConnectJson.decodeValue(topic, record.value()).value()).getString("name"));
        }
        assertThat(names).containsExactly("a", "b");
        Await.until("the worker to be healthy after the broker restart", TIMEOUT, () -> stack.connect().isHealthy());
    }

    @Test
    void aSecondWorkerJoinsTheSameConnectCluster(LocalStack stack) {
        ConnectWorker second = stack.startWorker();
        try {
            assertThat(second.rest().workerInfo().path("kafka_cluster_id").asText())
                .isEqualTo(stack.connect().workerInfo().path("kafka_cluster_id").asText());
            Await.until("both workers to list the same connectors", TIMEOUT,
                () -> second.rest().connectors().equals(stack.connect().connectors()));
            assertThat(second.rest().connectorPlugins(true)).isEqualTo(stack.connect().connectorPlugins(true));
        } finally {
            second.stop();
        }
        Await.until("the first worker to be healthy after the second left", TIMEOUT, () -> stack.connect().isHealthy());
    }

    @Test
    void restClientDrivesTheBundlesCdcSourceThroughItsLifecycle(LocalStack stack) {
        TestNames names = TestNames.of("lifecycle");
        String schema = names.prefix();
        stack.postgres().execute("postgres", "CREATE SCHEMA " + schema,
            "CREATE TABLE " + schema + ".items (id int PRIMARY KEY, name text)",
            "INSERT INTO " + schema + ".items VALUES (1, 'snapshot')");
        String connector = names.connector("cdc");
        Map<String, String> config = Map.ofEntries(
            // The bundle declares only Tidemark's plugins (Debezium runs inside our source, see ConnectorPluginsIT).
            Map.entry("connector.class", "io.tidemark.connect.source.PostgresCdcSourceConnector"),
            Map.entry("tasks.max", "1"),
            Map.entry("database.hostname", stack.postgres().host()),
            Map.entry("database.port", Integer.toString(stack.postgres().port())),
            Map.entry("database.user", stack.postgres().user()),
            Map.entry("database.password", stack.secrets().reference(StackEnvironment.POSTGRES_PASSWORD_KEY)),
            Map.entry("database.dbname", "postgres"),
            Map.entry("topic.prefix", names.topicPrefix()),
            Map.entry("slot.name", names.slot()),
            Map.entry("publication.name", names.publication()),
            Map.entry("publication.autocreate.mode", "filtered"),
            Map.entry("table.include.list", schema + "\\.items"));
        ConnectRestClient rest = stack.connect();

        rest.createConnector(connector, config);
        assertThatThrownBy(() -> rest.createConnector(connector, config))
            .isInstanceOfSatisfying(ConnectRestException.class, e -> {
                assertThat(e.status()).isEqualTo(409);
                assertThat(e.getMessage()).contains("already exists");
            });
        awaitState(rest, connector, "RUNNING");
        assertThat(rest.connectorConfig(connector).get("database.password"))
            .as("the stored config keeps the reference, not the secret").startsWith("${file:");

        stack.postgres().execute("postgres", "INSERT INTO " + schema + ".items VALUES (2, 'streamed')");
        String topic = names.topicPrefix() + "." + schema + ".items";
        Set<Integer> ids = Await.value("snapshot and streamed rows in " + topic, TIMEOUT, () -> {
            Set<Integer> seen = new TreeSet<>();
            for (ConsumerRecord<byte[], byte[]> record : stack.kafka().consumeAll(topic)) {
                Struct row = (Struct) ConnectJson.decodeValue(topic, record.value()).value();
                seen.add(row.getInt32("id"));
            }
            return seen;
        }, seen -> seen.size() == 2, () -> rest.status(connector).failureTraces());
        assertThat(ids).containsExactly(1, 2);

        rest.pause(connector);
        awaitState(rest, connector, "PAUSED");
        rest.resume(connector);
        awaitState(rest, connector, "RUNNING");
        rest.restart(connector, true, false);
        awaitState(rest, connector, "RUNNING");
        rest.stop(connector);
        awaitState(rest, connector, "STOPPED");
        assertThat(rest.offsets(connector).offsets()).as("source offsets (KIP-875)").isNotEmpty();
        rest.deleteConnector(connector);
        Await.until(connector + " deleted", TIMEOUT, () -> !rest.connectors().contains(connector));
        assertThat(stack.postgres().dropReplicationSlots(names.slot())).isEqualTo(1);
    }

    private static void awaitState(ConnectRestClient rest, String connector, String state) {
        Await.until(connector + " " + state, TIMEOUT, () -> {
            var status = rest.status(connector);
            return state.equals(status.connector().state())
                && status.tasks().stream().allMatch(task -> state.equals(task.state()));
        }, () -> String.valueOf(rest.status(connector)));
    }
}
