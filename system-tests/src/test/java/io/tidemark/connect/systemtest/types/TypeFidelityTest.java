package io.tidemark.connect.systemtest.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.debezium.connector.postgresql.PostgresConnectorTask;
import io.tidemark.connect.fakesnow.FakesnowServer;
import io.tidemark.connect.sink.json.ExactJsonConverter;
import io.tidemark.connect.source.PostgresCdcSourceTask;
import io.tidemark.connect.systemtest.types.TypeFamilies.Family;
import io.tidemark.connect.systemtest.types.TypeFamilies.TypedColumn;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Every type family through the real pipeline: the CDC source task reads a real PostgreSQL 17 (snapshot,
 * then streamed inserts, an update and a delete per table), its records go through the converters a
 * worker would use (JsonConverter out, ExactJsonConverter back, SimpleHeaderConverter for headers), and the
 * warehouse sink task writes them into a PostgreSQL, a DuckDB and a Snowflake warehouse (fakesnow, read
 * through snowflake-jdbc). Every value of every row is then compared with the source's, as text
 * ({@code col::text} in PostgreSQL; DuckDB's VARCHAR cast, with its spelling of the same value normalised:
 * {@code nan}, {@code (BC)}, BLOB escapes; a DuckDB VARCHAR column against the source value's output text,
 * {@code format('%s', col)}; fakesnow's TO_VARCHAR, spelled as DuckDB spells, a TEXT column like DuckDB's
 * VARCHAR, an ARRAY's JSON as PostgreSQL's array text). Where fakesnow is not installed, the Snowflake
 * tests and the README check are skipped (they fail where TIDEMARK_REQUIRE_FAKESNOW=true, as in CI).
 *
 * <p>Stock Debezium's PostgreSQL task then snapshots the same tables (their final state), and the same sink
 * writes its envelopes into a third warehouse, compared the same way: what a user of stock Debezium gets.
 *
 * <p>The README's type table is generated from what this test observes; it fails when the table is stale
 * (regenerate: {@code mvn -pl system-tests -am verify -Dtest=TypeFidelityTest -Dreadme.update=true}), and
 * when a type the README claims exact is not.
 */
class TypeFidelityTest {

    private static final String PREFIX = "fid";
    private static final String STOCK_PREFIX = "stock";
    private static final String UPDATE_COMMAND =
            "mvn -pl system-tests -am verify -Dtest=TypeFidelityTest -Dsurefire.failIfNoSpecifiedTests=false -Dreadme.update=true";
    private static final long TIMEOUT_NANOS = 120_000_000_000L;

    /** Columns whose every value must arrive identical in the PostgreSQL warehouse. */
    private static final Set<String> EXACT_IN_POSTGRES = Set.of("c_smallint", "c_integer", "c_bigint", "c_real",
            "c_double", "c_numeric", "c_numeric_10_2", "c_numeric_not_null", "c_money", "c_numeric_nan_10_2",
            "c_numeric_nan_not_null", "c_date", "c_date_not_null", "c_time", "c_time_not_null", "c_timestamp",
            "c_timestamptz", "c_interval", "c_point_not_null", "c_box", "c_circle", "c_line", "c_lseg", "c_path_open",
            "c_path_closed", "c_polygon", "c_text", "c_varchar", "c_char", "c_name", "c_bytea", "c_boolean", "c_uuid",
            "c_json", "c_jsonb", "c_xml", "c_tsvector", "c_tsquery", "c_bit", "c_varbit", "c_inet", "c_cidr", "c_macaddr",
            "c_macaddr8", "c_int4range", "c_tstzrange", "c_pg_lsn", "c_oid", "c_citext", "c_hstore", "c_ltree", "c_isbn",
            "c_ean13", "c_int_array", "c_text_array", "c_date_array", "c_numeric_array", "c_jsonb_array", "c_bytea_array",
            "c_double_array", "c_boolean_array", "c_text_quoted_array", "c_int_matrix", "c_lower_bound_array");
    /** Columns whose every value must arrive identical (as DuckDB spells it) in the DuckDB warehouse. */
    private static final Set<String> EXACT_IN_DUCKDB = Set.of("c_smallint", "c_integer", "c_bigint", "c_real",
            "c_double", "c_numeric", "c_numeric_10_2", "c_numeric_not_null", "c_money", "c_numeric_nan_10_2", "c_date",
            "c_date_not_null", "c_time", "c_time_not_null", "c_interval", "c_point_not_null", "c_box", "c_circle", "c_line", "c_lseg",
            "c_path_open", "c_path_closed", "c_polygon", "c_text", "c_varchar", "c_char", "c_name", "c_bytea", "c_boolean",
            "c_uuid", "c_json", "c_jsonb", "c_xml", "c_tsvector", "c_tsquery", "c_bit", "c_varbit", "c_inet", "c_cidr",
            "c_macaddr", "c_macaddr8", "c_int4range", "c_tstzrange", "c_pg_lsn", "c_oid", "c_citext", "c_hstore", "c_ltree",
            "c_isbn", "c_ean13", "c_int_array", "c_text_array", "c_date_array", "c_numeric_array", "c_jsonb_array",
            "c_bytea_array", "c_double_array", "c_boolean_array", "c_text_quoted_array", "c_int_matrix", "c_lower_bound_array");

