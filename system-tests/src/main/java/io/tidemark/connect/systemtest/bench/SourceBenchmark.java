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

/**
 * Benchmark 3, the CDC source: our connector and stock Debezium's PostgreSQL connector on the same database,
 * in the same worker, one at a time. Each round, each gets a fresh connector (own slot, publication, topic) and
 * is measured three ways: the initial snapshot of the table (rows/s); streaming a backlog of changes that
 * pgbench-style writers committed while it was paused (events/s from resume until all are in Kafka); and the
 * latency from a change's commit to its record's broker append time while the writers run at a fixed rate.
 */
public final class SourceBenchmark implements Benchmark {

    private static final String OURS = "Tidemark CDC source";

    @Override
    public String id() {
        return "source";
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        int snapshotRows = context.options().integer("snapshot.rows", 500_000);
        int streamChanges = context.options().integer("stream.changes", 200_000);
        int rate = context.options().integer("rate", 2000);
        int seconds = context.options().integer("latency.seconds", 30);
        int rounds = context.rounds();
        ZonedDateTime started = ZonedDateTime.now();
        LoadAverage load = LoadAverage.now();
        long start = System.nanoTime();
        try (LocalStack stack = BenchStack.start(context, Map.of())) {
            String peer = "Debezium PostgreSQL " + BenchStack.pluginVersion(stack, BenchStack.DEBEZIUM_POSTGRES);
            // A paused connector stops reading its slot; without this the server would end its walsender after 60 s.
            stack.postgres().execute("postgres", "ALTER SYSTEM SET wal_sender_timeout = 0", "SELECT pg_reload_conf()");
            SourceTable table = new SourceTable(stack.postgres());
            table.createDatabase();
            ConnectorConfigExample example = stack.environment().apply(stack.configExamples().load("source-postgres-cdc.json"));
            List<SourceContender> contenders = List.of(
                new SourceContender(OURS, "tm", stack, round -> ours(example, round), payload -> payload.path("seq"),
                    SourceTable.TABLE, table::dropSlotAndPublication),
                new SourceContender(peer, "dbz", stack, round -> debezium(stack, round), payload -> payload.path("after").path("seq"),
                    SourceTable.TABLE, table::dropSlotAndPublication));
            long maxChanges = (long) rounds * (streamChanges + (long) contenders.size() * rate * seconds);
            SourcePhases phases = new SourcePhases(context, stack, contenders);
            try (phases) {
                for (int round = 1; round <= rounds; round++) {
                    table.reset(snapshotRows);
                    try (PgbenchWriters writers = new PgbenchWriters(table::writerConnection, SourceTable.TABLE, snapshotRows,
                        maxChanges, round)) {
                        phases.snapshot(round, snapshotRows);
                        phases.streaming(round, writers, streamChanges);
                        phases.latency(round, writers, rate, seconds);
                    } finally {
                        contenders.forEach(SourceContender::delete);
                    }
                }
            }
            List<String> names = contenders.stream().map(SourceContender::name).toList();
            List<String> setup = setup(example, snapshotRows, streamChanges, rate, seconds);
            return List.of(
                new BenchResult("source-snapshot", "CDC source: initial snapshot", "rows/s", true, names, phases.snapshots(),
                    List.of(Target.ratioAtLeast("Tidemark / " + peer, OURS, peer, 0.9)), setup, started, load, BenchMain.since(start)),
                new BenchResult("source-streaming", "CDC source: streaming a backlog of changes", "events/s", true, names,
                    phases.streams(), List.of(Target.ratioAtLeast("Tidemark / " + peer, OURS, peer, 0.9)), setup, started, load,
                    BenchMain.since(start)),
                new BenchResult("source-latency", String.format(Locale.ROOT, "CDC source: commit to Kafka at %,d changes/s", rate),
                    "p99 ms", false, names, phases.latencies(), List.of(), setup, started, load, BenchMain.since(start)));
        }
    }

    /** Our connector from its config example, pointed at this round's names and the benchmark database. */
    private static Map<String, String> ours(ConnectorConfigExample example, int round) {
        String prefix = SourceContender.prefix("tm", round);
        return example.withOverrides(Map.of("database.dbname", SourceTable.DATABASE, "topic.prefix", prefix,
            "table.include.list", "public\\.customers", "slot.name", prefix, "publication.name", prefix)).config();
    }

    /** Stock Debezium with the same capture settings as our example, and its own defaults for everything else. */
    private static Map<String, String> debezium(LocalStack stack, int round) {
        String prefix = SourceContender.prefix("dbz", round);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", BenchStack.DEBEZIUM_POSTGRES);
        config.put("tasks.max", "1");
        config.put("plugin.name", "pgoutput");
        config.put("database.hostname", stack.postgres().host());
        config.put("database.port", Integer.toString(stack.postgres().port()));
        config.put("database.user", stack.postgres().user());
        config.put("database.password", stack.secrets().reference(StackEnvironment.POSTGRES_PASSWORD_KEY));
        config.put("database.dbname", SourceTable.DATABASE);
        config.put("topic.prefix", prefix);
        config.put("table.include.list", "public\\.customers");
        config.put("slot.name", prefix);
        config.put("publication.name", prefix);
        config.put("publication.autocreate.mode", "filtered");
        config.put("snapshot.mode", "initial");
        config.put("topic.creation.default.replication.factor", "-1");
        config.put("topic.creation.default.partitions", "-1");
        return config;
    }

    private static List<String> setup(ConnectorConfigExample example, int snapshotRows, int streamChanges, int rate, int seconds) {
        List<String> setup = new ArrayList<>();
        setup.add(String.format(Locale.ROOT, "Table public.customers (10 columns, bigint key) of %,d rows, rebuilt each round. Writers: "
            + "%d connections, transactions of %d single-row changes (70%% updates, 20%% inserts, 10%% deletes), "
            + "synchronous_commit=on.", snapshotRows, PgbenchWriters.THREADS, PgbenchWriters.CHANGES_PER_TRANSACTION));
        setup.add("Each round, each connector is created paused with its own slot, publication and topic (one partition, "
            + "LogAppendTime); the two run one at a time in the same worker, the other paused. Snapshot: rows/s from resuming the new "
            + "connector until every row is in Kafka. Streaming: " + String.format(Locale.ROOT, "%,d", streamChanges) + " changes "
            + "are committed while both are paused, then each is resumed in turn: changes/s until all its records (tombstones "
            + "included) are in Kafka.");
        setup.add(String.format(Locale.ROOT, "Latency: with the connector caught up, the writers run at %,d changes/s for %d s; per "
            + "insert and update, broker append time of its record minus the writer's commit time (deletes carry no seq).", rate,
            seconds));
        setup.add("Ours: " + example.file() + " as shipped (snapshot.mode=initial, heartbeat, tombstones). Stock Debezium: the same "
            + "capture settings (pgoutput, filtered publication, snapshot.mode=initial) and its defaults (max.batch.size 2048, "
            + "max.queue.size 8192, poll.interval.ms 500, tombstones on delete). JSON converter with schemas for both (the worker's).");
        setup.add("Server: wal_sender_timeout=0, so a paused connector keeps its replication connection. Peak heap: the worker JVM's, "
            + "sampled over JMX during the measurement.");
        return setup;
    }
}
