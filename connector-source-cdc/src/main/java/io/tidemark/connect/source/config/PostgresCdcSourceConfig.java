package io.tidemark.connect.source.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
/**
 * The options of the PostgreSQL CDC source connector: the {@link #CONFIG_DEF} users see through
 * Connect's REST API (and the README's generated option table), parsed once into this typed,
 * immutable object. Nothing else reads the raw map; {@link DebeziumProperties} turns this object
 * into the configuration of the Debezium task that runs inside ours.
 */
public final class PostgresCdcSourceConfig {

    public static final String OVERVIEW_DOC = "Captures row changes of PostgreSQL tables through logical "
            + "replication (pgoutput) with Debezium's PostgreSQL connector running inside the task, and "
            + "emits them in the Tidemark change-event contract: one topic per table "
            + "(<topic.prefix>.<schema>.<table>), the primary key as the record key, the flat row plus "
            + "__op, __source_ts_ms, __position and __deleted as the value, a tombstone after each delete. "
            + "Options of Debezium's connector that Tidemark does not set itself can be passed with the "
            + "prefix '" + DebeziumProperties.PASS_THROUGH_PREFIX + "'.";

    public static final String HOSTNAME = "database.hostname";
    public static final String PORT = "database.port";
    public static final String DATABASE = "database.dbname";
    public static final String USER = "database.user";
    public static final String PASSWORD = "database.password";
    public static final String SSL_MODE = "database.sslmode";
    public static final String SSL_ROOT_CERT = "database.sslrootcert";

    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String TABLE_INCLUDE_LIST = "table.include.list";
    public static final String TABLE_EXCLUDE_LIST = "table.exclude.list";
    public static final String MESSAGE_KEY_COLUMNS = "message.key.columns";
    public static final String SNAPSHOT_MODE = "snapshot.mode";
    public static final String SIGNAL_DATA_COLLECTION = "signal.data.collection";

    public static final String SLOT_NAME = "slot.name";
    public static final String PUBLICATION_NAME = "publication.name";
    public static final String PUBLICATION_AUTOCREATE_MODE = "publication.autocreate.mode";
    public static final String HEARTBEAT_INTERVAL_MS = "heartbeat.interval.ms";
    public static final String HEARTBEAT_WAL_MESSAGE = "heartbeat.wal.message";

    public static final String TOMBSTONES_ON_DELETE = "tombstones.on.delete";
    public static final String ARRAY_HANDLING_MODE = "array.handling.mode";
    public static final String ARRAYS_AS_TEXT = "text";
    public static final String ARRAYS_AS_DEBEZIUM = "debezium";

    /** Set by Connect on every connector configuration; names the connector in Debezium's metrics. */
    static final String CONNECTOR_NAME = "name";

    private static final String GROUP_CONNECTION = "Connection";
    private static final String GROUP_CAPTURE = "Capture";
    private static final String GROUP_REPLICATION = "Replication";
    private static final String GROUP_EVENTS = "Events";