    /**
     * Columns whose every value must arrive identical (as fakesnow spells it) in the Snowflake warehouse, in
     * the rows it took (see {@link #snowflakeRefusesOnlyTheRowsFakesnowCannotHoldNamingWhy}). Not json or
     * jsonb (a VARIANT is compact JSON: spaces, key order and 2.50 are not kept), timetz (text of the UTC
     * time) or interval (text of its ISO 8601 form).
     */
    private static final Set<String> EXACT_IN_SNOWFLAKE = Set.of("c_smallint", "c_integer", "c_bigint", "c_real",
            "c_double", "c_numeric", "c_numeric_10_2", "c_numeric_not_null", "c_money", "c_numeric_nan_10_2",
            "c_numeric_nan_not_null", "c_date", "c_date_not_null", "c_time", "c_time_not_null", "c_timestamp", "c_timestamptz",
            "c_point_not_null", "c_box", "c_circle", "c_line", "c_lseg", "c_path_open", "c_path_closed", "c_polygon", "c_text",
            "c_varchar", "c_char", "c_name", "c_bytea", "c_boolean", "c_uuid", "c_xml", "c_tsvector", "c_tsquery", "c_bit",
            "c_varbit", "c_inet", "c_cidr", "c_macaddr", "c_macaddr8", "c_int4range", "c_tstzrange", "c_pg_lsn", "c_oid",
            "c_citext", "c_hstore", "c_ltree", "c_isbn", "c_ean13", "c_int_array", "c_text_array", "c_date_array",
            "c_numeric_array", "c_jsonb_array", "c_bytea_array", "c_double_array", "c_boolean_array", "c_text_quoted_array",
            "c_int_matrix", "c_lower_bound_array");

    @TempDir
    static Path directory;

    private static EmbeddedPostgres postgres;
    /** Per source table and column: the Kafka schema, and per warehouse the column type and comparison. */
    private static final Map<String, Map<String, String>> kafkaSchemas = new TreeMap<>();
    private static final Map<String, Observed> postgresResults = new LinkedHashMap<>();
    private static final Map<String, Observed> duckDbResults = new LinkedHashMap<>();
    /** The records the DuckDB sink refused (its errant-record reporter), with the reason. */
    private static final Map<SinkRecord, String> duckDbRefused = new LinkedHashMap<>();
    /** The Snowflake warehouse, fakesnow; null where fakesnow is not installed (the Snowflake tests are then skipped). */
    private static FakesnowServer fakesnow;
    private static final Map<String, Observed> snowflakeResults = new LinkedHashMap<>();
    private static final Map<SinkRecord, String> snowflakeRefused = new LinkedHashMap<>();
    /** Stock Debezium's envelopes of the same tables (its snapshot of their final state) in a PostgreSQL warehouse. */
    private static final Map<String, Observed> debeziumResults = new LinkedHashMap<>();
    private static final Map<SinkRecord, String> debeziumRefused = new LinkedHashMap<>();
    /** The table with a NaN in a NOT NULL numeric column: stock Debezium's snapshot of it stops the task. */
    private static final String STOCK_DEBEZIUM_STOPS_ON = "fid_numeric_nan";
    private static Exception stockDebeziumFailure;

