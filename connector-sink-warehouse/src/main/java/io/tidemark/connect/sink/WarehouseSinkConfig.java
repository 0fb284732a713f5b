package io.tidemark.connect.sink;

import io.tidemark.connect.sink.convert.ConversionRules;
import io.tidemark.connect.sink.convert.PrimaryKeyMode;
import io.tidemark.connect.sink.convert.TableNaming;
import io.tidemark.connect.sink.dialect.ConnectionSettings;
import io.tidemark.connect.sink.dialect.Dialects;
import io.tidemark.connect.sink.table.DeleteMode;
import io.tidemark.connect.sink.table.IdentifierCase;
import io.tidemark.connect.sink.table.MetadataColumns;
import io.tidemark.connect.sink.table.WriteMode;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sink's configuration, parsed once into typed values. {@link #CONFIG_DEF} is also the
 * documentation: the README's option table is generated from it.
 */
public final class WarehouseSinkConfig extends AbstractConfig {

    public static final String OVERVIEW_DOC = "Buffers change records per table and applies them to a Snowflake, PostgreSQL or"
            + " DuckDB warehouse with one idempotent, order-safe MERGE per table and flush: a stored version column makes"
            + " replayed or re-delivered changes harmless, deletes are hard or soft, and only offsets whose rows are"
            + " committed in the warehouse are committed to Kafka.";

    public static final String CONNECTION_URL = "connection.url";
    public static final String CONNECTION_USER = "connection.user";
    public static final String CONNECTION_PASSWORD = "connection.password";
    public static final String CONNECTION_TIMEOUT_MS = "connection.timeout.ms";
    public static final String DIALECT = "dialect";
    public static final String SNOWFLAKE_DATABASE = "snowflake.database";
    public static final String SNOWFLAKE_ROLE = "snowflake.role";
    public static final String SNOWFLAKE_WAREHOUSE = "snowflake.warehouse";
    public static final String SNOWFLAKE_PRIVATE_KEY = "snowflake.private.key";
    public static final String SNOWFLAKE_PRIVATE_KEY_PASSPHRASE = "snowflake.private.key.passphrase";
    public static final String TABLE_NAME_FORMAT = "table.name.format";
    public static final String TABLE_SCHEMA = "table.schema";
    public static final String IDENTIFIER_CASE = "identifier.case";
    public static final String AUTO_CREATE = "auto.create";
    public static final String AUTO_EVOLVE = "auto.evolve";
    public static final String WRITE_MODE = "write.mode";
    public static final String DELETE_MODE = "delete.mode";
    public static final String PRIMARY_KEY_MODE = "primary.key.mode";
    public static final String PRIMARY_KEY_FIELDS = "primary.key.fields";
    public static final String VERSION_FIELD = "version.field";
    public static final String BUFFER_COUNT_RECORDS = "buffer.count.records";
    public static final String BUFFER_SIZE_BYTES = "buffer.size.bytes";
    public static final String BUFFER_FLUSH_TIME_MS = "buffer.flush.time.ms";
    public static final String FLUSH_PIPELINE_DEPTH = "flush.pipeline.depth";
    static final int MAX_FLUSH_PIPELINE_DEPTH = 8;
    public static final String FLUSH_PARALLEL_TABLES = "flush.parallel.tables";
    static final int MAX_FLUSH_PARALLEL_TABLES = 16;
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "retry.backoff.max.ms";
    public static final String UNASSIGNED_WARN_MS = "unassigned.warn.ms";

