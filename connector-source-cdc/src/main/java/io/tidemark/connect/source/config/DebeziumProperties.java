package io.tidemark.connect.source.config;

import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.DATABASE;
import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.HEARTBEAT_INTERVAL_MS;
import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.HOSTNAME;
import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.MESSAGE_KEY_COLUMNS;
import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.PASSWORD;
import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.PORT;
import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.PUBLICATION_AUTOCREATE_MODE;
import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.PUBLICATION_NAME;
import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.SIGNAL_DATA_COLLECTION;
import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.SLOT_NAME;
import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.SNAPSHOT_MODE;
import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.SSL_MODE;
import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.SSL_ROOT_CERT;
import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.TABLE_EXCLUDE_LIST;
import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.TABLE_INCLUDE_LIST;
import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.TOMBSTONES_ON_DELETE;
import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.TOPIC_PREFIX;
import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.USER;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.debezium.connector.postgresql.PostgresConnector;
import io.tidemark.connect.source.values.ExactColumnValues;

/**
 * The one place where Tidemark's options become the configuration of Debezium's PostgreSQL task.
 *
 * <p>Options given with the {@link #PASS_THROUGH_PREFIX} reach Debezium unchanged, except the
 * ones listed in {@link #OWNED}: those decide the shape of the change-event contract (names,
 * tombstones, unchanged TOAST values) or have an option of our own, and are refused with a
 * message saying what to set instead.
 */
public final class DebeziumProperties {

    public static final String PASS_THROUGH_PREFIX = "debezium.";

    static final String UNAVAILABLE_VALUE_PLACEHOLDER = "unavailable.value.placeholder";
    private static final String SKIPPED_OPERATIONS = "skipped.operations";
    private static final String CUSTOM_METRIC_TAGS = "custom.metric.tags";
    private static final String CONNECTOR_CLASS = "connector.class";
    private static final String HEARTBEAT_ACTION_QUERY = "heartbeat.action.query";
    private static final String MESSAGE_PREFIX_EXCLUDE_LIST = "message.prefix.exclude.list";
    /** Prefix of the logical decoding message each heartbeat writes; excluded, so it emits no record. */
    static final String HEARTBEAT_MESSAGE_PREFIX = "tidemark-heartbeat";

    private static final String CONVERTERS = "converters";
    private static final String INTERVAL_HANDLING_MODE = "interval.handling.mode";
    private static final String DECIMAL_HANDLING_MODE = "decimal.handling.mode";
    /** The name under which our column converter is registered with Debezium. */
    static final String EXACT_CONVERTER = "tidemark_exact";

    private static final String USE_OWN_OPTION = "set the connector option '%s' instead";
    /** Debezium options Tidemark sets itself, with what to tell a user who passes them through. */
    private static final Map<String, String> OWNED = owned();

    private final Map<String, String> properties;
    private final String unavailableValuePlaceholder;

    private DebeziumProperties(Map<String, String> properties, String unavailableValuePlaceholder) {
        this.properties = Map.copyOf(properties);
        this.unavailableValuePlaceholder = unavailableValuePlaceholder;
    }

