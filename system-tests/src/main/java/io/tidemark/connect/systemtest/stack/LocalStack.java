package io.tidemark.connect.systemtest.stack;

import io.tidemark.connect.fakesnow.FakesnowServer;
import io.tidemark.connect.fakesnow.PemKeys;
import io.tidemark.connect.systemtest.config.ConfigExamples;
import io.tidemark.connect.systemtest.config.StackEnvironment;
import io.tidemark.connect.systemtest.connect.ConnectRestClient;
import io.tidemark.connect.systemtest.connect.ConnectWorker;
import io.tidemark.connect.systemtest.kafka.KafkaBroker;
import io.tidemark.connect.systemtest.kafka.KafkaTopics;
import io.tidemark.connect.systemtest.mariadb.MariaDbServer;
import io.tidemark.connect.systemtest.postgres.PostgresServer;
import io.tidemark.connect.systemtest.process.KafkaRuntime;
import io.tidemark.connect.systemtest.registry.SchemaRegistryServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The whole local stack, all on 127.0.0.1 with free ports and no Docker: a real PostgreSQL 17, a real
 * KRaft broker and real Connect workers in distributed mode whose {@code plugin.path} holds the built
 * zip, unzipped as users install it, and, on first use, fakesnow as its Snowflake and Apicurio Registry as
 * its schema registry. Each server logs to a file under {@link #dir()}.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(StackOptions.defaults())) {
 *     ConnectorConfigExample sink = stack.environment().apply(stack.configExamples().load("sink-postgres.json"));
 *     stack.connect().createConnector("orders-sink", sink.config());
 *     Await.until("orders-sink running", Duration.ofSeconds(60), () -> stack.connect().status("orders-sink").isRunning());
 * }
 * }</pre>
 *
 * Tests do not start their own: {@code @ExtendWith(LocalStackExtension.class)} shares one per test JVM.
 */
public final class LocalStack implements AutoCloseable {

    /** The secrets file key holding the password of {@link #warehousePostgres()}. */
    public static final String WAREHOUSE_PASSWORD_KEY = "warehouse.password";
    /** The {@code group.id} of the stack's Avro Connect cluster ({@link #avroWorker()}). */
    public static final String AVRO_GROUP = "tidemark-connect-avro";