    private static final String CONNECTION_GROUP = "Connection";
    private static final String SNOWFLAKE_GROUP = "Snowflake";
    private static final String TABLES_GROUP = "Tables";
    private static final String WRITES_GROUP = "Writes";
    private static final String BUFFER_GROUP = "Buffer";
    private static final String RETRIES_GROUP = "Retries";
    private static final String MONITORING_GROUP = "Monitoring";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(CONNECTION_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "JDBC URL of the warehouse: jdbc:snowflake://<account_identifier>.snowflakecomputing.com,"
                            + " jdbc:postgresql://host:5432/database (PostgreSQL 15 or newer) or jdbc:duckdb:/path/to/file.duckdb."
                            + " Every task and connector of a worker writing to the same DuckDB file shares one DuckDB instance.",
                    CONNECTION_GROUP, 1, Width.LONG, "Connection URL")
            .define(CONNECTION_USER, Type.STRING, null, Importance.HIGH,
                    "Database user (Snowflake, PostgreSQL). Needs CREATE TABLE on the target schema for auto.create,"
                            + " and INSERT, UPDATE, DELETE and TEMPORARY privileges.",
                    CONNECTION_GROUP, 2, Width.MEDIUM, "User")
            .define(CONNECTION_PASSWORD, Type.PASSWORD, null, Importance.HIGH,
                    "Password of the database user (for Snowflake, prefer snowflake.private.key). Use a config provider"
                            + " reference such as ${file:/etc/tidemark/secrets.properties:postgres.password}; it never appears in"
                            + " logs.",
                    CONNECTION_GROUP, 3, Width.MEDIUM, "Password")
            .define(CONNECTION_TIMEOUT_MS, Type.INT, 30_000, ConfigDef.Range.atLeast(1000), Importance.LOW,
                    "How long connecting to the database may take, at start, after a failure and in the configuration"
                            + " check of the validate REST call.",
                    CONNECTION_GROUP, 4, Width.SHORT, "Connection timeout (ms)")
            .define(DIALECT, Type.STRING, "", new DialectValidator(), Importance.LOW,
                    "The warehouse dialect: snowflake, postgres or duckdb. Empty picks it from connection.url.",
                    CONNECTION_GROUP, 5, Width.SHORT, "Dialect", new DialectRecommender())
            .define(SNOWFLAKE_DATABASE, Type.STRING, null, Importance.HIGH,
                    "Snowflake database of the target tables (and of table.schema). Empty: the user's default database.",
                    SNOWFLAKE_GROUP, 1, Width.MEDIUM, "Snowflake database")
            .define(SNOWFLAKE_ROLE, Type.STRING, null, Importance.HIGH,
                    "Snowflake role the sink works as (see the README for its grants). Empty: the user's default role.",
                    SNOWFLAKE_GROUP, 2, Width.MEDIUM, "Snowflake role")
            .define(SNOWFLAKE_WAREHOUSE, Type.STRING, null, Importance.HIGH,
                    "Snowflake virtual warehouse that runs the loads and MERGEs (it resumes by itself when"
                            + " AUTO_RESUME is on). Empty: the user's default warehouse.",
                    SNOWFLAKE_GROUP, 3, Width.MEDIUM, "Snowflake warehouse")
            .define(SNOWFLAKE_PRIVATE_KEY, Type.PASSWORD, null, Importance.HIGH,
                    "Private key for Snowflake key-pair authentication: PKCS#8 PEM (-----BEGIN PRIVATE KEY----- or"
                            + " -----BEGIN ENCRYPTED PRIVATE KEY-----), or only its base64 body. Line breaks may be written"
                            + " as \\n, so the key fits one line of a properties file. Use a config provider reference such as"
                            + " ${file:/etc/tidemark/secrets.properties:snowflake.private.key}. Takes the place of"
                            + " connection.password.",
                    SNOWFLAKE_GROUP, 4, Width.LONG, "Snowflake private key")
            .define(SNOWFLAKE_PRIVATE_KEY_PASSPHRASE, Type.PASSWORD, null, Importance.MEDIUM,
                    "Passphrase of an encrypted snowflake.private.key. Use a config provider reference.",
                    SNOWFLAKE_GROUP, 5, Width.MEDIUM, "Snowflake private key passphrase")
            .define(TABLE_NAME_FORMAT, Type.STRING, TableNaming.TOPIC_LAST, new TableNameFormatValidator(), Importance.MEDIUM,
                    "Name of the table a record goes to. ${topic} is the record's topic (after transforms), ${topic.last}"
                            + " the part after its last dot (on a topic Tidemark's CDC source named, as its tidemark.schema and"
                            + " tidemark.table headers confirm, the whole table part, so a table name with dots stays whole):"
                            + " topic tm.public.customers goes to table customers by default. Two topics that map to one table"
                            + " fail the task, naming both; a format without placeholders merges topics on purpose."
                            + " Names are always quoted, so they keep their exact spelling.",
                    TABLES_GROUP, 1, Width.MEDIUM, "Table name format")
            .define(TABLE_SCHEMA, Type.STRING, null, Importance.MEDIUM,
                    "Schema of the target tables. Empty uses the session's current schema (PostgreSQL: the search_path,"
                            + " usually public; DuckDB: main; Snowflake: the user's default schema, or the one in the URL)."
                            + " Snowflake creates its temporary staging tables there too.",
                    TABLES_GROUP, 2, Width.MEDIUM, "Table schema")
            .define(IDENTIFIER_CASE, Type.STRING, "as_is", enumValidator(IdentifierCase.values()), Importance.LOW,
                    "Spelling of table and column names (and of the sink's own columns): as_is keeps the record's"
                            + " names, lower or upper converts them. For Snowflake choose upper: Snowflake spells unquoted names"
                            + " in upper case, so upper-case tables and columns can be queried without quotes.",
                    TABLES_GROUP, 3, Width.SHORT, "Identifier case", enumRecommender(IdentifierCase.values()))
            .define(AUTO_CREATE, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Create a missing table from the record schema, with the key as primary key (merge mode).",
                    TABLES_GROUP, 4, Width.SHORT, "Create tables")
            .define(AUTO_EVOLVE, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Add columns that records carry and the table lacks. Only additive changes: a column whose type"
                            + " changes incompatibly stops the task with a message naming the column and both types.",
                    TABLES_GROUP, 5, Width.SHORT, "Evolve tables")
            .define(WRITE_MODE, Type.STRING, "merge", enumValidator(WriteMode.values()), Importance.HIGH,
                    "merge: upsert and delete by key, a row never goes back to an older version. append: every change"
                            + " becomes a new row (event log), exactly once: the consumed offsets are stored in the table"
                            + " __tidemark_offsets in the same transaction as the rows.",
                    WRITES_GROUP, 1, Width.SHORT, "Write mode", enumRecommender(WriteMode.values()))
            .define(DELETE_MODE, Type.STRING, "hard", enumValidator(DeleteMode.values()), Importance.HIGH,
                    "What deletes and tombstones do. hard: remove the row. soft: keep it with __deleted=true and its"
                            + " version, so a replayed older change can never bring it back. none: ignore deletes. In"
                            + " append mode: soft appends delete events, none drops them, hard is not allowed.",
                    WRITES_GROUP, 2, Width.SHORT, "Delete mode", enumRecommender(DeleteMode.values()))
            .define(PRIMARY_KEY_MODE, Type.STRING, "record_key", enumValidator(PrimaryKeyMode.values()), Importance.HIGH,
                    "Where the key columns come from. record_key: the record key (a Struct's or Map's fields; for a"
                            + " primitive key, primary.key.fields names its column). record_value: the value's fields named"
                            + " in primary.key.fields. none: no key (append mode only).",
                    WRITES_GROUP, 3, Width.SHORT, "Primary key mode", enumRecommender(PrimaryKeyMode.values()))
            .define(PRIMARY_KEY_FIELDS, Type.LIST, "", Importance.MEDIUM,
                    "Key field names: with record_key a subset of the key's fields (empty: all) or the column name of a"
                            + " primitive key; with record_value the value fields that form the key (required).",
                    WRITES_GROUP, 4, Width.LONG, "Primary key fields")
            .define(VERSION_FIELD, Type.STRING, null, Importance.MEDIUM,
                    "Value field holding the row version that guards every update and delete (an integer, or a"
                            + " timestamp in milliseconds). Empty: our change events' __position, Debezium's source.lsn,"
                            + " else the Kafka offset.",
                    WRITES_GROUP, 5, Width.MEDIUM, "Version field")
            .define(BUFFER_COUNT_RECORDS, Type.INT, 50_000, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                    "Flush when this many records are buffered (all tables of the task together).",
                    BUFFER_GROUP, 1, Width.SHORT, "Buffer records")
            .define(BUFFER_SIZE_BYTES, Type.LONG, 64L * 1024 * 1024, ConfigDef.Range.atLeast(1024), Importance.MEDIUM,
                    "Flush when the buffered changes hold about this much heap; bounds the task's memory whatever the"
                            + " input rate.",
                    BUFFER_GROUP, 2, Width.SHORT, "Buffer bytes")
            .define(BUFFER_FLUSH_TIME_MS, Type.LONG, 10_000L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                    "Flush when the oldest buffered record has waited this long. Connect's offset commit"
                            + " (offset.flush.interval.ms) flushes too.",
                    BUFFER_GROUP, 3, Width.SHORT, "Buffer age (ms)")
            .define(FLUSH_PIPELINE_DEPTH, Type.INT, 1, ConfigDef.Range.between(0, MAX_FLUSH_PIPELINE_DEPTH), Importance.LOW,
                    "n >= 1: put() seals the due"
                            + " buffer and hands it to a writer thread of the task, which writes up to n sealed flushes in"
                            + " order while put() converts and buffers the next records; when n are in flight and the"
                            + " buffer is due again, put() waits for the oldest. The task then holds about (n + 1) x"
                            + " buffer.size.bytes. Offsets are committed only for flushes whose transaction committed; a"
                            + " failed write surfaces on the next put(). 0: put() writes a due flush itself, and consumes"
                            + " nothing meanwhile.",
                    BUFFER_GROUP, 4, Width.SHORT, "Flush pipeline depth")
            .define(FLUSH_PARALLEL_TABLES, Type.INT, 4, ConfigDef.Range.between(1, MAX_FLUSH_PARALLEL_TABLES), Importance.LOW,
                    "With flush.pipeline.depth >= 1: how many tables of one flush the task writes at once, each on a"
                            + " connection of its own (opened when a table first needs it; a table always uses the same"
                            + " one). Each table is its own transaction, as with 1; a table that fails does not hold back"
                            + " the others' offsets. DuckDB writes one table at a time whatever this says (one file, one"
                            + " writer).",
                    BUFFER_GROUP, 5, Width.SHORT, "Tables written at once")
            .define(MAX_RETRIES, Type.INT, 10, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                    "Consecutive retries of a transient database failure (lost connection, serialization failure,"
                            + " deadlock, lock timeout, restarting server) before the task fails.",
                    RETRIES_GROUP, 1, Width.SHORT, "Maximum retries")
            .define(RETRY_BACKOFF_MS, Type.LONG, 1_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Wait before the first retry; each next retry waits twice as long.",
                    RETRIES_GROUP, 2, Width.SHORT, "Retry backoff (ms)")
            .define(RETRY_BACKOFF_MAX_MS, Type.LONG, 60_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Longest wait between retries.",
                    RETRIES_GROUP, 3, Width.SHORT, "Maximum retry backoff (ms)")
            .define(UNASSIGNED_WARN_MS, Type.LONG, 600_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "When task 0 has had no partition assigned this long, it logs one WARN naming topics.regex (or"
                            + " topics): a pattern that matches no topic leaves the connector RUNNING and the warehouse"
                            + " empty. Every task's metric UnassignedMs counts the time. 0 turns the warning off.",
                    MONITORING_GROUP, 1, Width.SHORT, "Warn when unassigned (ms)");

