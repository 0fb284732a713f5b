package io.tidemark.connect.systemtest.bench;

import io.tidemark.connect.systemtest.Await;
import io.tidemark.connect.systemtest.config.ConfigExamples;
import io.tidemark.connect.systemtest.config.ConnectorConfigExample;
import io.tidemark.connect.systemtest.connect.ConnectRestClient;
import io.tidemark.connect.systemtest.kafka.KafkaTopics;
import io.tidemark.connect.systemtest.stack.LocalStack;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Benchmark 5, end to end: a PostgreSQL commit until the row is visible in the warehouse, through our CDC source,
 * Kafka and our warehouse sink (into another database of the same server), with pgbench-style writers at a fixed
 * rate. Two sink configurations alternate: the config example's flush settings on a worker with the worker
 * example's offset.flush.interval.ms, and the same with buffer.flush.time.ms=1000.
 */
public final class EndToEndLatencyBenchmark implements Benchmark {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    /** Rows of the captured table: enough that few changes overwrite each other before a flush; not measured. */
    private static final int TABLE_ROWS = 100_000;
    /** How long after the last write the source surely has it in Kafka (its p99 is far below). */
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final String WAREHOUSE_TABLE = "public.customers";

    @Override
    public String id() {
        return "e2e-latency";
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        int rate = context.options().integer("rate", 2000);
        int seconds = context.options().integer("latency.seconds", 30);
        int rows = TABLE_ROWS;
        ZonedDateTime started = ZonedDateTime.now();
        LoadAverage load = LoadAverage.now();
        long start = System.nanoTime();
        // The worker as the bundle's example configures it: the test stack commits offsets every second, which
        // would flush the sink every second whatever its own settings say.
        String offsetFlush = new ConfigExamples(context.configExamples()).workerExample().get("offset.flush.interval.ms");
        Map<String, String> workerExample = Map.of("offset.flush.interval.ms", offsetFlush);
        try (LocalStack stack = BenchStack.start(context, workerExample)) {
            SourceTable table = new SourceTable(stack.postgres());
            table.createDatabase();
            table.reset(rows);
            ConnectorConfigExample source = stack.environment().apply(stack.configExamples().load("source-postgres-cdc.json"))
                .withOverrides(Map.of("database.dbname", SourceTable.DATABASE, "topic.prefix", "e2e",
                    "table.include.list", "public\\.customers", "slot.name", "e2e", "publication.name", "e2e"));
            String topic = "e2e." + SourceTable.TABLE;
            ConnectorConfigExample sink = stack.environment().apply(stack.configExamples().load("sink-postgres.json"))
                .withOverrides(Map.of("topics.regex", Pattern.quote(topic)));
            String defaultFlush = "default flush (buffer.flush.time.ms=" + sink.config().get("buffer.flush.time.ms")
                + ", offset.flush.interval.ms=" + workerExample.get("offset.flush.interval.ms") + ")";
            String oneSecond = "1 s flush (buffer.flush.time.ms=1000)";
            List<SinkVariant> variants = List.of(
                new SinkVariant(defaultFlush, "default", stack, database -> withUrl(stack, sink.config(), database)),
                new SinkVariant(oneSecond, "onesecond", stack, database -> oneSecondFlush(withUrl(stack, sink.config(), database))));
            stack.connect().createConnector("bench-e2e-source", source.config());
            long maxChanges = (long) context.rounds() * variants.size() * rate * seconds;
            List<Sample> samples = new ArrayList<>();
            try (PgbenchWriters writers = new PgbenchWriters(table::writerConnection, SourceTable.TABLE, rows, maxChanges, 5)) {
                for (SinkVariant variant : variants) {
                    variant.start(rows);
                }
                for (int round = 1; round <= context.rounds(); round++) {
                    for (SinkVariant variant : variants) {
                        Sample sample = variant.measure(round, writers, rate, seconds);
                        samples.add(sample);
                        context.log().printf(Locale.ROOT, "  round %d  %-60s p50 %s ms  p99 %s ms  load %s%n", round, variant.name,
                            ResultTable.format(sample.p50Ms()), ResultTable.format(sample.p99Ms()), sample.load());
                    }
                }
            }
            double defaultBound = Double.parseDouble(sink.config().get("buffer.flush.time.ms")) + 1000;
            return List.of(new BenchResult(id(), String.format(Locale.ROOT, "End to end: PostgreSQL commit to warehouse row at %,d "
                + "changes/s", rate), "p99 ms", false, variants.stream().map(variant -> variant.name).toList(), samples,
                List.of(Target.boundAtMost("default flush: p99 ≤ buffer.flush.time.ms + 1 s", defaultFlush, defaultBound),
                    Target.boundAtMost("1 s flush: p99 ≤ 2 s", oneSecond, 2000)),
                setup(rate, seconds, rows), started, load, BenchMain.since(start)));
        }
    }

