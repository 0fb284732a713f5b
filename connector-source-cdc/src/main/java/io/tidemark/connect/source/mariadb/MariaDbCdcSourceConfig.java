package io.tidemark.connect.source.mariadb;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import io.tidemark.connect.source.config.DebeziumProperties;
import io.tidemark.connect.source.config.SourceOptionValidators;

/**
 * The options of the MariaDB/MySQL CDC source connector: the {@link #CONFIG_DEF} users see through
 * Connect's REST API (and the README's generated option table), parsed once into this typed,
 * immutable object. {@link MariaDbDebeziumProperties} turns it into the configuration of the
 * Debezium MySQL task that runs inside ours.
 */
public final class MariaDbCdcSourceConfig {

    public static final String OVERVIEW_DOC = "Captures row changes of MariaDB (and MySQL) tables from the "
            + "binary log with Debezium's MySQL connector running inside the task, and emits them in the "
            + "Tidemark change-event contract: one topic per table (<topic.prefix>.<database>.<table>), the "
            + "primary key as the record key, the flat row plus __op, __source_ts_ms, __position and "
            + "__deleted as the value, a tombstone after each delete. Options of Debezium's connector that "
            + "Tidemark does not set itself can be passed with the prefix '"
            + DebeziumProperties.PASS_THROUGH_PREFIX + "'.";

    public static final String HOSTNAME = "database.hostname";
    public static final String PORT = "database.port";
    public static final String USER = "database.user";
    public static final String PASSWORD = "database.password";
    public static final String SSL_MODE = "database.ssl.mode";
    public static final String SERVER_ID = "database.server.id";

    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String DATABASE_INCLUDE_LIST = "database.include.list";
    public static final String DATABASE_EXCLUDE_LIST = "database.exclude.list";
    public static final String TABLE_INCLUDE_LIST = "table.include.list";
    public static final String TABLE_EXCLUDE_LIST = "table.exclude.list";
    public static final String MESSAGE_KEY_COLUMNS = "message.key.columns";
    public static final String SNAPSHOT_MODE = "snapshot.mode";
    public static final String SNAPSHOT_LOCKING_MODE = "snapshot.locking.mode";

    public static final String SCHEMA_HISTORY_BOOTSTRAP_SERVERS = "schema.history.kafka.bootstrap.servers";
    public static final String SCHEMA_HISTORY_TOPIC = "schema.history.kafka.topic";
    public static final String HEARTBEAT_INTERVAL_MS = "heartbeat.interval.ms";
    public static final String TOMBSTONES_ON_DELETE = "tombstones.on.delete";

    /** Debezium's option naming the schema history implementation; set it to keep the history elsewhere. */
    static final String SCHEMA_HISTORY_CLASS = "schema.history.internal";
    static final String KAFKA_SCHEMA_HISTORY = "io.debezium.storage.kafka.history.KafkaSchemaHistory";
    /** Set by Connect on every connector configuration. */
    static final String CONNECTOR_NAME = "name";

    private static final String GROUP_CONNECTION = "Connection";
    private static final String GROUP_CAPTURE = "Capture";
    private static final String GROUP_BINLOG = "Binlog";
    private static final String GROUP_EVENTS = "Events";
    private static final String TABLE = "<database>.<table>";

    /** What the connector reads before it streams: Debezium's values, which these names keep. */
    enum SnapshotMode {
        INITIAL, WHEN_NEEDED, NO_DATA;

        String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the snapshot locks tables: Debezium's values. */
    enum LockingMode {
        MINIMAL, NONE;