    private final String connectorName;
    private final ConnectionSettings connection;
    private final String dialect;
    private final String tableNameFormat;
    private final String tableSchema;
    private final IdentifierCase identifierCase;
    private final boolean autoCreate;
    private final boolean autoEvolve;
    private final WriteMode writeMode;
    private final DeleteMode deleteMode;
    private final PrimaryKeyMode primaryKeyMode;
    private final List<String> primaryKeyFields;
    private final String versionField;
    private final int bufferCountRecords;
    private final long bufferSizeBytes;
    private final long bufferFlushTimeMs;
    private final int flushPipelineDepth;
    private final int flushParallelTables;
    private final int maxRetries;
    private final long retryBackoffMs;
    private final long retryBackoffMaxMs;
    private final long unassignedWarnMs;

    /** @throws ConfigException for invalid single options and for invalid combinations */
    public WarehouseSinkConfig(Map<String, String> properties) {
        this(properties, true);
    }

    /** Parses without refusing invalid combinations, for validate() to report them all. */
    static WarehouseSinkConfig withoutCombinationCheck(Map<String, String> properties) {
        return new WarehouseSinkConfig(properties, false);
    }

    private WarehouseSinkConfig(Map<String, String> properties, boolean checkCombinations) {
        super(CONFIG_DEF, properties);
        connectorName = properties.getOrDefault("name", "");
        tableSchema = blankToNull(getString(TABLE_SCHEMA));
        connection = new ConnectionSettings(getString(CONNECTION_URL), getString(CONNECTION_USER), getPassword(CONNECTION_PASSWORD),
                Math.max(1, getInt(CONNECTION_TIMEOUT_MS) / 1000), tableSchema, blankToNull(getString(SNOWFLAKE_DATABASE)),
                blankToNull(getString(SNOWFLAKE_ROLE)), blankToNull(getString(SNOWFLAKE_WAREHOUSE)), getPassword(SNOWFLAKE_PRIVATE_KEY),
                getPassword(SNOWFLAKE_PRIVATE_KEY_PASSPHRASE));
        dialect = getString(DIALECT);
        tableNameFormat = getString(TABLE_NAME_FORMAT);
        identifierCase = enumValue(IdentifierCase.class, getString(IDENTIFIER_CASE));
        autoCreate = getBoolean(AUTO_CREATE);
        autoEvolve = getBoolean(AUTO_EVOLVE);
        writeMode = enumValue(WriteMode.class, getString(WRITE_MODE));
        deleteMode = enumValue(DeleteMode.class, getString(DELETE_MODE));
        primaryKeyMode = enumValue(PrimaryKeyMode.class, getString(PRIMARY_KEY_MODE));
        primaryKeyFields = List.copyOf(getList(PRIMARY_KEY_FIELDS));
        versionField = blankToNull(getString(VERSION_FIELD));
        bufferCountRecords = getInt(BUFFER_COUNT_RECORDS);
        bufferSizeBytes = getLong(BUFFER_SIZE_BYTES);
        bufferFlushTimeMs = getLong(BUFFER_FLUSH_TIME_MS);
        flushPipelineDepth = getInt(FLUSH_PIPELINE_DEPTH);
        flushParallelTables = getInt(FLUSH_PARALLEL_TABLES);
        unassignedWarnMs = getLong(UNASSIGNED_WARN_MS);
        maxRetries = getInt(MAX_RETRIES);
        retryBackoffMs = getLong(RETRY_BACKOFF_MS);
        retryBackoffMaxMs = getLong(RETRY_BACKOFF_MAX_MS);
        Map<String, String> problems = checkCombinations ? combinationProblems() : Map.of();
        if (!problems.isEmpty()) {
            Map.Entry<String, String> first = problems.entrySet().iterator().next();
            throw new ConfigException(first.getKey(), get(first.getKey()), first.getValue());
        }
    }

