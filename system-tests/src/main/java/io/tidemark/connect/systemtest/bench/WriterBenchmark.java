package io.tidemark.connect.systemtest.bench;

import io.tidemark.connect.sink.dialect.WarehouseSession;
import io.tidemark.connect.systemtest.config.ConfigExamples;
import io.tidemark.connect.systemtest.config.ConnectorConfigExample;
import io.tidemark.connect.systemtest.postgres.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Benchmark 2, the sink's writer alone (no Kafka, no Connect): merging keyed changes into a table of existing
 * rows, our flush path (bulk load into a staging table, then one MERGE) against the row-by-row upserts of the
 * JDBC sinks users pick instead, and against a plain bulk load into an empty table (the physical ceiling). Once
 * for PostgreSQL, once for DuckDB, each in its own result.
 */
public final class WriterBenchmark implements Benchmark {

    static final String OURS_PG = "Tidemark writer (COPY → staging → MERGE)";
    static final String UPSERT_PG = "batched INSERT … ON CONFLICT + DELETE";
    static final String UPSERT_PG_REWRITE = "the same, reWriteBatchedInserts=true";
    static final String COPY_PG = "plain COPY into an empty table";
    static final String MERGE_FLOOR_PG = "its MERGE floor (our flushes, only the MERGE timed)";
    static final String OURS_DUCKDB = "Tidemark writer (Appender → staging → DELETE + INSERT)";
    static final String UPSERT_DUCKDB = "batched INSERT OR REPLACE + DELETE";
    static final String APPENDER_DUCKDB = "bare Appender into an empty table";
    private static final long SEED = 42;

    @Override
    public String id() {
        return "writer";
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        int changes = context.options().integer("changes", 500_000);
        int tableRows = context.options().integer("table.rows", 1_000_000);
        ConfigExamples examples = new ConfigExamples(context.configExamples());
        ConnectorConfigExample postgresExample = examples.load("sink-postgres.json");
        int flushSize = Integer.parseInt(postgresExample.config().get("buffer.count.records"));
        WriterWorkload workload = WriterWorkload.generate(tableRows, changes, flushSize, SEED);
        Path dir = context.outputDir().resolve("writer");
        Files.createDirectories(dir);
        List<String> databases = List.of(context.options().text("writer.databases", "postgres,duckdb").split(","));
        List<BenchResult> results = new ArrayList<>();
        if (databases.contains("postgres")) {
            results.add(postgres(context, dir, postgresExample, workload, flushSize));
        }
        if (databases.contains("duckdb")) {
            results.add(duckDb(context, dir, examples.load("sink-duckdb.json"), workload, flushSize));
        }
        return results;
    }

    private BenchResult postgres(BenchContext context, Path dir, ConnectorConfigExample example, WriterWorkload workload, int flushSize)
        throws Exception {
        ZonedDateTime started = ZonedDateTime.now();
        LoadAverage load = LoadAverage.now();
        long start = System.nanoTime();
        context.log().println("-- writer into PostgreSQL: " + workload.changes() + " changes in flushes of " + flushSize + " into "
            + workload.tableRows() + " rows");
        try (PostgresServer server = PostgresServer.start(dir.resolve("postgres"))) {
            server.createDatabase("bench_writer");
            try (PostgresWriterTable table = new PostgresWriterTable(server.jdbcUrl("bench_writer"), server.user(), server.password())) {
                table.createTemplate(workload.tableRows());
                Map<String, String> config = example.withOverrides(Map.of("connection.url", table.url(), "connection.user", table.user(),
                    "connection.password", table.password())).configWithName();
                List<Contender> contenders = List.of(
                    new TidemarkWriterContender(OURS_PG, table, workload, config),
                    new TidemarkWriterContender(MERGE_FLOOR_PG, table, workload, config, true),
                    new UpsertPeerContender(UPSERT_PG, table, workload,
                        () -> new WarehouseSession(table.connect(false), null, () -> { }), UpsertStatements.postgresUpsert()),
                    new UpsertPeerContender(UPSERT_PG_REWRITE, table, workload,
                        () -> new WarehouseSession(table.connect(true), null, () -> { }), UpsertStatements.postgresUpsert()),
                    new PostgresCopyCeiling(COPY_PG, table, workload));
                List<String> setup = setup(workload, flushSize, example.file());
                setup.add("PostgreSQL " + settings(table, "server_version") + " on loopback (zonky embedded), synchronous_commit="
                    + settings(table, "synchronous_commit") + ", shared_buffers=" + settings(table, "shared_buffers")
                    + "; the peers' pattern commits once per flush, as ours does. The MERGE floor runs our writer's flushes again and "
                    + "times only their MERGE statements, each from the staging table its flush has just loaded and analysed: what our "
                    + "writer would reach if loading, analysing and committing took no time.");
                List<Sample> samples = Rounds.alternate(context.rounds(), contenders, "rows/s", context.log());
                return new BenchResult("writer-postgres", "Sink writer alone, PostgreSQL", "rows/s", true,
                    contenders.stream().map(Contender::name).toList(), samples,
                    List.of(Target.ratioAtLeast("Tidemark / batched upsert", OURS_PG, UPSERT_PG, 2.5),
                        Target.ratioAtLeast("Tidemark / batched upsert, reWriteBatchedInserts", OURS_PG, UPSERT_PG_REWRITE, 2.5),
                        Target.ratioAtLeast("Tidemark / its MERGE floor", OURS_PG, MERGE_FLOOR_PG, 0.8),
                        Target.ratioAtLeast("Tidemark / plain COPY", OURS_PG, COPY_PG, 0.5)),
                    setup, started, load, BenchMain.since(start));
            }
        } finally {
            deleteTree(dir.resolve("postgres"));
        }
    }

