package io.tidemark.connect.systemtest.bench;

import io.tidemark.connect.systemtest.config.ConnectorConfigExample;
import io.tidemark.connect.systemtest.config.StackEnvironment;
import io.tidemark.connect.systemtest.stack.LocalStack;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Benchmark 1, the sink end to end through Connect: one topic of change events, read from the beginning by our
 * warehouse sink and by Debezium's JDBC sink connector in turn, each into an empty PostgreSQL table of its own
 * database, in the same worker; events per second until the whole stream is in the table, and whether the
 * table is then exactly right.
 *
 * <p>Input format: flat records keyed by id (JSON with schemas), deletes as tombstones. Both connectors document
 * it as an input of their own (ours: plain flat records, tombstones delete; Debezium's: record_key primary keys
 * with delete.enabled, the shape its ExtractNewRecordState transform produces), it needs no conversion, and a
 * flat record carries its schema once where a Debezium envelope carries it three times (before, after,
 * source), which would make the benchmark mostly measure JSON parsing in the worker's converter.
 */
public final class SinkEndToEndBenchmark implements Benchmark {

    static final String TOPIC = "bench.public." + WriterTable.NAME;
    /** The same stream in four partitions (an id's changes in one), read by four tasks of each connector. */
    static final String TOPIC_4 = "bench4.public." + WriterTable.NAME;
    private static final int PARTITIONS = 4;
    private static final String OURS = "Tidemark warehouse sink";
    private static final String OURS_SYNCHRONOUS = "Tidemark warehouse sink, flush.pipeline.depth=0";
    private static final String OURS_4 = "Tidemark warehouse sink, 4 partitions, tasks.max=4";

    @Override
    public String id() {
        return "sink-e2e";
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        int batch = context.options().integer("dbz.batch", 5000);
        ZonedDateTime started = ZonedDateTime.now();
        LoadAverage load = LoadAverage.now();
        long start = System.nanoTime();
        SinkChangeStream stream = SinkChangeStream.of(context.options());
        try (LocalStack stack = BenchStack.start(context, Map.of())) {
            String peer = "Debezium JDBC sink " + BenchStack.pluginVersion(stack, BenchStack.DEBEZIUM_JDBC_SINK);
            stack.postgres().createDatabase("bench_tidemark");
            stack.postgres().createDatabase("bench_tidemark_synchronous");
            stack.postgres().createDatabase("bench_debezium");
            stack.postgres().createDatabase("bench_tidemark_4");
            stack.postgres().createDatabase("bench_debezium_4");
            stack.kafka().create(TOPIC, 1);
            stack.kafka().create(TOPIC_4, PARTITIONS);
            long produceStart = System.nanoTime();
            stream.produce(stack.broker().bootstrapServers(), TOPIC, 1);
            stream.produce(stack.broker().bootstrapServers(), TOPIC_4, PARTITIONS);
            context.log().printf(Locale.ROOT, "Produced %,d records to %s and to %s in %.1f s%n", stream.events(), TOPIC, TOPIC_4,
                (System.nanoTime() - produceStart) / 1e9);

            ConnectorConfigExample example = stack.environment().apply(stack.configExamples().load("sink-postgres.json"))
                .withOverrides(Map.of("topics.regex", Pattern.quote(TOPIC),
                    "connection.url", stack.postgres().jdbcUrl("bench_tidemark")));
            Map<String, String> synchronous = new LinkedHashMap<>(example.config());
            synchronous.put("connection.url", stack.postgres().jdbcUrl("bench_tidemark_synchronous"));
            synchronous.put("flush.pipeline.depth", "0");
            Map<String, String> ours4 = new LinkedHashMap<>(example.config());
            ours4.put("topics.regex", Pattern.quote(TOPIC_4));
            ours4.put("connection.url", stack.postgres().jdbcUrl("bench_tidemark_4"));
            ours4.put("tasks.max", Integer.toString(PARTITIONS));
            Map<String, String> debezium = debeziumConfig(stack, batch, TOPIC, "bench_debezium", 1);
            Map<String, String> debezium4 = debeziumConfig(stack, batch, TOPIC_4, "bench_debezium_4", PARTITIONS);
            String peer4 = peer + ", 4 partitions, tasks.max=4";
            try (WorkerJmx worker = WorkerJmx.attach(stack.worker().process().pid())) {
                List<Contender> contenders = List.of(
                    new SinkContender(OURS, "tidemark", stack, "bench_tidemark", name -> example.config(), stream, worker),
                    new SinkContender(OURS_SYNCHRONOUS, "tidemark-synchronous", stack, "bench_tidemark_synchronous", name -> synchronous,
                        stream, worker),
                    new SinkContender(peer, "debezium", stack, "bench_debezium", name -> debezium, stream, worker),
                    new SinkContender(OURS_4, "tidemark-4", stack, "bench_tidemark_4", name -> ours4, stream, worker),
                    new SinkContender(peer4, "debezium-4", stack, "bench_debezium_4", name -> debezium4, stream, worker));
                List<Sample> samples = Rounds.alternate(context.rounds(), contenders, "events/s", context.log());
                return List.of(new BenchResult(id(), "Sink end to end through Connect, into PostgreSQL", "events/s", true,
                    contenders.stream().map(Contender::name).toList(), samples,
                    List.of(Target.ratioAtLeast("Tidemark / " + peer, OURS, peer, 3.0),
                        Target.ratioAtLeast("4 partitions × 4 tasks: Tidemark / " + peer, OURS_4, peer4, 3.0)),
                    setup(stream, example, debezium), started, load, BenchMain.since(start)));
            }
        }
    }