    /**
     * Options that are valid alone but not together, by option name. {@code validate()} attaches each
     * message to its option; the constructor refuses the first.
     */
    Map<String, String> combinationProblems() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (writeMode == WriteMode.APPEND && deleteMode == DeleteMode.HARD) {
            problems.put(DELETE_MODE, "write.mode=append never removes rows; set delete.mode=soft to append delete events"
                    + " (marked __deleted) or delete.mode=none to drop them.");
        }
        if (primaryKeyMode == PrimaryKeyMode.NONE && writeMode == WriteMode.MERGE) {
            problems.put(PRIMARY_KEY_MODE, "primary.key.mode=none has no key to merge on; use write.mode=append, or a key mode.");
        }
        if (primaryKeyMode == PrimaryKeyMode.RECORD_VALUE && primaryKeyFields.isEmpty()) {
            problems.put(PRIMARY_KEY_FIELDS, "primary.key.mode=record_value needs primary.key.fields: the value fields that form the key.");
        }
        if (connection.privateKey() != null && connection.password() != null) {
            problems.put(SNOWFLAKE_PRIVATE_KEY, "Set either snowflake.private.key (key-pair authentication) or connection.password,"
                    + " not both.");
        }
        if (connection.privateKeyPassphrase() != null && connection.privateKey() == null) {
            problems.put(SNOWFLAKE_PRIVATE_KEY_PASSPHRASE, "snowflake.private.key.passphrase is set but snowflake.private.key is not.");
        }
        if (retryBackoffMaxMs < retryBackoffMs) {
            problems.put(RETRY_BACKOFF_MAX_MS, "retry.backoff.max.ms must not be smaller than retry.backoff.ms.");
        }
        return problems;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String value) {
        return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    }

    /** One of the enum's names in lower case (any case accepted), documented in the case users write. */
    private static ConfigDef.Validator enumValidator(Enum<?>[] values) {
        List<String> names = Arrays.stream(values).map(value -> value.name().toLowerCase(Locale.ROOT)).toList();
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value == null || !names.contains(value.toString().trim().toLowerCase(Locale.ROOT))) {
                    throw new ConfigException(name, value, "Must be one of: " + String.join(", ", names) + ".");
                }
            }

            @Override
            public String toString() {
                return String.join(", ", names);
            }
        };
    }

    private static ConfigDef.Recommender enumRecommender(Enum<?>[] values) {
        List<Object> names = Arrays.stream(values).map(value -> (Object) value.name().toLowerCase(Locale.ROOT)).toList();
        return new ConfigDef.Recommender() {
            @Override
            public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
                return names;
            }

            @Override
            public boolean visible(String name, Map<String, Object> parsedConfig) {
                return true;
            }
        };
    }

    /** The installed dialects, or empty. */
    private static final class DialectValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String dialect = value == null ? "" : value.toString().trim();
            Dialects installed = Dialects.installed();
            if (!dialect.isEmpty() && installed.named(dialect).isEmpty()) {
                throw new ConfigException(name, value, "Unknown dialect. Installed dialects: " + String.join(", ", installed.names())
                        + " (or leave it empty to choose by connection.url).");
            }
        }

        @Override
        public String toString() {
            return "empty, or one of: " + String.join(", ", Dialects.installed().names());
        }
    }

    private static final class DialectRecommender implements ConfigDef.Recommender {
        @Override
        public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
            return List.copyOf(Dialects.installed().names());
        }

        @Override
        public boolean visible(String name, Map<String, Object> parsedConfig) {
            return true;
        }
    }

    private static final class TableNameFormatValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String problem = TableNaming.problemWith(value == null ? null : value.toString());
            if (problem != null) {
                throw new ConfigException(name, value, problem);
            }
        }

        @Override
        public String toString() {
            return "text with ${topic} and ${topic.last} placeholders";
        }
    }

    /** The rules for turning records into rows. */
    public ConversionRules conversionRules() {
        return new ConversionRules(primaryKeyMode, primaryKeyFields, versionField, writeMode, deleteMode, identifierCase,
                metadataColumns());
    }

    public MetadataColumns metadataColumns() {
        return MetadataColumns.spelled(identifierCase);
    }

    public String connectorName() {
        return connectorName;
    }

    public ConnectionSettings connection() {
        return connection;
    }

    /** The dialect option; empty means: choose by URL. */
    public String dialect() {
        return dialect;
    }

    public String tableNameFormat() {
        return tableNameFormat;
    }

    /** Schema of the target tables, or null for the session's current schema. */
    public String tableSchema() {
        return tableSchema;
    }

    public IdentifierCase identifierCase() {
        return identifierCase;
    }

    public boolean autoCreate() {
        return autoCreate;
    }

    public boolean autoEvolve() {
        return autoEvolve;
    }

    public WriteMode writeMode() {
        return writeMode;
    }

    public DeleteMode deleteMode() {
        return deleteMode;
    }

    public PrimaryKeyMode primaryKeyMode() {
        return primaryKeyMode;
    }

    public int bufferCountRecords() {
        return bufferCountRecords;
    }

    public long bufferSizeBytes() {
        return bufferSizeBytes;
    }

    public long bufferFlushTimeMs() {
        return bufferFlushTimeMs;
    }

    /** Sealed flushes a writer thread may hold; 0 when put() writes them itself. */
    public int flushPipelineDepth() {
        return flushPipelineDepth;
    }

    public int flushParallelTables() {
        return flushParallelTables;
    }

    public long unassignedWarnMs() {
        return unassignedWarnMs;
    }

    public int maxRetries() {
        return maxRetries;
    }

    public long retryBackoffMs() {
        return retryBackoffMs;
    }

    public long retryBackoffMaxMs() {
        return retryBackoffMaxMs;
    }
}