    /** Translates the connector configuration into the Debezium task's. */
    public static DebeziumProperties of(PostgresCdcSourceConfig config) {
        // Debezium writes this text where PostgreSQL did not send a TOAST value. Random per start, it
        // cannot be mistaken for data, so the reshaping can tell "not sent" from a value.
        String placeholder = "__tidemark_unchanged_toast_" + UUID.randomUUID();

        Map<String, String> props = new HashMap<>(config.debeziumPassThrough());
        props.put("name", config.connectorName());
        // Debezium picks its per-connector services (snapshot queries, locks) by this class.
        props.put(CONNECTOR_CLASS, PostgresConnector.class.getName());
        props.put("plugin.name", "pgoutput");
        props.put(HOSTNAME, config.hostname());
        props.put(PORT, Integer.toString(config.port()));
        props.put(DATABASE, config.database());
        props.put(USER, config.user());
        config.password().ifPresent(password -> props.put(PASSWORD, password.value()));
        props.put(SSL_MODE, config.sslMode());
        config.sslRootCert().ifPresent(path -> props.put(SSL_ROOT_CERT, path));

        props.put(TOPIC_PREFIX, config.topicPrefix());
        putIfNotEmpty(props, TABLE_INCLUDE_LIST, config.tableIncludeList());
        putIfNotEmpty(props, TABLE_EXCLUDE_LIST, config.tableExcludeList());
        config.messageKeyColumns().ifPresent(columns -> props.put(MESSAGE_KEY_COLUMNS, columns));
        props.put(SNAPSHOT_MODE, config.snapshotMode().debeziumValue());
        config.signalDataCollection().ifPresent(table -> props.put(SIGNAL_DATA_COLLECTION, table));

        props.put(SLOT_NAME, config.slotName());
        props.put(PUBLICATION_NAME, config.publicationName());
        props.put(PUBLICATION_AUTOCREATE_MODE, config.publicationMode().debeziumValue());
        props.put(HEARTBEAT_INTERVAL_MS, Long.toString(config.heartbeatIntervalMs()));
        putHeartbeatMessage(props, config);

        // The reshaping writes tombstones itself, right after the delete it turned into a flat row.
        props.put(TOMBSTONES_ON_DELETE, "false");
        props.put("schema.name.adjustment.mode", "avro");
        props.put("field.name.adjustment.mode", "avro");
        props.put(UNAVAILABLE_VALUE_PLACEHOLDER, placeholder);
        props.put(CUSTOM_METRIC_TAGS, metricTags(config));
        putExactValueHandling(props);
        props.put(EXACT_CONVERTER + "." + ExactColumnValues.ARRAYS_OPTION, Boolean.toString(config.arraysAsText()));
        props.put(EXACT_CONVERTER + "." + ExactColumnValues.PLACEHOLDER_OPTION, placeholder);
        return new DebeziumProperties(props, placeholder);
    }

    /** Pass-through options Tidemark refuses: {@code debezium.<key>} to the reason. */
    static Map<String, String> passThroughProblems(Map<String, String> passThrough) {
        return refusedPassThrough(passThrough, OWNED);
    }

    /**
     * The pass-through options a connector refuses: {@code debezium.<key>} to the reason.
     *
     * @param owned the Debezium options the connector sets itself, each with what to tell the user
     */
    public static Map<String, String> refusedPassThrough(Map<String, String> passThrough, Map<String, String> owned) {
        Map<String, String> problems = new LinkedHashMap<>();
        passThrough.keySet().stream().filter(owned::containsKey).sorted().forEach(key ->
                problems.put(PASS_THROUGH_PREFIX + key, "Debezium's '" + key + "' cannot be passed through: "
                        + owned.get(key) + "."));
        return problems;
    }

    public Map<String, String> asMap() {
        return properties;
    }

    /** What Debezium writes into a column whose value PostgreSQL did not send. */
    public String unavailableValuePlaceholder() {
        return unavailableValuePlaceholder;
    }

    /**
     * Debezium names its MBeans after the topic prefix; the extra tag names the Connect connector,
     * so operators find our connector's metrics by the name they gave it.
     */
    private static String metricTags(PostgresCdcSourceConfig config) {
        String tags = "connector=" + config.connectorName().replace(",", "_").replace("=", "_");
        String userTags = config.debeziumPassThrough().get(CUSTOM_METRIC_TAGS);
        return userTags == null || userTags.isBlank() ? tags : tags + "," + userTags;
    }

    /**
     * pgoutput (PostgreSQL 15+) sends nothing for transactions that touch only unpublished tables, and
     * Debezium moves its position only on what it receives: a heartbeat alone would repeat the last
     * captured change's position forever while the server keeps all WAL after it. A logical decoding
     * message written with each heartbeat is received, so its position can be confirmed.
     */
    private static void putHeartbeatMessage(Map<String, String> props, PostgresCdcSourceConfig config) {
        if (config.heartbeatIntervalMs() == 0 || !config.heartbeatWalMessage() || props.containsKey(HEARTBEAT_ACTION_QUERY)) {
            return;
        }
        props.put(HEARTBEAT_ACTION_QUERY, "SELECT pg_logical_emit_message(false, '" + HEARTBEAT_MESSAGE_PREFIX + "', '')");
        String excluded = props.get(MESSAGE_PREFIX_EXCLUDE_LIST);
        props.put(MESSAGE_PREFIX_EXCLUDE_LIST,
                excluded == null || excluded.isBlank() ? HEARTBEAT_MESSAGE_PREFIX : excluded + "," + HEARTBEAT_MESSAGE_PREFIX);
    }