    /** PostgreSQL's own rule for replication slot names. */
    private static final ConfigDef.Validator SLOT_NAME_VALIDATOR = SourceOptionValidators.matching(
            Pattern.compile("[a-z0-9_]{1,63}"), "PostgreSQL slot names are 1 to 63 characters of lower-case letters, "
                    + "digits and underscores", "1-63 characters of [a-z0-9_]");
    private static final ConfigDef.Validator TABLE_LIST = SourceOptionValidators.regexList("<schema>.<table>");
    private static final ConfigDef.Validator KEY_COLUMNS = SourceOptionValidators.keyColumns("<schema>.<table>");

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(HOSTNAME, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Host name or IP address of the PostgreSQL server (the primary: logical "
                            + "replication slots live there).",
                    GROUP_CONNECTION, 1, Width.LONG, "Host")
            .define(PORT, Type.INT, 5432, ConfigDef.Range.between(1, 65535), Importance.HIGH,
                    "TCP port of the PostgreSQL server.", GROUP_CONNECTION, 2, Width.SHORT, "Port")
            .define(DATABASE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Name of the database whose tables are captured. One connector "
                            + "captures one database.",
                    GROUP_CONNECTION, 3, Width.MEDIUM, "Database")
            .define(USER, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Database user. It needs the REPLICATION attribute (or superuser), "
                            + "SELECT on the captured tables, and either CREATE on the database plus "
                            + "ownership of the captured tables (so the connector can create the "
                            + "publication) or an existing publication named by publication.name.",
                    GROUP_CONNECTION, 4, Width.MEDIUM, "User")
            .define(PASSWORD, Type.PASSWORD, null, null, Importance.HIGH,
                    "Password of the database user. Prefer a config provider reference such as "
                            + "${file:/etc/tidemark/secrets.properties:postgres.password} to a literal.",
                    GROUP_CONNECTION, 5, Width.MEDIUM, "Password")
            .define(SSL_MODE, Type.STRING, "prefer",
                    ConfigDef.CaseInsensitiveValidString.in("disable", "allow", "prefer", "require",
                            "verify-ca", "verify-full"),
                    Importance.MEDIUM, "Whether and how to use TLS to the server, as PostgreSQL's sslmode: "
                            + "disable, allow, prefer, require, verify-ca (check the server certificate "
                            + "against database.sslrootcert) or verify-full (also check the host name).",
                    GROUP_CONNECTION, 6, Width.SHORT, "SSL mode")
            .define(SSL_ROOT_CERT, Type.STRING, null, null, Importance.LOW,
                    "Path, on the Connect worker, of the file with the certificate authorities that "
                            + "verify-ca and verify-full trust. Empty: the PostgreSQL driver's default "
                            + "(~/.postgresql/root.crt).",
                    GROUP_CONNECTION, 7, Width.LONG, "SSL root certificate")

            .define(TOPIC_PREFIX, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, SourceOptionValidators.topicPrefix(),
                    Importance.HIGH, "First part of every topic name: changes of table S.T go to "
                            + "<topic.prefix>.S.T. Also names this source in Debezium's offsets and "
                            + "metrics, so it must be unique per captured database and must not change "
                            + "once the connector ran (offsets are stored under it).",
                    GROUP_CAPTURE, 1, Width.MEDIUM, "Topic prefix")
            .define(TABLE_INCLUDE_LIST, Type.STRING, "", TABLE_LIST, Importance.HIGH,
                    "Comma-separated regular expressions matched against schema.table; only matching "
                            + "tables are captured. Empty: every table outside the system schemas.",
                    GROUP_CAPTURE, 2, Width.LONG, "Tables to capture")
            .define(TABLE_EXCLUDE_LIST, Type.STRING, "", TABLE_LIST, Importance.MEDIUM,
                    "Comma-separated regular expressions matched against schema.table; matching tables "
                            + "are not captured. Use either this or " + TABLE_INCLUDE_LIST + ".",
                    GROUP_CAPTURE, 3, Width.LONG, "Tables to skip")
            .define(MESSAGE_KEY_COLUMNS, Type.STRING, null, KEY_COLUMNS, Importance.MEDIUM,
                    "Key columns for tables without a primary key (or to override it), as "
                            + "'<schema>.<table>:<column>[,<column>...]' entries separated by ';' (the table "
                            + "part is a regular expression). A captured table with neither a primary key "
                            + "nor an entry here is refused: the connector never emits a keyless topic.",
                    GROUP_CAPTURE, 4, Width.LONG, "Key columns")
            .define(SNAPSHOT_MODE, Type.STRING, SnapshotMode.INITIAL.configValue(),
                    ConfigDef.CaseInsensitiveValidString.in(SnapshotMode.configValues()), Importance.MEDIUM,
                    "What to read before streaming changes. initial: the existing rows of every captured "
                            + "table once, when no offset is stored; when_needed: like initial, and again "
                            + "if the stored position is no longer available on the server; no_data: no "
                            + "rows, stream changes from now on (or from the slot's position when the slot "
                            + "already exists); never: same as no_data (the name older Debezium versions "
                            + "used).",
                    GROUP_CAPTURE, 5, Width.SHORT, "Snapshot mode")
            .define(SIGNAL_DATA_COLLECTION, Type.STRING, null, signalTableValidator(), Importance.LOW,
                    "Signal table, as <schema>.<table>, through which incremental snapshots are started "
                            + "(for example of a table added to " + TABLE_INCLUDE_LIST + " later). "
                            + "The connector adds it to the publication. Empty: no signals.",
                    GROUP_CAPTURE, 6, Width.MEDIUM, "Signal table")

            .define(SLOT_NAME, Type.STRING, "tidemark", SLOT_NAME_VALIDATOR, Importance.MEDIUM,
                    "Logical replication slot the connector creates (if missing) and reads. Use one "
                            + "slot per connector. The slot's confirmed position only moves after Connect "
                            + "committed the offsets of the changes before it.",
                    GROUP_REPLICATION, 1, Width.MEDIUM, "Replication slot")
            .define(PUBLICATION_NAME, Type.STRING, "tidemark", new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM, "Publication that defines which tables the slot streams.",
                    GROUP_REPLICATION, 2, Width.MEDIUM, "Publication")
            .define(PUBLICATION_AUTOCREATE_MODE, Type.STRING, PublicationMode.FILTERED.configValue(),
                    ConfigDef.CaseInsensitiveValidString.in(PublicationMode.configValues()), Importance.LOW,
                    "filtered: the connector creates the publication for exactly the captured tables "
                            + "and keeps it in step when the table lists change (the user must own those "
                            + "tables); disabled: the publication must exist, created by a database "
                            + "administrator.",
                    GROUP_REPLICATION, 3, Width.SHORT, "Publication creation")
            .define(HEARTBEAT_INTERVAL_MS, Type.LONG, 60_000L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                    "Interval of heartbeat records (topic __debezium-heartbeat.<topic.prefix>). A "
                            + "heartbeat commits the position of the last change the connector received, "
                            + "so the slot frees the WAL before it. 0 disables heartbeats.",
                    GROUP_REPLICATION, 4, Width.SHORT, "Heartbeat interval (ms)")
            .define(HEARTBEAT_WAL_MESSAGE, Type.BOOLEAN, true, null, Importance.LOW,
                    "With each heartbeat, write a non-transactional logical decoding message "
                            + "(pg_logical_emit_message, prefix 'tidemark-heartbeat'; no record is emitted "
                            + "for it). From PostgreSQL 15 on, the connector receives nothing for "
                            + "transactions that change only tables it does not capture, so without this "
                            + "message an idle captured table keeps the slot, and the server's WAL, at its "
                            + "last change. Set false where the connector cannot write (logical decoding on "
                            + "a read-only standby); a debezium.heartbeat.action.query of your own replaces it.",
                    GROUP_REPLICATION, 5, Width.SHORT, "Heartbeat WAL message")

            .define(TOMBSTONES_ON_DELETE, Type.BOOLEAN, true, null, Importance.MEDIUM,
                    "Follow each delete with a tombstone (same key, null value), so log compaction "
                            + "removes deleted rows from the topic.",
                    GROUP_EVENTS, 1, Width.SHORT, "Tombstones after deletes")
            .define(ARRAY_HANDLING_MODE, Type.STRING, ARRAYS_AS_TEXT,
                    ConfigDef.CaseInsensitiveValidString.in(ARRAYS_AS_TEXT, ARRAYS_AS_DEBEZIUM), Importance.LOW,
                    "How array columns are sent. text: PostgreSQL's text of the array ({1,NULL,3}, "
                            + "{{1,2},{3,4}}), a string named io.tidemark.data.PostgresText with the array type in "
                            + "parameter tidemark.source.type (integer[]); exact for every element type and "
                            + "dimension, and a PostgreSQL warehouse stores it as that array type. debezium: "
                            + "Debezium's Connect arrays, which hold dates as day numbers, lose numeric[] "
                            + "values holding NaN and do not read multi-dimensional arrays.",
                    GROUP_EVENTS, 2, Width.SHORT, "Array handling");

    private final String hostname;
    private final int port;
    private final String database;
    private final String user;
    private final Password password;
    private final String sslMode;
    private final String sslRootCert;
    private final String topicPrefix;
    private final String tableIncludeList;
    private final String tableExcludeList;
    private final String messageKeyColumns;
    private final SnapshotMode snapshotMode;
    private final String signalDataCollection;
    private final String slotName;
    private final String publicationName;
    private final PublicationMode publicationMode;
    private final long heartbeatIntervalMs;
    private final boolean heartbeatWalMessage;
    private final boolean tombstonesOnDelete;
    private final boolean arraysAsText;
    private final String connectorName;
    private final Map<String, String> debeziumPassThrough;

    /**
     * Parses and validates the connector configuration.
     *
     * @throws ConfigException when an option is missing or invalid
     */
    public PostgresCdcSourceConfig(Map<String, String> props) {
        this(props, true);
    }

    private PostgresCdcSourceConfig(Map<String, String> props, boolean enforceCrossOptionRules) {
        AbstractConfig parsed = new AbstractConfig(CONFIG_DEF, props, false);
        hostname = parsed.getString(HOSTNAME);
        port = parsed.getInt(PORT);
        database = parsed.getString(DATABASE);
        user = parsed.getString(USER);
        password = parsed.getPassword(PASSWORD);
        sslMode = parsed.getString(SSL_MODE).toLowerCase(Locale.ROOT);
        sslRootCert = blankToNull(parsed.getString(SSL_ROOT_CERT));
        topicPrefix = parsed.getString(TOPIC_PREFIX);
        tableIncludeList = parsed.getString(TABLE_INCLUDE_LIST).trim();
        tableExcludeList = parsed.getString(TABLE_EXCLUDE_LIST).trim();
        messageKeyColumns = blankToNull(parsed.getString(MESSAGE_KEY_COLUMNS));
        snapshotMode = SnapshotMode.of(parsed.getString(SNAPSHOT_MODE));
        signalDataCollection = blankToNull(parsed.getString(SIGNAL_DATA_COLLECTION));
        slotName = parsed.getString(SLOT_NAME);
        publicationName = parsed.getString(PUBLICATION_NAME);
        publicationMode = PublicationMode.of(parsed.getString(PUBLICATION_AUTOCREATE_MODE));
        heartbeatIntervalMs = parsed.getLong(HEARTBEAT_INTERVAL_MS);
        heartbeatWalMessage = parsed.getBoolean(HEARTBEAT_WAL_MESSAGE);
        tombstonesOnDelete = parsed.getBoolean(TOMBSTONES_ON_DELETE);
        arraysAsText = ARRAYS_AS_TEXT.equalsIgnoreCase(parsed.getString(ARRAY_HANDLING_MODE));
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
     * Rules that involve several options or the Debezium pass-through, which the single-value
     * validators of {@link #CONFIG_DEF} cannot express: option name to message. Call it on a map
     * whose single options are valid.
     */
    public static Map<String, String> crossOptionProblems(Map<String, String> props) {
        return new PostgresCdcSourceConfig(props, false).crossOptionProblems();
    }

    private Map<String, String> crossOptionProblems() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (!tableIncludeList.isEmpty() && !tableExcludeList.isEmpty()) {
            problems.put(TABLE_EXCLUDE_LIST, "Set either " + TABLE_INCLUDE_LIST + " or " + TABLE_EXCLUDE_LIST
                    + ", not both");
        }
        problems.putAll(DebeziumProperties.passThroughProblems(debeziumPassThrough));
        return problems;
    }

    public String hostname() {
        return hostname;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    /** The password, or empty when none is configured (trust or certificate authentication). */
    public Optional<Password> password() {
        return Optional.ofNullable(password);
    }

    public String sslMode() {
        return sslMode;
    }

    public Optional<String> sslRootCert() {
        return Optional.ofNullable(sslRootCert);
    }

    public String topicPrefix() {
        return topicPrefix;
    }

    /** Debezium's syntax: comma-separated regular expressions; empty for none. */
    public String tableIncludeList() {
        return tableIncludeList;
    }

    /** Debezium's syntax: comma-separated regular expressions; empty for none. */
    public String tableExcludeList() {
        return tableExcludeList;
    }

    public Optional<String> messageKeyColumns() {
        return Optional.ofNullable(messageKeyColumns);
    }

    public SnapshotMode snapshotMode() {
        return snapshotMode;
    }

    public Optional<String> signalDataCollection() {
        return Optional.ofNullable(signalDataCollection);
    }

    public String slotName() {
        return slotName;
    }

    public String publicationName() {
        return publicationName;
    }

    public PublicationMode publicationMode() {
        return publicationMode;
    }

    public long heartbeatIntervalMs() {
        return heartbeatIntervalMs;
    }

    public boolean heartbeatWalMessage() {
        return heartbeatWalMessage;
    }

    public boolean tombstonesOnDelete() {
        return tombstonesOnDelete;
    }

    /** Whether array columns are sent as PostgreSQL's text of the array (else as Debezium's Connect arrays). */
    public boolean arraysAsText() {
        return arraysAsText;
    }

    /** The Connect connector name ({@code name}), or the topic prefix when run without one. */
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

    private static ConfigDef.Validator signalTableValidator() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value == null || ((String) value).isBlank()) {
                return;
            }
            String table = ((String) value).trim();
            int dot = table.indexOf('.');
            if (dot <= 0 || dot == table.length() - 1 || table.indexOf('.', dot + 1) >= 0) {
                throw new ConfigException(name, value, "Give the signal table as <schema>.<table>");
            }
        }, () -> "<schema>.<table>");
    }
}