    /** What one warehouse holds for one source column. */
    record Observed(String columnType, String firstDifference) {
        boolean exact() {
            return firstDifference == null;
        }
    }

    @BeforeAll
    static void runThePipeline() throws Exception {
        Optional<Path> fakesnowExecutable = FakesnowServer.locate();
        if (fakesnowExecutable.isPresent()) {
            fakesnow = FakesnowServer.start(fakesnowExecutable.get(), Path.of("target", "fakesnow-logs", "TypeFidelityTest.log"));
        } else {
            System.err.println("TypeFidelityTest: " + FakesnowServer.NOT_INSTALLED);
        }
        postgres = EmbeddedPostgres.builder().setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "4").setServerConfig("max_wal_senders", "4").start();
        execute("postgres", "CREATE DATABASE warehouse");
        for (String extension : TypeFamilies.EXTENSIONS) {
            execute("postgres", "CREATE EXTENSION " + extension);
        }
        for (Family family : TypeFamilies.FAMILIES) {
            execute("postgres", family.createTable());
            for (int row = 0; row < family.rowCount(); row++) {
                execute("postgres", family.insert(row, row + 1));
            }
        }
        execute("postgres", "CREATE DATABASE debezium_warehouse");
        List<SourceRecord> records = capture();
        List<SinkRecord> delivered = throughKafka(records, PREFIX);
        String duckDbUrl = "jdbc:duckdb:" + directory.resolve("warehouse.duckdb");
        write(delivered, sinkConfig(postgresUrl("warehouse"), "postgres", PREFIX), null);
        write(delivered, sinkConfig(duckDbUrl, null, PREFIX), duckDbRefused);
        compare(postgresResults, () -> connect("warehouse"), Kind.POSTGRES, Map.of());
        compare(duckDbResults, () -> DriverManager.getConnection(duckDbUrl), Kind.DUCKDB, duckDbRefused);
        if (fakesnow != null) {
            write(delivered, SnowflakeReading.sinkConfig(sinkConfig(fakesnow.jdbcUrl(), SnowflakeReading.USER, PREFIX)),
                    snowflakeRefused);
            compare(snowflakeResults, () -> SnowflakeReading.connect(fakesnow), Kind.SNOWFLAKE, snowflakeRefused);
        }