    private BenchResult duckDb(BenchContext context, Path dir, ConnectorConfigExample example, WriterWorkload workload, int flushSize)
        throws Exception {
        ZonedDateTime started = ZonedDateTime.now();
        LoadAverage load = LoadAverage.now();
        long start = System.nanoTime();
        int peerChanges = Math.min(workload.changes(), context.options().integer("duckdb.peer.changes", 20_000));
        WriterWorkload peerWorkload = workload.firstChanges(peerChanges);
        context.log().println("-- writer into DuckDB: " + workload.changes() + " changes (row-by-row peer: " + peerChanges + ")");
        Path file = dir.resolve("writer.duckdb");
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir.resolve("writer.duckdb.wal"));
        String url = "jdbc:duckdb:" + file;
        try (DuckDbWriterTable table = new DuckDbWriterTable(url)) {
            table.createTemplate(workload.tableRows());
            Map<String, String> config = example.withOverrides(Map.of("connection.url", url)).configWithName();
            List<Contender> contenders = List.of(
                new TidemarkWriterContender(OURS_DUCKDB, table, workload, config),
                new UpsertPeerContender(UPSERT_DUCKDB, table, peerWorkload, table::session, UpsertStatements.duckDbUpsert()),
                new DuckDbAppenderCeiling(APPENDER_DUCKDB, table, workload));
            List<String> setup = setup(workload, flushSize, example.file());
            setup.add("DuckDB " + duckDbVersion(table) + ", one file, in this JVM, one instance shared by every contender (the sink's "
                + "own, with its checkpoint_threshold); each run ends with a CHECKPOINT, timed, so every contender pays for writing its "
                + "changes into the database file. The row-by-row peer gets the first " + peerChanges + " changes of the same sequence "
                + "only: DuckDB runs JDBC batches a statement at a time, well under a thousand rows/s here.");
            List<Sample> samples = Rounds.alternate(context.rounds(), contenders, "rows/s", context.log());
            return new BenchResult("writer-duckdb", "Sink writer alone, DuckDB", "rows/s", true,
                contenders.stream().map(Contender::name).toList(), samples,
                List.of(Target.ratioAtLeast("Tidemark / batched INSERT OR REPLACE", OURS_DUCKDB, UPSERT_DUCKDB, 1.0),
                    Target.ratioAtLeast("Tidemark / bare Appender", OURS_DUCKDB, APPENDER_DUCKDB, 0.5),
                    Target.boundAtLeast("Tidemark rows/s into 1M rows", OURS_DUCKDB, 150_000)),
                setup, started, load, BenchMain.since(start));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir.resolve("writer.duckdb.wal"));
        }
    }

    /** The server's data directory: a million-row table and its copies are not worth keeping. */
    private static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static List<String> setup(WriterWorkload workload, int flushSize, String example) {
        List<String> setup = new ArrayList<>();
        setup.add(String.format(java.util.Locale.ROOT, "%,d keyed changes (70%% updates, 20%% inserts, 10%% deletes) against a table of "
            + "%,d rows, in flushes of %,d distinct keys (buffer.count.records of %s); each run starts from a fresh copy of the table.",
            workload.changes(), workload.tableRows(), flushSize, example));
        setup.add("Only the flushes are timed (rows/s = changes / flush time). Ours is the sink's WarehouseWriter configured from "
            + example + "; records are converted and deduplicated by the sink's own classes before the clock starts. The peers' pattern "
            + "is the JDBC sinks' (Debezium's, Confluent's): prepared upserts and deletes in JDBC batches of " + UpsertStatements.BATCH
            + ". The ceiling loads every change as a new row into an empty table.");
        setup.add("Result correct: after each run the table's row count, sum of ids and sum of versions equal the expected state "
            + "(the ceilings: every row loaded). Peak heap: this JVM, sampled.");
        return setup;
    }

    private static String settings(PostgresWriterTable table, String name) throws SQLException {
        try (Statement statement = table.admin().createStatement(); ResultSet result = statement.executeQuery("SHOW " + name)) {
            result.next();
            return result.getString(1);
        }
    }

    private static String duckDbVersion(DuckDbWriterTable table) throws SQLException {
        try (Statement statement = table.admin().createStatement(); ResultSet result = statement.executeQuery("SELECT version()")) {
            result.next();
            return result.getString(1);
        }
    }
}