    private final Path dir;
    private final BuildInfo build;
    private final StackOptions options;
    private final KafkaRuntime runtime;
    private final Bundle bundle;
    private final SecretsFile secrets;
    private final Map<String, Duration> startupTimes = new TreeMap<>();
    private final List<ConnectWorker> workers = new ArrayList<>();
    /** The workers of Connect clusters other than the stack's own ({@link #startWorkerInNewGroup}). */
    private final Set<ConnectWorker> otherGroups = new HashSet<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::closeQuietly, "tidemark-stack-shutdown");
    private PostgresServer postgres;
    private FakesnowServer fakesnow;
    private SchemaRegistryServer schemaRegistry;
    private ConnectWorker avroWorker;
    private PostgresServer warehouse;
    private MariaDbServer mariadb;
    private KafkaBroker broker;
    private KafkaTopics kafka;
    private StackEnvironment environment;

    private LocalStack(Path dir, BuildInfo build, StackOptions options, Bundle bundle) {
        this.dir = dir;
        this.build = build;
        this.options = options;
        this.bundle = bundle;
        this.runtime = KafkaRuntime.prepare(dir.resolve("runtime"));
        this.secrets = new SecretsFile(dir.resolve("secrets").resolve("secrets.properties"));
    }

    /** Starts PostgreSQL and the broker in parallel, then the workers; closes what started on failure. */
    public static LocalStack start(StackOptions options) {
        BuildInfo build = BuildInfo.load();
        Path dir = newRunDirectory(build.stackDir());
        long unzipStart = System.nanoTime();
        Bundle bundle = Bundle.unzip(build.bundleZip(), dir.resolve("plugins"));
        LocalStack stack = new LocalStack(dir, build, options, bundle);
        stack.startupTimes.put("0 unzip bundle", Duration.ofNanos(System.nanoTime() - unzipStart));
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            stack.startServers();
            return stack;
        } catch (RuntimeException | Error e) {
            stack.closeQuietly();
            throw e;
        }
    }

    private static Path newRunDirectory(Path stacksDir) {
        deleteBulkOfAbandonedRuns(stacksDir);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = stacksDir.resolve("run-" + stamp + "-" + ProcessHandle.current().pid());
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + dir, e);
        }
    }

    /**
     * A run whose JVM was killed could not delete its unzipped plugins and database files (~180 MB);
     * its logs are kept. Runs of live JVMs (another fork, the quickstart) are left alone.
     */
    private static void deleteBulkOfAbandonedRuns(Path stacksDir) {
        if (!Files.isDirectory(stacksDir)) {
            return;
        }
        try (Stream<Path> runs = Files.list(stacksDir)) {
            for (Path run : runs.filter(Files::isDirectory).toList()) {
                String name = run.getFileName().toString();
                String pid = name.substring(name.lastIndexOf('-') + 1);
                boolean alive = !pid.isEmpty() && pid.chars().allMatch(Character::isDigit)
                    && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
                if (name.startsWith("run-") && !alive) {
                    deleteRecursively(run.resolve("plugins"));
                    deleteRecursively(run.resolve("postgres").resolve("data"));
                    deleteRecursively(run.resolve("warehouse-postgres").resolve("data"));
                }
            }
        } catch (IOException e) {
            System.err.println("tidemark: could not clean " + stacksDir + ": " + e);
        }
    }

    private void startServers() {
        long start = System.nanoTime();
        CompletableFuture<PostgresServer> postgresStart = CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            PostgresServer server = PostgresServer.start(dir.resolve("postgres"));
            recordTime("1 postgres", t0);
            return server;
        });
        try {
            long t0 = System.nanoTime();
            broker = KafkaBroker.start(runtime, dir.resolve("broker"), options.brokerOverrides());
            recordTime("2 broker (format + start)", t0);
        } finally {
            postgres = joinQuietly(postgresStart, broker == null);
        }
        kafka = new KafkaTopics(broker.bootstrapServers());
        secrets.put(StackEnvironment.POSTGRES_PASSWORD_KEY, postgres.password());
        environment = new StackEnvironment(postgres.host(), postgres.port(), postgres.user(), PostgresServer.DATABASE,
            broker.bootstrapServers(), secrets, dir, () -> fakesnow().orElseThrow(() -> new IllegalStateException(
                "The stack's Snowflake is fakesnow, which is not installed. " + FakesnowServer.HOW_TO_ENABLE)).jdbcUrl(),
            this::mariadb, () -> schemaRegistry().apicurioUrl());
        createDirectory(dir.resolve("duckdb"));
        for (int i = 0; i < options.workers(); i++) {
            long t0 = System.nanoTime();
            startWorker();
            recordTime("3 worker-" + (i + 1), t0);
        }
        recordTime("4 whole stack", start);
    }

    private static PostgresServer joinQuietly(CompletableFuture<PostgresServer> start, boolean alreadyFailing) {
        try {
            return start.join();
        } catch (CompletionException e) {
            if (alreadyFailing) {
                return null;
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private synchronized void recordTime(String what, long startNanos) {
        startupTimes.put(what, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** Starts one more worker in the same Connect group (it shares the config, storage topics and plugins). */
    public synchronized ConnectWorker startWorker() {
        return startWorker(Map.of(), List.of());
    }

    /**
     * Starts the first worker of another Connect cluster on the same broker, with the same plugins:
     * its own {@code group.id} and config, offset and status topics ({@code <groupId>-configs},
     * {@code <groupId>-offsets}, {@code <groupId>-status}), and
     * {@code overrides} on top, e.g. {@code exactly.once.source.support=enabled}, which a running
     * cluster cannot switch on for one test. Stop it when the test ends; the stack closes it otherwise.
     */
    public synchronized ConnectWorker startWorkerInNewGroup(String groupId, Map<String, String> overrides) {
        return startWorkerInNewGroup(groupId, overrides, List.of());
    }

    /**
     * Like {@link #startWorkerInNewGroup(String, Map)}, with options for the worker's JVM on top of the
     * harness's own, for a need a cluster of workers started as users start theirs must not have (say why
     * where you use it).
     */
    public synchronized ConnectWorker startWorkerInNewGroup(String groupId, Map<String, String> overrides,
                                                            List<String> jvmOptions) {
        Map<String, String> config = new TreeMap<>();
        config.put("group.id", groupId);
        config.put("config.storage.topic", groupId + "-configs");
        config.put("offset.storage.topic", groupId + "-offsets");
        config.put("status.storage.topic", groupId + "-status");
        config.putAll(overrides);
        ConnectWorker worker = startWorker(config, jvmOptions);
        otherGroups.add(worker);
        return worker;
    }

    /**
     * Starts the first worker of a Connect cluster of its own (as {@link #startWorkerInNewGroup}) from the
     * Avro worker example ({@value ConfigExamples#AVRO_WORKER_EXAMPLE}): Apicurio's AvroConverter for keys and
     * values against {@link #schemaRegistry()} (started if it is not yet), its plugin folder (built by
     * system-tests/schema-registry, with the service manifest its jars lack) in {@code plugin.path} after the
     * bundle, and {@code overrides} on top.
     */
    public synchronized ConnectWorker startAvroWorkerInNewGroup(String groupId, Map<String, String> overrides) {
        return startAvroWorkerInNewGroup(groupId, overrides, build.avroConverterPlugin());
    }

    /**
     * Like {@link #startAvroWorkerInNewGroup(String, Map)}, with {@code converterPlugin} as the converter's plugin
     * folder (its parent goes into {@code plugin.path}), e.g. one laid out differently from the one the build makes.
     */
    public synchronized ConnectWorker startAvroWorkerInNewGroup(String groupId, Map<String, String> overrides,
                                                                Path converterPlugin) {
        return startAvroWorkerInNewGroup(groupId, overrides, converterPlugin, List.of());
    }

    /**
     * Like {@link #startAvroWorkerInNewGroup(String, Map, Path)}, with options for the worker's JVM on top of the
     * harness's own (as {@link #startWorkerInNewGroup(String, Map, List)}; say why where you use it).
     */
    public synchronized ConnectWorker startAvroWorkerInNewGroup(String groupId, Map<String, String> overrides,
                                                                Path converterPlugin, List<String> jvmOptions) {
        SchemaRegistryServer registry = schemaRegistry();
        if (!Files.isDirectory(converterPlugin)) {
            throw new IllegalStateException("The Avro converter plugin folder is not built (" + converterPlugin
                + " is missing): run `mvn -pl system-tests -am verify` (system-tests/schema-registry builds it)");
        }
        Map<String, String> example = new TreeMap<>(configExamples().workerExample(ConfigExamples.AVRO_WORKER_EXAMPLE));
        example.replaceAll((key, value) -> key.endsWith(".apicurio.registry.url") ? registry.apicurioUrl() : value);
        Map<String, String> config = new TreeMap<>();
        config.put("group.id", groupId);
        config.put("config.storage.topic", groupId + "-configs");
        config.put("offset.storage.topic", groupId + "-offsets");
        config.put("status.storage.topic", groupId + "-status");
        config.putAll(overrides);
        ConnectWorker worker = startWorker(example, config, jvmOptions, List.of(converterPlugin.getParent()));
        otherGroups.add(worker);
        return worker;
    }

    /**
     * The worker of the stack's Avro Connect cluster ({@value #AVRO_GROUP}, see
     * {@link #startAvroWorkerInNewGroup}): started on first use, shared by the tests that need Avro, started
     * again if a test stopped it.
     */
    public synchronized ConnectWorker avroWorker() {
        if (avroWorker == null) {
            long t0 = System.nanoTime();
            avroWorker = startAvroWorkerInNewGroup(AVRO_GROUP, Map.of());
            recordTime("6 avro worker", t0);
        } else if (!avroWorker.isRunning()) {
            avroWorker.start();
        }
        return avroWorker;
    }

    /**
     * Starts one more worker in the stack's Avro Connect cluster (starting its first, {@link #avroWorker()}, if it
     * is not running), e.g. for a scenario that needs two. It is not {@link #avroWorker()}: stop it when the test
     * ends, so the tests that share the cluster find it as they expect, with one worker.
     */
    public synchronized ConnectWorker startAvroWorker() {
        avroWorker();
        return startAvroWorkerInNewGroup(AVRO_GROUP, Map.of());
    }

    private ConnectWorker startWorker(Map<String, String> overrides, List<String> jvmOptions) {
        return startWorker(configExamples().workerExample(), overrides, jvmOptions, List.of());
    }

    private ConnectWorker startWorker(Map<String, String> example, Map<String, String> overrides, List<String> jvmOptions,
                                      List<Path> morePluginFolders) {
        int number = workers.size() + 1;
        String name = "worker-" + number;
        int port = FreePorts.next();
        Map<String, String> config = workerConfig(example, port, morePluginFolders);
        config.putAll(overrides);
        ConnectWorker worker = ConnectWorker.start(runtime, dir.resolve(name), name, port, config, jvmOptions);
        workers.add(worker);
        return worker;
    }

    /**
     * The bundle's own worker example with the stack's environment: broker address, REST listener,
     * plugin path (the bundle, then any extra folders of the options), single-replica internal topics, the secrets folder the file provider may read.
     */
    private Map<String, String> workerConfig(Map<String, String> example, int restPort, List<Path> morePluginFolders) {
        Map<String, String> config = new TreeMap<>(example);
        config.replaceAll((key, value) -> key.endsWith(".replication.factor") ? "1" : value);
        config.put("bootstrap.servers", broker.bootstrapServers());
        config.put("listeners", "http://127.0.0.1:" + restPort);
        config.put("rest.advertised.host.name", "127.0.0.1");
        config.put("rest.advertised.port", Integer.toString(restPort));
        List<String> pluginPath = new ArrayList<>();
        pluginPath.add(bundle.pluginPath().toString());
        options.extraPluginPath().forEach(folder -> pluginPath.add(folder.toAbsolutePath().toString()));
        morePluginFolders.forEach(folder -> pluginPath.add(folder.toAbsolutePath().toString()));
        config.put("plugin.path", String.join(",", pluginPath));
        config.put("config.providers.file.param.allowed.paths", secrets.path().getParent().toString());
        // Tests observe committed offsets within a second rather than the example's production value.
        config.put("offset.flush.interval.ms", "1000");
        // A worker that vanished (kill -9) has its connectors and tasks given to the others after 10 s
        // rather than Connect's default 5 minutes, so fault tests see the take-over within their deadlines.
        config.put("scheduled.rebalance.max.delay.ms", "10000");
        config.putAll(options.workerOverrides());
        return config;
    }

    private static void createDirectory(Path path) {
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- accessors ----

    /** The Avro converter's plugin folder as system-tests/schema-registry builds it (jars + service manifest). */
    public Path avroConverterPlugin() {
        return build.avroConverterPlugin();
    }

    /** The run's directory (logs, configs, data) under system-tests/target/stack. */
    public Path dir() {
        return dir;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    /**
     * fakesnow, the stack's Snowflake: started on first use on a free port (log {@code fakesnow/fakesnow.log}),
     * stopped with the stack. Starting it also writes what the Snowflake example's secrets references name
     * into the secrets file: a fresh encrypted private key and its passphrase (fakesnow accepts any login,
     * so the key only has to be one Snowflake would read). Empty where fakesnow is not installed: tests then
     * skip, saying {@link FakesnowServer#NOT_INSTALLED}.
     *
     * @throws IllegalStateException where fakesnow is missing but required ({@value FakesnowServer#REQUIRE_VARIABLE}=true),
     *                               or did not start
     */
    public synchronized Optional<FakesnowServer> fakesnow() {
        if (closed.get()) {
            throw new IllegalStateException("The stack is closed");
        }
        if (fakesnow == null) {
            Optional<Path> executable = FakesnowServer.locate();
            if (executable.isEmpty()) {
                return Optional.empty();
            }
            long t0 = System.nanoTime();
            writeSnowflakeKeyPair();
            try {
                fakesnow = FakesnowServer.start(executable.get(), dir.resolve("fakesnow").resolve("fakesnow.log"));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start fakesnow", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while starting fakesnow", e);
            }
            recordTime("5 fakesnow", t0);
        }
        return Optional.of(fakesnow);
    }

    private void writeSnowflakeKeyPair() {
        String passphrase = UUID.randomUUID().toString();
        try {
            secrets.put(StackEnvironment.SNOWFLAKE_PEM_KEY, PemKeys.encryptedPem(PemKeys.rsa(), passphrase));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Could not make a Snowflake key pair", e);
        }
        secrets.put(StackEnvironment.SNOWFLAKE_PASSPHRASE_KEY, passphrase);
    }

    /**
     * Apicurio Registry, the stack's schema registry: started on first use on a free port (log
     * {@code schema-registry/schema-registry.log}), ready once {@code /health/ready} answers, stopped with the
     * stack. In-memory storage, global compatibility rule BACKWARD.
     */
    public synchronized SchemaRegistryServer schemaRegistry() {
        if (closed.get()) {
            throw new IllegalStateException("The stack is closed");
        }
        if (schemaRegistry == null) {
            long t0 = System.nanoTime();
            schemaRegistry = SchemaRegistryServer.start(build.registryRunner(), runtime.watchdogClasses(),
                dir.resolve("schema-registry").resolve("schema-registry.log"));
            recordTime("5 schema registry", t0);
        }
        return schemaRegistry;
    }

    /**
     * A second PostgreSQL server, the warehouse of system tests that must take it down without taking
     * the source database with it (e.g. a warehouse outage). Started on first use; connectors log in as
     * {@link PostgresServer#USER} with the password under {@link #WAREHOUSE_PASSWORD_KEY} in the
     * secrets file.
     */
    public synchronized PostgresServer warehousePostgres() {
        if (closed.get()) {
            throw new IllegalStateException("The stack is closed");
        }
        if (warehouse == null) {
            long t0 = System.nanoTime();
            warehouse = PostgresServer.start(dir.resolve("warehouse-postgres"));
            recordTime("5 warehouse postgres", t0);
            secrets.put(WAREHOUSE_PASSWORD_KEY, warehouse.password());
        }
        return warehouse;
    }

    /**
     * A MariaDB server, the source of the MariaDB/MySQL CDC examples. Started on first use; connectors log
     * in as {@link MariaDbServer#USER} with the password under {@link StackEnvironment#MARIADB_PASSWORD_KEY}
     * in the secrets file.
     */
    public synchronized MariaDbServer mariadb() {
        if (closed.get()) {
            throw new IllegalStateException("The stack is closed");
        }
        if (mariadb == null) {
            long t0 = System.nanoTime();
            mariadb = MariaDbServer.start(dir.resolve("mariadb"));
            recordTime("6 mariadb", t0);
            secrets.put(StackEnvironment.MARIADB_PASSWORD_KEY, mariadb.password());
        }
        return mariadb;
    }

    public KafkaBroker broker() {
        return broker;
    }

    /** The first worker. */
    public ConnectWorker worker() {
        return workers.get(0);
    }

    /** Every worker started, in start order, including stopped ones and those of other groups. */
    public synchronized List<ConnectWorker> workers() {
        return List.copyOf(workers);
    }

    /** The workers whose process is alive, in start order, of every group. */
    public synchronized List<ConnectWorker> runningWorkers() {
        return workers.stream().filter(ConnectWorker::isRunning).toList();
    }

    /**
     * The workers of the stack's own Connect group (the first worker's), in start order, including stopped
     * ones: those a test may restart or kill without touching another test's cluster.
     */
    public synchronized List<ConnectWorker> groupWorkers() {
        return workers.stream().filter(worker -> !otherGroups.contains(worker)).toList();
    }

    /** The running workers of the stack's own Connect group, in start order. */
    public synchronized List<ConnectWorker> runningGroupWorkers() {
        return groupWorkers().stream().filter(ConnectWorker::isRunning).toList();
    }

    /** REST client of the first worker (any worker forwards to the leader). */
    public ConnectRestClient connect() {
        return worker().rest();
    }

    public KafkaTopics kafka() {
        return kafka;
    }

    public Bundle bundle() {
        return bundle;
    }

    public ConfigExamples configExamples() {
        return new ConfigExamples(bundle.etcDir());
    }

    public StackEnvironment environment() {
        return environment;
    }

    public SecretsFile secrets() {
        return secrets;
    }

    /** How long each piece took to start, in start order. */
    public Map<String, Duration> startupTimes() {
        return Map.copyOf(startupTimes);
    }

    /** Start-up times and memory of every process, for reports and the quickstart. */
    public String report() {
        StringBuilder report = new StringBuilder("Tidemark local stack ").append(dir).append('\n');
        new TreeMap<>(startupTimes).forEach((what, time) ->
            report.append(String.format("  start %-28s %6.1f s%n", what.substring(2), time.toMillis() / 1000.0)));
        report.append(String.format("  rss   %-28s %6d MB%n", "broker", broker.process().residentBytes() >> 20));
        for (ConnectWorker worker : workers()) {
            report.append(String.format("  rss   %-28s %6d MB%n", worker.name(), worker.process().residentBytes() >> 20));
        }
        synchronized (this) {
            if (schemaRegistry != null) {
                report.append(String.format("  rss   %-28s %6d MB%n", "schema registry", schemaRegistry.residentBytes() >> 20));
            }
        }
        Runtime self = Runtime.getRuntime();
        report.append(String.format("  heap  %-28s %6d MB%n", "this JVM (used)", (self.totalMemory() - self.freeMemory()) >> 20));
        return report.toString();
    }

    // ---- shutdown ----

    /** Stops workers, broker, the PostgreSQL servers, fakesnow and the schema registry; deletes the unzipped plugins and database data, keeps logs. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: this is the hook.
        }
        List<ConnectWorker> running = workers();
        running.parallelStream().forEach(ConnectWorker::close);
        if (kafka != null) {
            kafka.close();
        }
        if (broker != null) {
            broker.close();
        }
        synchronized (this) {
            if (warehouse != null) {
                warehouse.close();
                deleteRecursively(warehouse.dataDirectory());
            }
            if (mariadb != null) {
                mariadb.close();
                deleteRecursively(dir.resolve("mariadb"));
            }
        }
        if (postgres != null) {
            postgres.close();
        }
        synchronized (this) {
            if (fakesnow != null) {
                fakesnow.close();
            }
            if (schemaRegistry != null) {
                schemaRegistry.close();
            }
        }
        deleteRecursively(bundle.pluginPath());
        if (postgres != null) {
            deleteRecursively(postgres.dataDirectory());
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("tidemark: could not stop the local stack cleanly: " + e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("tidemark: could not delete " + root + ": " + e);
        }
    }

    @Override
    public String toString() {
        return "LocalStack " + dir;
    }
}