        String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(HOSTNAME, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Host name or IP address of the MariaDB or MySQL server whose binary log "
                            + "is read (the primary, or a replica with log_slave_updates).",
                    GROUP_CONNECTION, 1, Width.LONG, "Host")
            .define(PORT, Type.INT, 3306, ConfigDef.Range.between(1, 65535), Importance.HIGH,
                    "TCP port of the server.", GROUP_CONNECTION, 2, Width.SHORT, "Port")
            .define(USER, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Database user. It needs REPLICATION SLAVE and REPLICATION CLIENT (MariaDB "
                            + "10.5+: BINLOG MONITOR) on *.*, SELECT on the captured tables, and for "
                            + "snapshot.locking.mode=minimal RELOAD (or else LOCK TABLES).",
                    GROUP_CONNECTION, 3, Width.MEDIUM, "User")
            .define(PASSWORD, Type.PASSWORD, null, null, Importance.HIGH,
                    "Password of the database user. Prefer a config provider reference such as "
                            + "${file:/etc/tidemark/secrets.properties:mariadb.password} to a literal.",
                    GROUP_CONNECTION, 4, Width.MEDIUM, "Password")
            .define(SSL_MODE, Type.STRING, "preferred",
                    ConfigDef.CaseInsensitiveValidString.in("disabled", "preferred", "required", "verify_ca",
                            "verify_identity"),
                    Importance.MEDIUM, "Whether and how to use TLS to the server: disabled, preferred, required, "
                            + "verify_ca (check the server certificate against the trust store given with "
                            + "debezium.database.ssl.truststore) or verify_identity (also check the host name).",
                    GROUP_CONNECTION, 5, Width.SHORT, "SSL mode")
            .define(SERVER_ID, Type.LONG, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Range.between(1, 4294967295L),
                    Importance.HIGH, "Server id under which the connector reads the binary log, as a replica "
                            + "does. It must differ from the server's own server_id and from every other "
                            + "replica's and connector's of the same server (two readers with one id "
                            + "disconnect each other); pick one per connector from a range you reserve, "
                            + "such as 184000-184999.",
                    GROUP_CONNECTION, 6, Width.SHORT, "Server id")

            .define(TOPIC_PREFIX, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, SourceOptionValidators.topicPrefix(),
                    Importance.HIGH, "First part of every topic name: changes of table D.T go to "
                            + "<topic.prefix>.D.T. Also names this source in Debezium's offsets, schema "
                            + "history and metrics, so it must be unique per captured server and must not "
                            + "change once the connector ran.",
                    GROUP_CAPTURE, 1, Width.MEDIUM, "Topic prefix")
            .define(DATABASE_INCLUDE_LIST, Type.STRING, "", SourceOptionValidators.regexList("database names"),
                    Importance.HIGH, "Comma-separated regular expressions matched against database names; "
                            + "only matching databases are captured. Empty: every database except the "
                            + "system ones.",
                    GROUP_CAPTURE, 2, Width.LONG, "Databases to capture")
            .define(DATABASE_EXCLUDE_LIST, Type.STRING, "", SourceOptionValidators.regexList("database names"),
                    Importance.MEDIUM, "Comma-separated regular expressions matched against database names; "
                            + "matching databases are not captured. Use either this or "
                            + DATABASE_INCLUDE_LIST + ".",
                    GROUP_CAPTURE, 3, Width.LONG, "Databases to skip")
            .define(TABLE_INCLUDE_LIST, Type.STRING, "", SourceOptionValidators.regexList(TABLE), Importance.HIGH,
                    "Comma-separated regular expressions matched against database.table; only matching "
                            + "tables are captured. Empty: every table of the captured databases.",
                    GROUP_CAPTURE, 4, Width.LONG, "Tables to capture")
            .define(TABLE_EXCLUDE_LIST, Type.STRING, "", SourceOptionValidators.regexList(TABLE),
                    Importance.MEDIUM, "Comma-separated regular expressions matched against database.table; "
                            + "matching tables are not captured. Use either this or " + TABLE_INCLUDE_LIST + ".",
                    GROUP_CAPTURE, 5, Width.LONG, "Tables to skip")
            .define(MESSAGE_KEY_COLUMNS, Type.STRING, null, SourceOptionValidators.keyColumns(TABLE),
                    Importance.MEDIUM, "Key columns for tables without a primary key (or to override it), as "
                            + "'<database>.<table>:<column>[,<column>...]' entries separated by ';' (the table "
                            + "part is a regular expression). A captured table with neither a primary key "
                            + "nor an entry here is refused: the connector never emits a keyless topic.",
                    GROUP_CAPTURE, 6, Width.LONG, "Key columns")
            .define(SNAPSHOT_MODE, Type.STRING, SnapshotMode.INITIAL.value(),
                    ConfigDef.CaseInsensitiveValidString.in(values(SnapshotMode.values())), Importance.MEDIUM,
                    "What to read before streaming changes. initial: the existing rows of every captured "
                            + "table once, when no offset is stored; when_needed: like initial, and again if "
                            + "the stored binlog position is no longer on the server; no_data: only the "
                            + "table definitions, then stream changes from the current binlog position.",
                    GROUP_CAPTURE, 7, Width.SHORT, "Snapshot mode")
            .define(SNAPSHOT_LOCKING_MODE, Type.STRING, LockingMode.MINIMAL.value(),
                    ConfigDef.CaseInsensitiveValidString.in(values(LockingMode.values())), Importance.LOW,
                    "minimal: the snapshot holds a global read lock (FLUSH TABLES WITH READ LOCK, which "
                            + "needs RELOAD; without it, LOCK TABLES on the captured tables) only while it "
                            + "reads the binlog position and the table definitions, then reads the rows in "
                            + "a consistent transaction. none: no lock; only safe when no DDL runs during the "
                            + "snapshot.",
                    GROUP_CAPTURE, 8, Width.SHORT, "Snapshot locking")

            .define(SCHEMA_HISTORY_BOOTSTRAP_SERVERS, Type.STRING, null, null, Importance.HIGH,
                    "Kafka brokers of the schema history topic, normally the worker's own bootstrap.servers. "
                            + "Debezium's MySQL connector records every table definition it reads there and "
                            + "reads it back at each start, to decode binlog rows written before later DDL. "
                            + "Required unless debezium.schema.history.internal names another history store.",
                    GROUP_BINLOG, 1, Width.LONG, "Schema history brokers")
            .define(SCHEMA_HISTORY_TOPIC, Type.STRING, null, null, Importance.MEDIUM,
                    "Schema history topic. It must have one partition and infinite retention "
                            + "(retention.ms=-1, no compaction): a lost entry makes the connector unable to "
                            + "start. Empty: __tidemark-schema-history.<topic.prefix>, created by the "
                            + "connector with those settings when the brokers allow topic creation.",
                    GROUP_BINLOG, 2, Width.LONG, "Schema history topic")
            .define(HEARTBEAT_INTERVAL_MS, Type.LONG, 60_000L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                    "Interval of heartbeat records (topic __debezium-heartbeat.<topic.prefix>). A heartbeat "
                            + "commits the binlog position read so far, so a connector that captures quiet "
                            + "tables on a busy server does not restart from a position the server may "
                            + "already have purged. 0 disables heartbeats.",
                    GROUP_BINLOG, 3, Width.SHORT, "Heartbeat interval (ms)")

            .define(TOMBSTONES_ON_DELETE, Type.BOOLEAN, true, null, Importance.MEDIUM,
                    "Follow each delete with a tombstone (same key, null value), so log compaction "
                            + "removes deleted rows from the topic.",
                    GROUP_EVENTS, 1, Width.SHORT, "Tombstones after deletes");

    private final String hostname;
    private final int port;
    private final String user;
    private final Password password;
    private final String sslMode;
    private final long serverId;
    private final String topicPrefix;
    private final String databaseIncludeList;
    private final String databaseExcludeList;
    private final String tableIncludeList;
    private final String tableExcludeList;
    private final String messageKeyColumns;
    private final SnapshotMode snapshotMode;
    private final LockingMode lockingMode;
    private final String schemaHistoryBootstrapServers;
    private final String schemaHistoryTopic;
    private final long heartbeatIntervalMs;
    private final boolean tombstonesOnDelete;
    private final String connectorName;
    private final Map<String, String> debeziumPassThrough;

    /**
     * Parses and validates the connector configuration.
     *
     * @throws ConfigException when an option is missing or invalid
     */
    public MariaDbCdcSourceConfig(Map<String, String> props) {
        this(props, true);
    }

    private MariaDbCdcSourceConfig(Map<String, String> props, boolean enforceCrossOptionRules) {
        AbstractConfig parsed = new AbstractConfig(CONFIG_DEF, props, false);
        hostname = parsed.getString(HOSTNAME);
        port = parsed.getInt(PORT);
        user = parsed.getString(USER);
        password = parsed.getPassword(PASSWORD);
        sslMode = parsed.getString(SSL_MODE).toLowerCase(Locale.ROOT);
        serverId = parsed.getLong(SERVER_ID);
        topicPrefix = parsed.getString(TOPIC_PREFIX);
        databaseIncludeList = parsed.getString(DATABASE_INCLUDE_LIST).trim();
        databaseExcludeList = parsed.getString(DATABASE_EXCLUDE_LIST).trim();
        tableIncludeList = parsed.getString(TABLE_INCLUDE_LIST).trim();
        tableExcludeList = parsed.getString(TABLE_EXCLUDE_LIST).trim();
        messageKeyColumns = blankToNull(parsed.getString(MESSAGE_KEY_COLUMNS));
        snapshotMode = SnapshotMode.valueOf(parsed.getString(SNAPSHOT_MODE).trim().toUpperCase(Locale.ROOT));
        lockingMode = LockingMode.valueOf(parsed.getString(SNAPSHOT_LOCKING_MODE).trim().toUpperCase(Locale.ROOT));
        schemaHistoryBootstrapServers = blankToNull(parsed.getString(SCHEMA_HISTORY_BOOTSTRAP_SERVERS));
        String topic = blankToNull(parsed.getString(SCHEMA_HISTORY_TOPIC));
        schemaHistoryTopic = topic == null ? "__tidemark-schema-history." + topicPrefix : topic;
        heartbeatIntervalMs = parsed.getLong(HEARTBEAT_INTERVAL_MS);
        tombstonesOnDelete = parsed.getBoolean(TOMBSTONES_ON_DELETE);
        connectorName = props.getOrDefault(CONNECTOR_NAME, topicPrefix);
        debeziumPassThrough = parsed.originalsWithPrefix(DebeziumProperties.PASS_THROUGH_PREFIX).entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
        Map<String, String> problems = enforceCrossOptionRules ? crossOptionProblems() : Map.of();
        if (!problems.isEmpty()) {
            Map.Entry<String, String> first = problems.entrySet().iterator().next();
            throw new ConfigException(first.getKey() + ": " + first.getValue());
        }
    }

    /**
     * Rules that involve several options or the Debezium pass-through: option name to message. Call it
     * on a map whose single options are valid.
     */
    public static Map<String, String> crossOptionProblems(Map<String, String> props) {
        return new MariaDbCdcSourceConfig(props, false).crossOptionProblems();
    }

    private Map<String, String> crossOptionProblems() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (!databaseIncludeList.isEmpty() && !databaseExcludeList.isEmpty()) {
            problems.put(DATABASE_EXCLUDE_LIST, "Set either " + DATABASE_INCLUDE_LIST + " or "
                    + DATABASE_EXCLUDE_LIST + ", not both");
        }
        if (!tableIncludeList.isEmpty() && !tableExcludeList.isEmpty()) {
            problems.put(TABLE_EXCLUDE_LIST, "Set either " + TABLE_INCLUDE_LIST + " or " + TABLE_EXCLUDE_LIST
                    + ", not both");
        }
        if (schemaHistoryInKafka() && schemaHistoryBootstrapServers == null) {
            problems.put(SCHEMA_HISTORY_BOOTSTRAP_SERVERS, "Set the Kafka brokers of the schema history topic "
                    + "(normally the worker's bootstrap.servers), or name another history store with "
                    + DebeziumProperties.PASS_THROUGH_PREFIX + SCHEMA_HISTORY_CLASS);
        }
        problems.putAll(MariaDbDebeziumProperties.passThroughProblems(debeziumPassThrough));
        return problems;
    }