    private static Map<String, String> withUrl(LocalStack stack, Map<String, String> config, String database) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.put("connection.url", stack.postgres().jdbcUrl(database));
        return changed;
    }

    /** The one setting this variant measures (not an environment key, so set here rather than through the example). */
    private static Map<String, String> oneSecondFlush(Map<String, String> config) {
        config.put("buffer.flush.time.ms", "1000");
        return config;
    }

    private static List<String> setup(int rate, int seconds, int rows) {
        List<String> setup = new ArrayList<>();
        setup.add(String.format(Locale.ROOT, "Our CDC source (source-postgres-cdc.json) captures public.customers (%,d rows, snapshotted "
            + "first); our warehouse sink (sink-postgres.json) merges its topic into a table of another database on the same "
            + "PostgreSQL 17 server; one worker.", rows));
        setup.add(String.format(Locale.ROOT, "Writers: %d connections, transactions of %d changes (70%% updates, 20%% inserts, 10%% "
            + "deletes), %,d changes/s in all for %d s per measurement, synchronous_commit=on.", PgbenchWriters.THREADS,
            PgbenchWriters.CHANGES_PER_TRANSACTION, rate, seconds));
        setup.add("Latency per insert and update: the start of the first poll (every " + WarehouseVisibility.POLL_MS + " ms) that "
            + "sees its seq in the warehouse table minus the writer's commit time. A change overwritten by a later change of the "
            + "same row before the flush never becomes visible and is left out (result correct: every other change was seen).");
        setup.add("Worker offset.flush.interval.ms as in the bundle's connect-distributed.properties (the sink also flushes when "
            + "Connect commits offsets). The two sink configurations run one at a time, each with its own consumer group and "
            + "warehouse database; the other is paused.");
        return setup;
    }

    /** One sink configuration: its connector (paused between measurements) and its warehouse database. */
    private static final class SinkVariant {
        private final String name;
        private final String database;
        private final String connector;
        private final LocalStack stack;
        private final Function<String, Map<String, String>> config;

        SinkVariant(String name, String label, LocalStack stack, Function<String, Map<String, String>> config) {
            this.name = name;
            this.database = "bench_wh_" + label;
            this.connector = "bench-e2e-sink-" + label;
            this.stack = stack;
            this.config = config;
        }

        /** Creates the database and the connector, waits for the snapshot rows, indexes seq, pauses. */
        void start(int rows) throws Exception {
            stack.postgres().createDatabase(database);
            ConnectRestClient rest = stack.connect();
            rest.createConnector(connector, config.apply(database));
            Await.until(connector + " wrote the " + rows + " snapshot rows", TIMEOUT, () -> count() >= rows,
                () -> String.valueOf(rest.status(connector)));
            stack.postgres().execute(database, "CREATE INDEX ON " + WAREHOUSE_TABLE + " (seq)");
            rest.pause(connector);
        }

        private long count() throws Exception {
            try (Connection connection = stack.postgres().connect(database); Statement statement = connection.createStatement();
                 var result = statement.executeQuery("SELECT count(*) FROM " + WAREHOUSE_TABLE)) {
                result.next();
                return result.getLong(1);
            }
        }

        Sample measure(int round, PgbenchWriters writers, int rate, int seconds) throws Exception {
            ConnectRestClient rest = stack.connect();
            rest.resume(connector);
            String group = KafkaTopics.sinkConnectorGroup(connector);
            Await.until(connector + " caught up", TIMEOUT, () -> stack.kafka().consumerGroupLag(group) == 0,
                () -> String.valueOf(rest.status(connector)));
            try (WarehouseVisibility visibility = new WarehouseVisibility(stack.postgres().connect(database), WAREHOUSE_TABLE,
                writers.lastSeq())) {
                writers.paced((long) rate * seconds, rate, visibility);
                long writesEnded = System.nanoTime();
                // Everything is flushed once the sink committed the topic's end (it commits only what is written);
                // the wait first lets the source bring the last changes to Kafka.
                Await.until(connector + " flushed the last changes", TIMEOUT, () -> System.nanoTime() - writesEnded > SETTLE.toNanos()
                    && stack.kafka().consumerGroupLag(group) == 0, () -> String.valueOf(rest.status(connector)));
                long polls = visibility.polls();
                Await.until("two more polls of " + database, TIMEOUT, () -> visibility.polls() >= polls + 2);
                long[] latencies = visibility.latencies();
                System.out.printf(Locale.ROOT, "  %s: %,d changes seen, %,d overwritten before they became visible%n", name,
                    latencies.length, visibility.waiting());
                return new Sample(name, round, LatencyProbe.percentile(latencies, 0.99), LatencyProbe.percentile(latencies, 0.5),
                    LatencyProbe.percentile(latencies, 0.99), -1, null, LoadAverage.now());
            } finally {
                rest.pause(connector);
            }
        }
    }
}
