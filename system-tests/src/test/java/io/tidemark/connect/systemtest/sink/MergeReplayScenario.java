package io.tidemark.connect.systemtest.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.systemtest.Await;
import io.tidemark.connect.systemtest.config.ConnectorConfigExample;
import io.tidemark.connect.systemtest.connect.ConnectRestClient;
import io.tidemark.connect.systemtest.connect.ConnectorOffsets;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;

/**
 * What every warehouse's sink system test shows, through a real worker running the bundle and a file of
 * config-examples/ registered through REST: a {@link CustomerChangeStream} is merged into its table row
 * for row, its poison record lands in the dead-letter queue with Connect's error headers, and a replay
 * from the beginning (offsets reset through the REST API) leaves the table exactly as it was. Each
 * warehouse's test says how to read its table.
 */
public final class MergeReplayScenario {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final int PARTITIONS = 3;

    /** Reads a table's rows (id, name, email, score, version) as text, ordered by id. */
    @FunctionalInterface
    public interface TableReader {
        List<List<String>> rows(String table) throws Exception;
    }

    private final LocalStack stack;
    private final ConnectRestClient rest;

    /** @param rest the REST API of the Connect cluster that is to run the connector */
    public MergeReplayScenario(LocalStack stack, ConnectRestClient rest) {
        this.stack = stack;
        this.rest = rest;
    }

    /**
     * Runs the scenario with {@code exampleFile} pointed at the stack (environment keys only), on a topic and
     * table of its own.
     *
     * @param readerFor how to read the table, given the example as registered
     */
    public void run(TestNames names, String exampleFile, Function<ConnectorConfigExample, TableReader> readerFor) throws Exception {
        // The table is the topic's last segment (table.name.format=${topic.last}): unique per test.
        String table = names.prefix();
        String topic = names.topicPrefix() + ".public." + table;
        stack.kafka().create(topic, PARTITIONS);
        CustomerChangeStream stream = new CustomerChangeStream(topic);
        List<RecordMetadata> produced = stack.kafka().produce(stream.records());
        RecordMetadata poison = produced.get(produced.size() - 1);

        ConnectorConfigExample example = stack.environment().apply(stack.configExamples().load(exampleFile))
            .withName(names.connector("sink"))
            .withOverrides(Map.of("topics.regex", Pattern.quote(topic)));
        String connector = example.name();
        TableReader reader = readerFor.apply(example);
        rest.createConnector(connector, example.config());

        awaitCommittedToEnd(connector, topic);
        rest.stop(connector);
        awaitState(connector, "STOPPED");
        // Committed offsets reached the end: everything is in the warehouse (the sink commits nothing else).
        List<List<String>> written = readable(reader, table);
        assertThat(written).as("the merged table").isEqualTo(stream.expected());

        List<ConsumerRecord<byte[], byte[]>> dead = deadLetters(example, topic);
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), "__connect.errors.partition")).isEqualTo(Integer.toString(poison.partition()));
        assertThat(header(dead.get(0), "__connect.errors.offset")).isEqualTo(Long.toString(poison.offset()));
        assertThat(header(dead.get(0), "__connect.errors.exception.message")).contains("has no key");

        assertThat(rest.resetOffsets(connector)).isNotBlank();
        rest.resume(connector);
        awaitCommittedToEnd(connector, topic);
        Await.until("the replay to reach the poison record again", TIMEOUT, () -> deadLetters(example, topic).size() == 2);
        rest.stop(connector);
        awaitState(connector, "STOPPED");

        assertThat(readable(reader, table)).as("the table after replaying the topic from the beginning").isEqualTo(written);
        rest.deleteConnector(connector);
    }

    /** The rows, as soon as the table can be read (a stopped worker task releases a DuckDB file shortly after). */
    private static List<List<String>> readable(TableReader reader, String table) {
        return Await.value(table + " readable", TIMEOUT, () -> reader.rows(table), rows -> rows != null);
    }

    /** The connector's committed offsets (GET /connectors/{name}/offsets) reached the end of every partition. */
    private void awaitCommittedToEnd(String connector, String topic) {
        Map<Integer, Long> ends = new TreeMap<>();
        stack.kafka().endOffsets(topic).forEach((partition, end) -> ends.put(partition.partition(), end));
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

    private void awaitState(String connector, String state) {
        Await.until(connector + " " + state, TIMEOUT, () -> state.equals(rest.status(connector).connector().state()),
            () -> String.valueOf(rest.status(connector)));
    }

    /** Dead-letter records of this test's topic (the example's DLQ topic is shared by the tests using it). */
    private List<ConsumerRecord<byte[], byte[]>> deadLetters(ConnectorConfigExample example, String topic) {
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

    /** The rows of {@code query}, whose five columns are id, name, email, score and version, as text. */
    public static List<List<String>> rows(Connection connection, String query) throws SQLException {
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
}