    /** Whether Debezium keeps the schema history in Kafka (its default) rather than a store the user named. */
    boolean schemaHistoryInKafka() {
        String store = debeziumPassThrough.get(SCHEMA_HISTORY_CLASS);
        return store == null || store.isBlank() || KAFKA_SCHEMA_HISTORY.equals(store.trim());
    }

    public String hostname() {
        return hostname;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public Optional<Password> password() {
        return Optional.ofNullable(password);
    }

    public String sslMode() {
        return sslMode;
    }

    public long serverId() {
        return serverId;
    }

    public String topicPrefix() {
        return topicPrefix;
    }

    public String databaseIncludeList() {
        return databaseIncludeList;
    }

    public String databaseExcludeList() {
        return databaseExcludeList;
    }

    public String tableIncludeList() {
        return tableIncludeList;
    }

    public String tableExcludeList() {
        return tableExcludeList;
    }

    public Optional<String> messageKeyColumns() {
        return Optional.ofNullable(messageKeyColumns);
    }

    SnapshotMode snapshotMode() {
        return snapshotMode;
    }

    LockingMode lockingMode() {
        return lockingMode;
    }

    /** Empty when the history is kept in a store named through the pass-through. */
    public Optional<String> schemaHistoryBootstrapServers() {
        return Optional.ofNullable(schemaHistoryBootstrapServers);
    }

    public String schemaHistoryTopic() {
        return schemaHistoryTopic;
    }

    public long heartbeatIntervalMs() {
        return heartbeatIntervalMs;
    }

    public boolean tombstonesOnDelete() {
        return tombstonesOnDelete;
    }

    public String connectorName() {
        return connectorName;
    }

    /** Options given with the {@code debezium.} prefix, the prefix removed. */
    public Map<String, String> debeziumPassThrough() {
        return debeziumPassThrough;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String[] values(Enum<?>[] constants) {
        return Arrays.stream(constants).map(constant -> constant.name().toLowerCase(Locale.ROOT))
                .toArray(String[]::new);
    }
}