        try {
            captureWithStockDebezium("public\\.fid_numeric_nan", "stock_nan", 1);
        } catch (org.apache.kafka.connect.errors.ConnectException e) {
            stockDebeziumFailure = e;
        }
        List<SinkRecord> envelopes = throughKafka(captureWithStockDebezium("public\\.fid_(?!numeric_nan).*", "stock",
                TypeFamilies.FAMILIES.stream().filter(family -> !STOCK_DEBEZIUM_STOPS_ON.equals(family.table()))
                        .mapToInt(family -> 2 * family.rowCount() - 1).sum()), STOCK_PREFIX);
        write(envelopes, sinkConfig(postgresUrl("debezium_warehouse"), "postgres", STOCK_PREFIX), debeziumRefused);
        compare(debeziumResults, () -> connect("debezium_warehouse"), Kind.POSTGRES, debeziumRefused);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fakesnow != null) {
            fakesnow.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void everySourceColumnReachesEveryWarehouse() {
        for (Family family : TypeFamilies.FAMILIES) {
            for (TypedColumn column : family.columns()) {
                String key = family.table() + "." + column.name();
                assertThat(kafkaSchemas.get(family.table())).as("Kafka field of " + key).containsKey(column.name());
                assertThat(postgresResults.get(key).columnType()).as("PostgreSQL warehouse column " + key).isNotNull();
                assertThat(duckDbResults.get(key).columnType()).as("DuckDB warehouse column " + key).isNotNull();
                if (fakesnow != null) {
                    assertThat(snowflakeResults.get(key).columnType()).as("Snowflake warehouse column " + key).isNotNull();
                }
            }
        }
    }

    @Test
    void thePostgresWarehouseHoldsTheSourceValuesOfTheExactTypes() {
        postgresResults.forEach((key, observed) -> {
            if (EXACT_IN_POSTGRES.contains(key.substring(key.indexOf('.') + 1))) {
                assertThat(observed.firstDifference()).as(key + " in the PostgreSQL warehouse").isNull();
            }
        });
    }

    @Test
    void theDuckDbWarehouseHoldsTheSourceValuesOfTheExactTypes() {
        duckDbResults.forEach((key, observed) -> {
            if (EXACT_IN_DUCKDB.contains(key.substring(key.indexOf('.') + 1))) {
                assertThat(observed.firstDifference()).as(key + " in the DuckDB warehouse").isNull();
            }
        });
    }

    @Test
    void duckDbRefusesOnlyTheRowsHoldingANanItsDecimalOrAnArrayItsListCannotHoldNamingTheColumn() {
        assertThat(duckDbRefused).isNotEmpty();
        duckDbRefused.forEach((record, reason) -> {
            if (record.topic().equals(PREFIX + ".public.fid_array_shapes")) {
                assertThat(reason).containsPattern("out of range for DuckDB column c_(int_matrix|lower_bound_array) of type INTEGER\\[\\]")
                        .containsPattern("more than one dimension|lower bounds other than 1");
            } else {
                assertThat(record.topic()).isEqualTo(PREFIX + ".public.fid_numeric_nan");
                assertThat(reason).contains("The value NaN is out of range for DuckDB column c_numeric_nan_");
            }
        });
        assertThat(duckDbRefused.keySet()).extracting(SinkRecord::topic).contains(PREFIX + ".public.fid_array_shapes");
    }

    @Test
    void theSnowflakeWarehouseHoldsTheSourceValuesOfTheExactTypes() {
        Assumptions.assumeTrue(fakesnow != null, FakesnowServer.NOT_INSTALLED);
        assertThat(snowflakeResults).hasSameSizeAs(postgresResults);
        snowflakeResults.forEach((key, observed) -> {
            if (EXACT_IN_SNOWFLAKE.contains(key.substring(key.indexOf('.') + 1))) {
                assertThat(observed.firstDifference()).as(key + " in the Snowflake warehouse").isNull();
            }
        });
    }

    /**
     * fakesnow stores what DuckDB stores: it refuses a NaN in a NUMBER and a date or timestamp outside DuckDB's
     * range (the NaN and infinity rows, years beyond 9999); the sink itself refuses an array not starting at 1.
     */
    @Test
    void snowflakeRefusesOnlyTheRowsFakesnowCannotHoldNamingWhy() {
        Assumptions.assumeTrue(fakesnow != null, FakesnowServer.NOT_INSTALLED);
        assertThat(snowflakeRefused.keySet()).extracting(SinkRecord::topic).contains(PREFIX + ".public.fid_numeric_nan",
                PREFIX + ".public.fid_times", PREFIX + ".public.fid_array_shapes");
        snowflakeRefused.forEach((record, reason) -> {
            switch (record.topic().substring(PREFIX.length() + ".public.".length())) {
                case "fid_numeric_nan" -> assertThat(reason).containsPattern("Could not convert string .* to DECIMAL\\((10|6),2\\)");
                case "fid_times" -> assertThat(reason).containsPattern("invalid (date|timestamp) field format");
                case "fid_array_shapes" -> assertThat(reason).contains("out of range for Snowflake column C_LOWER_BOUND_ARRAY of type "
                        + "ARRAY, which cannot hold an array with lower bounds other than 1");
                default -> throw new AssertionError("Snowflake refused " + record + ": " + reason);
            }
        });
    }

    @Test
    void stockDebeziumStopsOnANanInANotNullNumericColumnWhereTheTidemarkSourceDoesNot() {
        assertThat(stockDebeziumFailure).as("stock Debezium on " + STOCK_DEBEZIUM_STOPS_ON).isNotNull();
        Throwable cause = stockDebeziumFailure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertThat(cause).hasMessageContaining("null used for required field: \"c_numeric_nan_not_null\"");
        assertThat(postgresResults.get(STOCK_DEBEZIUM_STOPS_ON + ".c_numeric_nan_not_null").exact()).isTrue();
    }

    @Test
    void theReadmeTypeTableIsWhatThisTestObserved() throws Exception {
        Assumptions.assumeTrue(fakesnow != null, "The table has a Snowflake column: " + FakesnowServer.NOT_INSTALLED);
        Path readmeFile = Path.of(System.getProperty("tidemark.readme"));
        String readme = Files.readString(readmeFile, StandardCharsets.UTF_8);
        Pattern section = Pattern.compile("(<!-- generated:type-fidelity -->\\n)(.*?)(<!-- /generated -->)", Pattern.DOTALL);
        Matcher matcher = section.matcher(readme);
        assertThat(matcher.find()).as("README.md has the marker pair <!-- generated:type-fidelity --> ... "
                + "<!-- /generated -->").isTrue();
        String table = readmeTable();
        if (!table.equals(matcher.group(2)) && Boolean.getBoolean("readme.update")) {
            Files.writeString(readmeFile, readme.substring(0, matcher.start(2)) + table + readme.substring(matcher.end(2)),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(matcher.group(2)).as("README.md's type table is stale: run " + UPDATE_COMMAND).isEqualTo(table);
    }

    private static String readmeTable() {
        StringBuilder table = new StringBuilder("| PostgreSQL type | Kafka (Connect schema) | PostgreSQL warehouse | DuckDB warehouse "
                + "| Snowflake warehouse (fakesnow emulator) | stock Debezium 3.6 envelopes → PostgreSQL warehouse |\n"
                + "|---|---|---|---|---|---|\n");
        for (Family family : TypeFamilies.FAMILIES) {
            for (TypedColumn column : family.columns()) {
                String key = family.table() + "." + column.name();
                String duckDb = cell(duckDbResults.get(key)) + (!refusedTable(duckDbRefused, family.table()) ? ""
                        : family.table().equals("fid_array_shapes") ? "; rows with a 2-dimensional array, or one not starting at 1, are "
                        + "refused (to the DLQ)" : "; rows holding NaN are refused (to the DLQ)");
                String debezium = STOCK_DEBEZIUM_STOPS_ON.equals(family.table())
                        ? "stock Debezium's task stops on this table (`null used for required field`)"
                        : cell(debeziumResults.get(key)) + refusals(debeziumRefused, family.table());
                String snowflake = cell(snowflakeResults.get(key)) + refusals(snowflakeRefused, family.table());
                table.append("| ").append(column.typeName()).append(" | ").append(kafkaSchemas.get(family.table()).get(column.name()))
                        .append(" | ").append(cell(postgresResults.get(key))).append(" | ").append(duckDb).append(" | ").append(snowflake).append(" | ").append(debezium)
                        .append(" |\n");
            }
        }
        return table.toString();
    }

    private static String refusals(Map<SinkRecord, String> refused, String table) {
        return refusedTable(refused, table) ? "; some rows refused (to the DLQ): " + firstReason(refused, table) : "";
    }

    /** The reason the sink gave for the table's first refused record (by offset: the writer may report out of order). */
    private static String firstReason(Map<SinkRecord, String> refused, String table) {
        return refused.entrySet().stream().filter(entry -> entry.getKey().topic().endsWith("." + table))
                .min(java.util.Comparator.comparingLong(entry -> entry.getKey().kafkaOffset()))
                .map(entry -> "`" + markdown(entry.getValue().replaceAll(".*ERROR: ", "").replaceAll(" \\(configure errors.*", "")
                        .replaceAll("^Record \\S+ cannot be written to table \\S+: ", "")) + "`").orElse("");
    }

    private static String cell(Observed observed) {
        if (observed.columnType() == null) {
            return "missing";
        }
        String type = "`" + observed.columnType() + "`";
        return observed.exact() ? type + " exact" : type + " differs: " + observed.firstDifference();
    }

    private static boolean refusedTable(Map<SinkRecord, String> refused, String table) {
        return refused.keySet().stream().anyMatch(record -> record.topic().endsWith("." + table));
    }

    /** The source task's records until every table's snapshot and streamed changes arrived. */
    private static List<SourceRecord> capture() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("name", "fidelity");
        config.put("database.hostname", "localhost");
        config.put("database.port", Integer.toString(postgres.getPort()));
        config.put("database.dbname", "postgres");
        config.put("database.user", "postgres");
        config.put("topic.prefix", PREFIX);
        config.put("slot.name", "fidelity");
        config.put("publication.name", "fidelity");
        config.put("table.include.list", "public\\.fid_.*");
        config.put("debezium.poll.interval.ms", "50");
        PostgresCdcSourceTask task = new PostgresCdcSourceTask();
        task.initialize(new FreshSourceTaskContext(config));
        task.start(config);
        List<SourceRecord> records = new ArrayList<>();
        try {
            int snapshot = TypeFamilies.FAMILIES.stream().mapToInt(Family::rowCount).sum();
            pollUntil(task, records, snapshot);
            for (Family family : TypeFamilies.FAMILIES) {
                for (int row = 0; row < family.rowCount(); row++) {
                    execute("postgres", family.insert(row, 1000 + row + 1));
                }
                execute("postgres", family.update(1, 1), "DELETE FROM public." + family.table() + " WHERE id = "
                        + family.rowCount());
            }
            pollUntil(task, records, 2 * snapshot + 2 * TypeFamilies.FAMILIES.size());
        } finally {
            task.stop();
        }
        return records;
    }

    /** Stock Debezium's PostgreSQL task, configured as its documentation says, reading the final state. */
    private static List<SourceRecord> captureWithStockDebezium(String tables, String slot, int rows) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        config.put("name", "stock");
        config.put("database.hostname", "localhost");
        config.put("database.port", Integer.toString(postgres.getPort()));
        config.put("database.dbname", "postgres");
        config.put("database.user", "postgres");
        config.put("plugin.name", "pgoutput");
        config.put("topic.prefix", STOCK_PREFIX);
        config.put("slot.name", slot);
        config.put("publication.name", slot);
        config.put("publication.autocreate.mode", "filtered");
        config.put("table.include.list", tables);
        config.put("poll.interval.ms", "50");
        PostgresConnectorTask task = new PostgresConnectorTask();
        task.initialize(new FreshSourceTaskContext(config));
        task.start(config);
        List<SourceRecord> records = new ArrayList<>();
        try {
            pollUntil(task, records, rows, STOCK_PREFIX);
        } finally {
            task.stop();
        }
        return records;
    }

    private static void pollUntil(org.apache.kafka.connect.source.SourceTask task, List<SourceRecord> records, int changes)
            throws Exception {
        pollUntil(task, records, changes, PREFIX);
    }

    private static void pollUntil(org.apache.kafka.connect.source.SourceTask task, List<SourceRecord> records, int changes,
            String prefix) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (records.stream().filter(record -> record.topic().startsWith(prefix + ".") && record.value() != null).count() < changes) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + changes + " row changes; have " + records.size() + " records");
            }
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                records.addAll(batch);
            }
        }
    }

    /** Through the converters of a worker and back, as the records would travel through Kafka. */
    private static List<SinkRecord> throughKafka(List<SourceRecord> records, String prefix) {
        JsonConverter keyOut = converter(new JsonConverter(), true);
        JsonConverter valueOut = converter(new JsonConverter(), false);
        Converter keyIn = converter(new ExactJsonConverter(), true);
        Converter valueIn = converter(new ExactJsonConverter(), false);
        SimpleHeaderConverter headers = new SimpleHeaderConverter();
        Map<String, Long> offsets = new HashMap<>();
        List<SinkRecord> delivered = new ArrayList<>();
        for (SourceRecord record : records) {
            if (!record.topic().startsWith(prefix + ".")) {
                continue;
            }
            String table = record.topic().substring(record.topic().lastIndexOf('.') + 1);
            if (record.value() != null && PREFIX.equals(prefix)) {
                Map<String, String> fields = kafkaSchemas.computeIfAbsent(table, ignored -> new TreeMap<>());
                for (Field field : record.valueSchema().fields()) {
                    fields.putIfAbsent(field.name(), describe(field.schema()));
                }
            }
            SchemaAndValue key = keyIn.toConnectData(record.topic(), keyOut.fromConnectData(record.topic(), record.keySchema(), record.key()));
            SchemaAndValue value = valueIn.toConnectData(record.topic(),
                    valueOut.fromConnectData(record.topic(), record.valueSchema(), record.value()));
            ConnectHeaders sinkHeaders = new ConnectHeaders();
            for (Header header : record.headers()) {
                byte[] bytes = headers.fromConnectHeader(record.topic(), header.key(), header.schema(), header.value());
                SchemaAndValue read = headers.toConnectHeader(record.topic(), header.key(), bytes);
                sinkHeaders.add(header.key(), read.value(), read.schema());
            }
            long offset = offsets.merge(record.topic(), 1L, Long::sum) - 1;
            delivered.add(new SinkRecord(record.topic(), 0, key.schema(), key.value(), value.schema(), value.value(), offset,
                    record.timestamp(), TimestampType.CREATE_TIME, sinkHeaders));
        }
        return delivered;
    }

    private static <C extends Converter> C converter(C converter, boolean isKey) {
        converter.configure(Map.of("schemas.enable", "true"), isKey);
        return converter;
    }

    private static String describe(Schema schema) {
        String base = schema.name() != null ? schema.name() : schema.type().name();
        if (schema.type() == Schema.Type.ARRAY) {
            base = "ARRAY<" + describe(schema.valueSchema()) + ">";
        }
        Map<String, String> parameters = schema.parameters();
        if (parameters != null && !parameters.isEmpty()) {
            base = base + " " + new TreeMap<>(parameters);
        }
        return "`" + base + "`";
    }

    private static Map<String, String> sinkConfig(String url, String user, String prefix) {
        Map<String, String> config = new HashMap<>();
        config.put("name", "fidelity-sink");
        config.put("connector.class", "io.tidemark.connect.sink.WarehouseSinkConnector");
        config.put("topics.regex", prefix + "\\..*");
        config.put("connection.url", url);
        if (user != null) {
            config.put("connection.user", user);
        }
        config.put("table.name.format", "${topic.last}");
        config.put("write.mode", "merge");
        config.put("delete.mode", "hard");
        config.put("primary.key.mode", "record_key");
        config.put("auto.create", "true");
        config.put("auto.evolve", "true");
        return config;
    }

    private static void write(List<SinkRecord> records, Map<String, String> config, Map<SinkRecord, String> refused) {
        Set<TopicPartition> partitions = new java.util.HashSet<>();
        records.forEach(record -> partitions.add(new TopicPartition(record.topic(), record.kafkaPartition())));
        SinkDriver.writeAll(config, partitions, records, refused);
    }

    interface Connector {
        Connection open() throws SQLException;
    }

    /** How the comparison reads a warehouse: its names, its types, its text of a value. */
    enum Kind {
        POSTGRES, DUCKDB, SNOWFLAKE;

        /** Whether the warehouse spells values as DuckDB does (fakesnow is DuckDB underneath). */
        boolean duckDbSpelling() {
            return this != POSTGRES;
        }

        /** The warehouse's name of a table or column the sink created (identifier.case=upper in Snowflake). */
        String name(String sourceName) {
            return this == SNOWFLAKE ? sourceName.toUpperCase(java.util.Locale.ROOT) : sourceName;
        }

        /** The type of a column that holds the source value's text. */
        boolean isText(String type) {
            return this == DUCKDB ? "VARCHAR".equals(type) : this == SNOWFLAKE && "TEXT".equals(type);
        }
    }

    /** Per table and column, the warehouse's type and the first value that differs from the source's. */
    private static void compare(Map<String, Observed> results, Connector warehouse, Kind kind,
            Map<SinkRecord, String> refused) throws Exception {
        try (Connection source = connect("postgres"); Connection target = warehouse.open()) {
            utc(source);
            if (kind != Kind.SNOWFLAKE) {
                // fakesnow's sessions are in UTC (its DuckDB's TimeZone is set once for the process).
                utc(target);
            }
            for (Family family : TypeFamilies.FAMILIES) {
                Map<String, String> types = kind == Kind.SNOWFLAKE ? SnowflakeReading.columnTypes(target, kind.name(family.table()))
                        : columnTypes(target, family.table(), kind == Kind.DUCKDB);
                for (TypedColumn column : family.columns()) {
                    String key = family.table() + "." + column.name();
                    String type = types.get(kind.name(column.name()));
                    if (type == null) {
                        results.put(key, new Observed(null, "the column is missing"));
                        continue;
                    }
                    // A DuckDB VARCHAR holding a type DuckDB lacks holds PostgreSQL's output text of the value (as
                    // psql prints it: char(n) padded, inet without a host's /32), which format('%s') gives.
                    // DuckDB has no money type: it holds the amount, which PostgreSQL spells by lc_monetary ($1.50).
                    // So does a Snowflake TEXT column; Snowflake has no money type either.
                    String sourceText = kind.isText(type)
                            ? "CASE WHEN " + column.name() + " IS NOT NULL THEN format('%s', " + column.name() + ") END"
                            : kind.duckDbSpelling() && "money".equals(column.type()) ? column.name() + "::numeric::text"
                            : column.name() + "::text";
                    Map<Integer, String> expected = texts(source, "SELECT id, " + sourceText + " FROM public." + family.table());
                    String name = kind.name(column.name());
                    String expression = kind == Kind.SNOWFLAKE ? SnowflakeReading.text(name, type)
                            : kind == Kind.DUCKDB ? duckDbText(name, type) : "\"" + name + "\"::text";
                    Map<Integer, String> actual = texts(target, "SELECT \"" + kind.name("id") + "\", " + expression + " FROM \""
                            + kind.name(family.table()) + "\"");
                    if (kind == Kind.DUCKDB && type.endsWith("[]")) {
                        actual.replaceAll((id, json) -> DuckDbSpelling.listAsPostgres(json));
                    } else if (kind == Kind.SNOWFLAKE && column.type().endsWith("[]") && SnowflakeReading.isArray(type)) {
                        actual.replaceAll((id, json) -> SnowflakeReading.arrayAsPostgres(json));
                    }
                    if (refusedTable(refused, family.table())) {
                        // Compare the rows DuckDB took; the README says which it refused.
                        expected.keySet().retainAll(actual.keySet());
                    }
                    results.put(key, new Observed(type, firstDifference(expected, actual, kind.duckDbSpelling())));
                }
            }
        }
    }

    private static String duckDbText(String column, String type) {
        if (type.endsWith("[]")) {
            // A list as a JSON array of its elements as text, which DuckDbSpelling turns into PostgreSQL's array text.
            return "to_json(list_transform(\"" + column + "\", x -> CAST(x AS VARCHAR)))";
        }
        return "BLOB".equals(type) ? "'\\x' || lower(hex(\"" + column + "\"))" : "CAST(\"" + column + "\" AS VARCHAR)";
    }

    private static String firstDifference(Map<Integer, String> expected, Map<Integer, String> actual, boolean duckDb) {
        if (!expected.keySet().equals(actual.keySet())) {
            return "rows " + actual.keySet() + " instead of " + expected.keySet();
        }
        for (Map.Entry<Integer, String> row : new TreeMap<>(expected).entrySet()) {
            String held = actual.get(row.getKey());
            String normalised = duckDb ? DuckDbSpelling.asPostgres(held) : held;
            if (!java.util.Objects.equals(row.getValue(), normalised)) {
                return "`" + markdown(row.getValue()) + "` → `" + markdown(held) + "`";
            }
        }
        return null;
    }

    private static String markdown(String text) {
        return text == null ? "NULL" : text.replace("|", "\\|").replace("\n", "\\n").replace("\t", "\\t").replace("`", "'");
    }

    private static Map<String, String> columnTypes(Connection connection, String table, boolean duckDb) throws SQLException {
        Map<String, String> types = new HashMap<>();
        String sql = duckDb ? "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '" + table + "'"
                : "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = to_regclass('public." + table
                        + "') AND a.attnum > 0 AND NOT a.attisdropped";
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                types.put(rs.getString(1), rs.getString(2));
            }
        }
        return types;
    }

    private static Map<Integer, String> texts(Connection connection, String sql) throws SQLException {
        Map<Integer, String> texts = new HashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                texts.put(rs.getInt(1), rs.getString(2));
            }
        }
        return texts;
    }

    private static void utc(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
        }
    }

    private static String postgresUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database, "postgres", "");
    }

    private static void execute(String database, String... statements) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