    /**
     * Values Debezium would drop or alter arrive exactly: our column converter (after any the user
     * configured, which win for the columns they take) handles the types listed in
     * {@link ExactColumnValues}, and intervals are ISO 8601 text unless the user chose otherwise (the
     * numeric default counts a month as 30.4375 days and saturates past 292 000 years).
     */
    private static void putExactValueHandling(Map<String, String> props) {
        String converters = props.get(CONVERTERS);
        props.put(CONVERTERS, converters == null || converters.isBlank() ? EXACT_CONVERTER
                : converters + "," + EXACT_CONVERTER);
        props.put(EXACT_CONVERTER + ".type", ExactColumnValues.class.getName());
        // With decimal.handling.mode double or string the user chose Debezium's numbers, which keep NaN
        // (as NaN or "NaN"); our numeric conversion is for the default, precise.
        props.put(EXACT_CONVERTER + "." + ExactColumnValues.NUMERIC_OPTION,
                Boolean.toString("precise".equalsIgnoreCase(props.getOrDefault(DECIMAL_HANDLING_MODE, "precise"))));
        props.putIfAbsent(INTERVAL_HANDLING_MODE, "string");
        String moneyScale = props.get(ExactColumnValues.MONEY_SCALE_OPTION);
        if (moneyScale != null) {
            props.put(EXACT_CONVERTER + "." + ExactColumnValues.MONEY_SCALE_OPTION, moneyScale);
        }
        // Without it, Debezium leaves columns of types it has no conversion for out of the records.
        props.putIfAbsent("include.unknown.datatypes", "true");
    }

    private static void putIfNotEmpty(Map<String, String> props, String key, String value) {
        if (!value.isEmpty()) {
            props.put(key, value);
        }
    }

    private static Map<String, String> owned() {
        Map<String, String> owned = new HashMap<>();
        for (String key : new String[] {HOSTNAME, PORT, DATABASE, USER, PASSWORD, SSL_MODE, SSL_ROOT_CERT,
                TOPIC_PREFIX, TABLE_INCLUDE_LIST, TABLE_EXCLUDE_LIST, MESSAGE_KEY_COLUMNS, SNAPSHOT_MODE,
                SIGNAL_DATA_COLLECTION, SLOT_NAME, PUBLICATION_NAME, PUBLICATION_AUTOCREATE_MODE,
                HEARTBEAT_INTERVAL_MS, TOMBSTONES_ON_DELETE, PostgresCdcSourceConfig.ARRAY_HANDLING_MODE}) {
            owned.put(key, String.format(USE_OWN_OPTION, key));
        }
        owned.put("plugin.name", "Tidemark always decodes with pgoutput, built into PostgreSQL 10 and later");
        owned.put("schema.name.adjustment.mode", "Tidemark makes every schema name a legal Avro name");
        owned.put("field.name.adjustment.mode", "Tidemark makes every field name a legal Avro name");
        owned.put(UNAVAILABLE_VALUE_PLACEHOLDER, "Tidemark emits unchanged TOAST columns as null and lists "
                + "them in the tidemark.unchanged header");
        owned.put("topic.naming.strategy", "topic names are part of the change-event contract; derive other "
                + "names with a routing transform");
        owned.put("name", "the connector's name is Connect's 'name'");
        // Debezium's default skips truncates only, which have neither key nor row. Setting it at all
        // also makes Debezium 3.6.1 write 'ALTER PUBLICATION ... SET TABLE ... WITH (publish = ...)',
        // which PostgreSQL rejects, whenever the table lists change.
        owned.put(SKIPPED_OPERATIONS, "truncates are always skipped and every other change is emitted; drop "
                + "changes with a Filter transform and a predicate on __op instead");
        owned.put(CONNECTOR_CLASS, "the Debezium connector inside is always PostgreSQL's");
        return owned.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                Map.Entry::getValue));
    }
}