    /**
     * Debezium's JDBC sink as its documentation tunes it for throughput: upserts and deletes by the record key,
     * the reduction buffer (one statement per key per batch), reWriteBatchedInserts in the URL (which the
     * documentation asks for with the reduction buffer), batch.size with the consumer's max.poll.records raised
     * to match (else batches are capped at 500 records).
     */
    static Map<String, String> debeziumConfig(LocalStack stack, int batch, String topic, String database, int tasks) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", BenchStack.DEBEZIUM_JDBC_SINK);
        config.put("tasks.max", Integer.toString(tasks));
        config.put("topics", topic);
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "true");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "true");
        config.put("connection.url", stack.postgres().jdbcUrl(database) + "?reWriteBatchedInserts=true");
        config.put("connection.username", stack.postgres().user());
        config.put("connection.password", stack.secrets().reference(StackEnvironment.POSTGRES_PASSWORD_KEY));
        config.put("insert.mode", "upsert");
        config.put("delete.enabled", "true");
        config.put("primary.key.mode", "record_key");
        config.put("schema.evolution", "basic");
        config.put("collection.name.format", WriterTable.NAME);
        config.put("use.reduction.buffer", "true");
        config.put("batch.size", Integer.toString(batch));
        config.put("consumer.override.max.poll.records", Integer.toString(batch));
        return config;
    }

    private static List<String> setup(SinkChangeStream stream, ConnectorConfigExample example, Map<String, String> debezium) {
        List<String> setup = new ArrayList<>();
        setup.add(String.format(Locale.ROOT, "%,d records: change events of a customer table (9 columns) "
            + "that starts empty, %,d inserts, %,d updates, %,d deletes over %,d keys, as flat records keyed by id, JSON with "
            + "schemas, deletes as tombstones; the last %d records insert sentinel rows. The same records in a topic of one "
            + "partition and in a topic of %d partitions (an id's changes in partition id mod %d, the sentinels one per "
            + "partition).", stream.events(), stream.count('c'), stream.count('u'), stream.count('d'), stream.keys(),
            SinkChangeStream.SENTINELS, PARTITIONS, PARTITIONS));
        setup.add("Why this format: both connectors take it natively (ours: plain flat records, tombstones delete; Debezium's: "
            + "record_key + delete.enabled, the shape its ExtractNewRecordState transform writes) and a flat record carries its "
            + "schema once, where a Debezium envelope carries it three times and the run would mostly measure the worker's JSON parsing.");
        setup.add("Each round each connector reads the whole topic from the beginning into an empty table of its own database, "
            + "one task each (four on the four-partition topic). Timed from resuming the connector (created paused) until every "
            + "sentinel row is visible; then the "
            + "table is compared row by row with the expected final state (result correct).");
        setup.add("Ours: " + example.file() + " as shipped (buffer.count.records=" + example.config().get("buffer.count.records")
            + ", buffer.flush.time.ms=" + example.config().get("buffer.flush.time.ms") + ", tasks.max="
            + example.config().get("tasks.max") + ": the second task gets no partition; flush.pipeline.depth=1 by default: a "
            + "writer thread writes the sealed buffer while put() buffers the next); depth 0: the same with the flush on the "
            + "task thread, for comparison; on the four-partition topic the same with tasks.max=4.");
        setup.add("Debezium JDBC sink, tuned as its documentation says: insert.mode=upsert, delete.enabled=true, "
            + "primary.key.mode=record_key, schema.evolution=basic, use.reduction.buffer=true, reWriteBatchedInserts=true in the "
            + "URL, batch.size=" + debezium.get("batch.size") + " with consumer.override.max.poll.records=" + debezium.get("batch.size")
            + ", tasks.max=1 (4 on the four-partition topic).");
        setup.add("Worker: the stack's (Kafka 4.3, -Xmx1g, offset.flush.interval.ms=1000, the bundle's connect-distributed.properties "
            + "otherwise); peak heap is the worker JVM's, sampled over JMX.");
        return setup;
    }
}
