package io.tidemark.connect.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.systemtest.config.ConnectorConfigExample;
import io.tidemark.connect.systemtest.connect.ConnectRestClient;
import io.tidemark.connect.systemtest.connect.ConnectorOffsets;
import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.kafka.ConnectJson;
import io.tidemark.connect.systemtest.postgres.PostgresServer;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The warehouse sink from the bundle in a real worker, configured through REST with the files in
 * config-examples/: a keyed change stream (our change-event contract, with deletes, tombstones,
 * re-inserts and stale duplicates) is merged into PostgreSQL and into DuckDB, a poison record lands in
 * the dead-letter queue with Connect's error headers while the rest is written, and a replay from the
 * beginning (offsets reset through the REST API) leaves the tables exactly as they were.
 */
@ExtendWith(LocalStackExtension.class)
class WarehouseSinkIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final int PARTITIONS = 3;
    private static final Schema KEY = SchemaBuilder.struct().name("customers.Key").field("id", Schema.INT64_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct().name("customers.Value")
        .field("id", Schema.INT64_SCHEMA)
        .field("name", Schema.OPTIONAL_STRING_SCHEMA)
        .field("email", Schema.OPTIONAL_STRING_SCHEMA)
        .field("score", Schema.OPTIONAL_INT32_SCHEMA)
        .field("__op", Schema.STRING_SCHEMA)
        .field("__source_ts_ms", Schema.INT64_SCHEMA)
        .field("__position", Schema.INT64_SCHEMA)
        .field("__deleted", Schema.BOOLEAN_SCHEMA)
        .build();

    @Test
    void mergesAChangeStreamIntoPostgres(LocalStack stack) throws Exception {
        runScenario(stack, TestNames.of("sink_postgres"), "sink-postgres.json");
    }

    @Test
    void mergesAChangeStreamIntoDuckDb(LocalStack stack) throws Exception {
        runScenario(stack, TestNames.of("sink_duckdb"), "sink-duckdb.json");
    }

    /** Reads the table's rows (id, name, email, score, version), ordered by id. */
    @FunctionalInterface
    interface TableReader {
        List<List<String>> rows(String table) throws Exception;
    }

    private void runScenario(LocalStack stack, TestNames names, String exampleFile) throws Exception {
        // The table is the topic's last segment (table.name.format=${topic.last}): unique per test.
        String table = names.prefix();
        String topic = names.topicPrefix() + ".public." + table;
        stack.kafka().create(topic, PARTITIONS);
        ChangeStream stream = new ChangeStream(topic);
        List<RecordMetadata> produced = stack.kafka().produce(stream.records());
        RecordMetadata poison = produced.get(produced.size() - 1);

        ConnectorConfigExample example = stack.environment().apply(stack.configExamples().load(exampleFile))
            .withName(names.connector("sink"))
            .withOverrides(Map.of("topics.regex", Pattern.quote(topic)));
        String connector = example.name();
        String url = example.config().get("connection.url");
        TableReader reader = url.startsWith("jdbc:duckdb:") ? name -> duckDbRows(url, name) : name -> postgresRows(stack, "public", name);
        ConnectRestClient rest = stack.connect();
        rest.createConnector(connector, example.config());

        awaitCommittedToEnd(stack, connector, topic);
        rest.stop(connector);
        awaitState(rest, connector, "STOPPED");
        // Committed offsets reached the end: everything is in the warehouse (the sink commits nothing else).
        List<List<String>> written = readable(reader, table);
        assertThat(written).as("the merged table").isEqualTo(stream.expected());

        List<ConsumerRecord<byte[], byte[]>> dead = deadLetters(stack, example, topic);
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), "__connect.errors.partition")).isEqualTo(Integer.toString(poison.partition()));
        assertThat(header(dead.get(0), "__connect.errors.offset")).isEqualTo(Long.toString(poison.offset()));
        assertThat(header(dead.get(0), "__connect.errors.exception.message")).contains("has no key");

        assertThat(rest.resetOffsets(connector)).isNotBlank();
        rest.resume(connector);
        awaitCommittedToEnd(stack, connector, topic);
        Await.until("the replay to reach the poison record again", TIMEOUT, () -> deadLetters(stack, example, topic).size() == 2);
        rest.stop(connector);
        awaitState(rest, connector, "STOPPED");

        assertThat(readable(reader, table)).as("the table after replaying the topic from the beginning").isEqualTo(written);
        rest.deleteConnector(connector);
    }

    /** The rows, as soon as the table can be read (a stopped worker task releases a DuckDB file shortly after). */
    private static List<List<String>> readable(TableReader reader, String table) {
        return Await.value(table + " readable", TIMEOUT, () -> reader.rows(table), rows -> rows != null);
    }

    /** The connector's committed offsets (GET /connectors/{name}/offsets) reached the end of every partition. */
    private static void awaitCommittedToEnd(LocalStack stack, String connector, String topic) {
        Map<Integer, Long> ends = new TreeMap<>();
        stack.kafka().endOffsets(topic).forEach((partition, end) -> ends.put(partition.partition(), end));
        ConnectRestClient rest = stack.connect();
        Await.until(connector + " committed to " + ends, TIMEOUT, () -> committed(rest.offsets(connector)).equals(ends),
            () -> String.valueOf(rest.status(connector)));
    }

    private static Map<Integer, Long> committed(ConnectorOffsets offsets) {
        Map<Integer, Long> committed = new TreeMap<>();
        for (ConnectorOffsets.Offset offset : offsets.offsets()) {
            committed.put(((Number) offset.partition().get("kafka_partition")).intValue(),
                ((Number) offset.offset().get("kafka_offset")).longValue());
        }
        return committed;
    }

    private static void awaitState(ConnectRestClient rest, String connector, String state) {
        Await.until(connector + " " + state, TIMEOUT, () -> state.equals(rest.status(connector).connector().state()),
            () -> String.valueOf(rest.status(connector)));
    }

    /** Dead-letter records of this test's topic (the example's DLQ topic is shared by the tests using it). */
    private static List<ConsumerRecord<byte[], byte[]>> deadLetters(LocalStack stack, ConnectorConfigExample example, String topic) {
        String dlq = example.config().get("errors.deadletterqueue.topic.name");
        if (!stack.kafka().exists(dlq)) {
            return List.of();
        }
        return stack.kafka().consumeAll(dlq).stream().filter(record -> topic.equals(header(record, "__connect.errors.topic"))).toList();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static final String ROWS = "SELECT id, name, email, score, \"__version\" FROM %s ORDER BY id";

    private static List<List<String>> postgresRows(LocalStack stack, String schema, String table) throws SQLException {
        try (Connection connection = stack.postgres().connect(PostgresServer.DATABASE)) {
            return rows(connection, String.format(ROWS, "\"" + schema + "\".\"" + table + "\""));
        }
    }

    /** The worker holds the DuckDB file while the connector runs; read it once the connector is stopped. */
    private static List<List<String>> duckDbRows(String url, String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            return rows(connection, String.format(ROWS, "\"" + table + "\""));
        }
    }

    private static List<List<String>> rows(Connection connection, String query) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= 5; i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * A change stream as the CDC source emits it, positions growing like an LSN: for 150 keys an insert,
     * updates, for some a delete with its tombstone and a later re-insert, stale duplicates of earlier
     * changes sent again late, and one keyless (poison) record. It knows the table it must produce.
     */
    private static final class ChangeStream {
        private final String topic;
        private final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        private final Map<Long, List<String>> rows = new TreeMap<>();
        private final Map<Long, ProducerRecord<byte[], byte[]>> stale = new TreeMap<>();
        private long position = 1_000;

        ChangeStream(String topic) {
            this.topic = topic;
            Random random = new Random(7);
            for (long id = 1; id <= 150; id++) {
                change("c", id, "name-" + id, id);
            }
            for (int round = 0; round < 4; round++) {
                for (long id = 1; id <= 150; id++) {
                    int dice = random.nextInt(10);
                    if (dice < 6) {
                        change("u", id, "round-" + round + "-" + id, round);
                    } else if (dice == 6 && rows.containsKey(id)) {
                        delete(id);
                    } else if (dice == 7 && !rows.containsKey(id)) {
                        change("c", id, "back-" + round + "-" + id, round);
                    }
                }
            }
            // Older changes delivered again: the stored versions are newer, so nothing changes. (Only for rows
            // that exist: with hard deletes, a row that is gone has no version left to refuse an old insert.)
            stale.forEach((id, record) -> {
                if (rows.containsKey(id)) {
                    records.add(record);
                }
            });
            // The poison record, last: a change without a key cannot be merged; it goes to the DLQ.
            records.add(new ProducerRecord<>(topic, 0, null, ConnectJson.encodeValue(topic, VALUE, value("c", 0, "poison", 0))));
        }

        private Struct value(String op, long id, String name, int score) {
            boolean delete = "d".equals(op);
            return new Struct(VALUE).put("id", id).put("name", delete ? null : name).put("email", delete ? null : name + "@example.com")
                .put("score", delete ? null : score).put("__op", op).put("__source_ts_ms", 1_700_000_000_000L + position)
                .put("__position", position).put("__deleted", delete);
        }

        private ProducerRecord<byte[], byte[]> keyed(long id, Schema schema, Struct value) {
            return new ProducerRecord<>(topic, ConnectJson.encodeKey(topic, KEY, new Struct(KEY).put("id", id)),
                ConnectJson.encodeValue(topic, schema, value));
        }

        private void change(String op, long id, String name, long score) {
            position++;
            ProducerRecord<byte[], byte[]> record = keyed(id, VALUE, value(op, id, name, (int) score));
            records.add(record);
            if (position % 17 == 0) {
                stale.put(id, record);
            }
            rows.put(id, List.of(Long.toString(id), name, name + "@example.com", Long.toString(score), Long.toString(position)));
        }

        private void delete(long id) {
            position++;
            records.add(keyed(id, VALUE, value("d", id, null, 0)));
            records.add(keyed(id, null, null));
            rows.remove(id);
        }

        List<ProducerRecord<byte[], byte[]>> records() {
            return records;
        }

        List<List<String>> expected() {
            return new ArrayList<>(rows.values());
        }
    }
}
