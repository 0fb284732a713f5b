package io.tidemark.connect.systemtest.pipeline;

import io.tidemark.connect.systemtest.Await;
import io.tidemark.connect.systemtest.config.ConnectorConfigExample;
import io.tidemark.connect.systemtest.connect.ConnectRestClient;
import io.tidemark.connect.systemtest.connect.ConnectRestException;
import io.tidemark.connect.systemtest.connect.ConnectWorker;
import io.tidemark.connect.systemtest.demo.ShopSchema;
import io.tidemark.connect.systemtest.postgres.PostgresServer;
import io.tidemark.connect.systemtest.reconcile.MaskingExpectations;
import io.tidemark.connect.systemtest.reconcile.ReconciliationReport;
import io.tidemark.connect.systemtest.reconcile.Reconciler;
import io.tidemark.connect.systemtest.reconcile.TableContent;
import io.tidemark.connect.systemtest.reconcile.TableReport;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import io.tidemark.connect.systemtest.workload.ShopWorkload;
import io.tidemark.connect.systemtest.workload.WorkloadSummary;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The whole Tidemark pipeline over the demo shop, configured as users do it, through a worker's REST
 * API with the bundle's config examples: PostgreSQL → the CDC source with the routing + masking chain of
 * {@value #SOURCE_EXAMPLE} → Kafka → one or more warehouse sinks. Only environment and isolation keys
 * of the examples are changed.
 *
 * <pre>{@code
 * TestNames names = TestNames.of("happy");
 * try (ShopPipeline pipeline = ShopPipeline.isolated(stack, names, SECRET)) {
 *     pipeline.createShop(40, 80);
 *     pipeline.startSource();
 *     ShopPipeline.Sink sink = pipeline.startSink(names.connector("sink"), "sink-postgres.json", warehouse);
 *     ShopWorkload workload = pipeline.startWorkload(ShopWorkload.Settings.defaults());
 *     ... a fault ...
 *     pipeline.awaitCaughtUp(workload.stop(), List.of(sink));
 *     ReconciliationReport report = pipeline.reconcile(sink);
 * }
 * }</pre>
 */
public final class ShopPipeline implements AutoCloseable {

    public static final String SOURCE_EXAMPLE = "source-postgres-cdc-routed-masked.json";
    /** The tables of the demo shop that the source example captures. */
    public static final List<String> TABLES = List.of("customers", "orders");
    /** The secrets file key the source example's {@code hmac.secret} reference names. */
    public static final String HMAC_SECRET_KEY = "mask.hmac.secret";
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final String DATABASE = PostgresServer.DATABASE;
    private static final String TOPIC_ROUTER = "io.tidemark.connect.smt.route.TopicRouter";

    /** A sink connector of the pipeline and the warehouse it writes. */
    public record Sink(String name, Map<String, String> config, Warehouse warehouse, List<String> topics) {

        public Sink {
            config = Map.copyOf(config);
            topics = List.copyOf(topics);
        }

        public boolean softDeletes() {
            return "soft".equals(config.get("delete.mode"));
        }

        /** Whether the sink names warehouse tables and columns in upper case ({@code identifier.case=upper}). */
        public boolean upperCaseNames() {
            return "upper".equals(config.get("identifier.case"));
        }

        /** The warehouse tables' schema ({@code table.schema}), or null for the connection's current one. */
        public String tableSchema() {
            String schema = config.get("table.schema");
            return schema == null || schema.isBlank() ? null : schema;
        }
    }

    private final LocalStack stack;
    private final String schema;
    private final ConnectorConfigExample source;
    private final String hmacSecret;
    private final List<Sink> sinks = new ArrayList<>();
    private ConnectRestClient rest;

    private ShopPipeline(LocalStack stack, String schema, ConnectorConfigExample source, String hmacSecret) {
        this.stack = stack;
        this.schema = schema;
        this.source = source;
        this.hmacSecret = hmacSecret;
        this.rest = stack.connect();
    }

    /**
     * A pipeline of its own in a shared stack: the shop in schema {@code names.prefix()} of the source
     * database, and the topic prefix, connector names, slot and publication from {@code names}.
     */
    public static ShopPipeline isolated(LocalStack stack, TestNames names, String hmacSecret) {
        String schema = names.prefix();
        ConnectorConfigExample example = stack.environment().apply(stack.configExamples().load(SOURCE_EXAMPLE));
        String tables = example.config().get("table.include.list").replace("public\\.", schema + "\\.");
        ConnectorConfigExample isolated = example.withName(names.connector("source")).withOverrides(Map.of(
            "topic.prefix", names.topicPrefix(),
            "table.include.list", tables,
            "slot.name", names.slot(),
            "publication.name", names.publication()));
        return new ShopPipeline(stack, schema, isolated, hmacSecret);
    }

    /** The source example exactly as shipped (its names, the public schema): what the quickstart runs. */
    public static ShopPipeline asShipped(LocalStack stack, String hmacSecret) {
        return asShipped(stack, SOURCE_EXAMPLE, hmacSecret);
    }

    /**
     * A source example as a user runs it: only its connection details pointed at the stack, its names
     * (connector, topic prefix, tables in the public schema, slot, publication) as shipped.
     */
    public static ShopPipeline asShipped(LocalStack stack, String sourceExample, String hmacSecret) {
        ConnectorConfigExample example = stack.environment().apply(stack.configExamples().load(sourceExample));
        return new ShopPipeline(stack, "public", example, hmacSecret);
    }

    // ---- the source side ----

    /** Creates the shop tables and seeds them, so the source starts with a snapshot. */
    public void createShop(int customers, int orders) {
        ShopSchema.apply(stack.postgres(), DATABASE, schema);
        ShopWorkload.seed(stack.postgres(), DATABASE, schema, customers, orders, schema.hashCode());
    }

    /**
     * Creates the warehouse topics up front with {@code partitions} partitions, as an operator does
     * for topics that several sink tasks should share (the example leaves the count to the broker).
     */
    public void createTopics(int partitions) {
        for (String table : TABLES) {
            stack.kafka().create(topic(table), partitions);
        }
    }

    /** Registers the source connector through REST and waits until it runs. */
    public void startSource() {
        stack.secrets().put(HMAC_SECRET_KEY, hmacSecret);
        rest.createConnector(source.name(), source.config());
        awaitRunning(source.name());
    }

    /** {@code DELETE /connectors/<source>}: the connector goes, its offsets and its slot stay. */
    public void deleteSource() {
        rest.deleteConnector(source.name());
        Await.until(source.name() + " deleted", TIMEOUT, () -> !rest.connectors().contains(source.name()));
    }

    public ShopWorkload startWorkload(ShopWorkload.Settings settings) {
        return ShopWorkload.start(stack.postgres(), DATABASE, schema, settings);
    }

    /** The topic the example's routing sends {@code table}'s changes to. */
    public String topic(String table) {
        String template = routingTemplate();
        String topic = template.replace("${source.schema}", schema)
            .replace("${source.table|lower}", table.toLowerCase(Locale.ROOT))
            .replace("${source.table}", table);
        if (topic.contains("${")) {
            throw new IllegalStateException("The routing template " + template + " uses placeholders this pipeline "
                + "cannot work out");
        }
        return topic;
    }

    /** The source's TopicRouter template; without a router, the connector's own {@code <prefix>.<schema>.<table>}. */
    private String routingTemplate() {
        Map<String, String> config = source.config();
        for (String transform : config.getOrDefault("transforms", "").split("\\s*,\\s*")) {
            if (TOPIC_ROUTER.equals(config.get("transforms." + transform + ".type"))) {
                return config.get("transforms." + transform + ".topic.template");
            }
        }
        return config.get("topic.prefix") + ".${source.schema}.${source.table}";
    }

    // ---- sinks ----

    /** A sink of every shop table; see {@link #startSink(String, String, Warehouse, List)}. */
    public Sink startSink(String connector, String exampleFile, Warehouse warehouse) {
        return startSink(connector, exampleFile, warehouse, TABLES);
    }

    /**
     * Registers a sink named {@code connector} from a config example, reading the topics of
     * {@code tables} and writing to {@code warehouse}, and waits until it runs.
     */
    public Sink startSink(String connector, String exampleFile, Warehouse warehouse, List<String> tables) {
        ConnectorConfigExample example = stack.environment().apply(stack.configExamples().load(exampleFile));
        Map<String, String> overrides = new LinkedHashMap<>(warehouse.sinkOverrides(example));
        List<String> topics = tables.stream().map(this::topic).toList();
        overrides.put("topics.regex", topics.stream().map(Pattern::quote).collect(Collectors.joining("|")));
        ConnectorConfigExample sink = example.withName(connector).withOverrides(overrides);
        // A consumer subscribed by pattern sees topics created after it joined only at its next metadata
        // refresh (metadata.max.age.ms, 5 minutes by default): start the sink once its topics exist.
        Await.until("topics " + topics + " created", TIMEOUT, () -> stack.kafka().list().containsAll(topics),
            () -> statusOf(source.name()));
        rest.createConnector(sink.name(), sink.config());
        Sink started = new Sink(sink.name(), sink.config(), warehouse, topics);
        sinks.add(started);
        awaitRunning(sink.name());
        return started;
    }

    /**
     * Registers a sink from a config example as a user does: only its connection details (URL, user,
     * password reference) pointed at {@code warehouse}; name and {@code topics.regex} as shipped. Fails
     * when that regex does not match the topics this pipeline's source writes, naming both.
     */
    public Sink startSinkAsShipped(String exampleFile, Warehouse warehouse) {
        ConnectorConfigExample example = stack.environment().apply(stack.configExamples().load(exampleFile));
        ConnectorConfigExample sink = example.withOverrides(warehouse.sinkOverrides(example));
        String regex = sink.config().get("topics.regex");
        List<String> topics = TABLES.stream().map(this::topic).toList();
        List<String> unmatched = topics.stream().filter(topic -> regex == null || !topic.matches(regex)).toList();
        if (!unmatched.isEmpty()) {
            throw new IllegalStateException(exampleFile + " (topics.regex " + regex + ") does not consume " + unmatched
                + ", which " + source.file() + " writes");
        }
        Await.until("topics " + topics + " created", TIMEOUT, () -> stack.kafka().list().containsAll(topics),
            () -> statusOf(source.name()));
        rest.createConnector(sink.name(), sink.config());
        Sink started = new Sink(sink.name(), sink.config(), warehouse, topics);
        sinks.add(started);
        awaitRunning(sink.name());
        return started;
    }

    // ---- draining and reconciling ----

    /**
     * Waits until everything the workload wrote went through: the source committed offsets at or past
     * the workload's final change (so every change is in Kafka), and then each sink committed offsets at
     * the end of its topics (so every record is in its warehouse, or in the dead-letter queue).
     */
    public void awaitCaughtUp(WorkloadSummary workload, List<Sink> caughtUp) {
        new CatchUp(rest, stack.kafka(), TIMEOUT).awaitSource(source.name(), workload.finalLsn());
        caughtUp.forEach(this::awaitCaughtUp);
    }

    /** Waits until the sink committed offsets at the current end of its topics. */
    public void awaitCaughtUp(Sink sink) {
        new CatchUp(rest, stack.kafka(), TIMEOUT).awaitSink(sink.name(), sink.topics());
    }

    /** Records in the pipeline's topics: every change and tombstone the source produced. */
    public long recordsInKafka() {
        long records = 0;
        for (String table : TABLES) {
            records += stack.kafka().endOffsets(topic(table)).values().stream().mapToLong(Long::longValue).sum();
        }
        return records;
    }

    /** Records whose offsets the sink committed: written to its warehouse (or its dead-letter queue). */
    public long recordsCommitted(Sink sink) {
        return CatchUp.sinkOffsets(rest.offsets(sink.name())).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Makes the sink read its topics again from the beginning, through Connect's offsets REST API
     * (KIP-875): stop, {@code DELETE /connectors/<name>/offsets}, resume.
     */
    public void replayFromStart(Sink sink) {
        stopConnector(sink.name());
        rest.resetOffsets(sink.name());
        Await.until(sink.name() + " without committed offsets", TIMEOUT, () -> rest.offsets(sink.name()).offsets().isEmpty(),
            () -> String.valueOf(rest.offsets(sink.name())));
        resumeConnector(sink.name());
    }

    /**
     * Compares the source tables with the sink's warehouse tables. A sink writing a DuckDB file is
     * stopped through REST for the reading and resumed afterwards.
     */
    public ReconciliationReport reconcile(Sink sink) throws SQLException {
        return reconcile(List.of(sink));
    }

    /**
     * Compares the source tables with the warehouse tables of several sinks, e.g. sinks that share one
     * DuckDB file: all those writing DuckDB files are stopped for the reading (the worker releases a file
     * when the last connector using it stops), and resumed afterwards.
     */
    public ReconciliationReport reconcile(List<Sink> compared) throws SQLException {
        return whileReadable(compared, () -> compare(compared));
    }

    /**
     * Runs {@code reading} while the sinks' warehouses can be read: sinks writing DuckDB files are
     * stopped through REST first and resumed afterwards; {@code reading} is retried until the stopped
     * tasks have let go of their files.
     */
    public <T> T whileReadable(List<Sink> readSinks, Callable<T> reading) throws SQLException {
        List<Sink> exclusive = readSinks.stream().filter(sink -> sink.warehouse().exclusiveWhileWriting()).toList();
        if (exclusive.isEmpty()) {
            try {
                return reading.call();
            } catch (SQLException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("Reading the warehouse failed: " + e.getMessage(), e);
            }
        }
        exclusive.forEach(sink -> stopConnector(sink.name()));
        try {
            // The stopped tasks release the file shortly after the connector reports STOPPED.
            return Await.value("the warehouses of " + exclusive.stream().map(Sink::name).toList() + " readable", TIMEOUT,
                reading, result -> true);
        } finally {
            exclusive.forEach(sink -> resumeConnector(sink.name()));
        }
    }

    /** Compares now, without stopping anything (see {@link #reconcile(List)}). */
    public ReconciliationReport compare(List<Sink> compared) throws SQLException {
        List<TableReport> tables = new ArrayList<>();
        for (Sink sink : compared) {
            Reconciler reconciler = new Reconciler(MaskingExpectations.fromConnectorConfig(source.config(), hmacSecret),
                sink.softDeletes(), sink.upperCaseNames());
            try (Connection sourceDb = stack.postgres().connect(DATABASE); Connection warehouse = sink.warehouse().connect()) {
                tables.addAll(reconciler.reconcile(sourceDb, schema, warehouse, sink.tableSchema(),
                    sink.topics().stream().map(this::tableOf).toList()).tables());
            }
        }
        return new ReconciliationReport(tables);
    }

    /** The warehouse tables of a sink as rows of text, every column, for before/after comparisons. */
    public Map<String, List<List<String>>> warehouseContent(Sink sink) throws SQLException {
        Map<String, List<List<String>>> content = new LinkedHashMap<>();
        try (Connection warehouse = sink.warehouse().connect()) {
            for (String topic : sink.topics()) {
                String table = tableOf(topic);
                content.put(table, TableContent.read(warehouse, sink.tableSchema(), table));
            }
        }
        return content;
    }

    private String tableOf(String topic) {
        return TABLES.stream().filter(table -> topic(table).equals(topic)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException(topic + " is no topic of this pipeline"));
    }

    // ---- connector lifecycle ----

    /** {@code PUT /connectors/<name>/stop} and wait until it is STOPPED. */
    public void stopConnector(String name) {
        rest.stop(name);
        awaitState(name, "STOPPED");
    }

    /** {@code PUT /connectors/<name>/resume} and wait until it runs. */
    public void resumeConnector(String name) {
        rest.resume(name);
        awaitRunning(name);
    }

    public void awaitRunning(String name) {
        Await.until(name + " and its tasks RUNNING", TIMEOUT, () -> rest.status(name).isRunning(),
            () -> statusOf(name));
    }

    private void awaitState(String name, String state) {
        Await.until(name + " " + state, TIMEOUT, () -> state.equals(rest.status(name).connector().state()),
            () -> statusOf(name));
    }

    /** A connector's status for failure messages (with the traces of failed tasks). */
    public String statusOf(String name) {
        try {
            return String.valueOf(rest.status(name));
        } catch (RuntimeException e) {
            return "status of " + name + " unavailable: " + e.getMessage();
        }
    }

    /** From now on, talk to the cluster through {@code worker} (e.g. when the first worker is down). */
    public void useWorker(ConnectWorker worker) {
        this.rest = worker.rest();
    }

    public ConnectRestClient rest() {
        return rest;
    }

    public String sourceConnector() {
        return source.name();
    }

    public Map<String, String> sourceConfig() {
        return source.config();
    }

    public String slot() {
        return source.config().get("slot.name");
    }

    public String schema() {
        return schema;
    }

    public List<Sink> sinks() {
        return List.copyOf(sinks);
    }

    /** Deletes the pipeline's connectors and drops its replication slot (a leftover slot holds WAL forever). */
    @Override
    public void close() {
        List<String> names = new ArrayList<>();
        sinks.forEach(sink -> names.add(sink.name()));
        names.add(source.name());
        for (String name : names) {
            try {
                rest.deleteConnector(name);
            } catch (ConnectRestException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
        }
        Await.until("connectors " + names + " deleted", TIMEOUT,
            () -> rest.connectors().stream().noneMatch(names::contains));
        Await.until("replication slot " + slot() + " dropped", TIMEOUT, () -> {
            stack.postgres().dropReplicationSlots(slot());
            return !slotExists();
        });
    }

    private boolean slotExists() throws SQLException {
        try (Connection connection = stack.postgres().connect(DATABASE);
             var query = connection.prepareStatement("SELECT count(*) FROM pg_replication_slots WHERE slot_name = ?")) {
            query.setString(1, slot());
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1) > 0;
            }
        }
    }
}
