package io.tidemark.connect.source.mariadb;

import static io.tidemark.connect.source.mariadb.MariaDbCdcSourceConfig.DATABASE_EXCLUDE_LIST;
import static io.tidemark.connect.source.mariadb.MariaDbCdcSourceConfig.DATABASE_INCLUDE_LIST;
import static io.tidemark.connect.source.mariadb.MariaDbCdcSourceConfig.HEARTBEAT_INTERVAL_MS;
import static io.tidemark.connect.source.mariadb.MariaDbCdcSourceConfig.HOSTNAME;
import static io.tidemark.connect.source.mariadb.MariaDbCdcSourceConfig.MESSAGE_KEY_COLUMNS;
import static io.tidemark.connect.source.mariadb.MariaDbCdcSourceConfig.PASSWORD;
import static io.tidemark.connect.source.mariadb.MariaDbCdcSourceConfig.PORT;
import static io.tidemark.connect.source.mariadb.MariaDbCdcSourceConfig.SERVER_ID;
import static io.tidemark.connect.source.mariadb.MariaDbCdcSourceConfig.SNAPSHOT_LOCKING_MODE;
import static io.tidemark.connect.source.mariadb.MariaDbCdcSourceConfig.SNAPSHOT_MODE;
import static io.tidemark.connect.source.mariadb.MariaDbCdcSourceConfig.SSL_MODE;
import static io.tidemark.connect.source.mariadb.MariaDbCdcSourceConfig.TABLE_EXCLUDE_LIST;
import static io.tidemark.connect.source.mariadb.MariaDbCdcSourceConfig.TABLE_INCLUDE_LIST;
import static io.tidemark.connect.source.mariadb.MariaDbCdcSourceConfig.TOMBSTONES_ON_DELETE;
import static io.tidemark.connect.source.mariadb.MariaDbCdcSourceConfig.TOPIC_PREFIX;
import static io.tidemark.connect.source.mariadb.MariaDbCdcSourceConfig.USER;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.debezium.connector.mysql.MySqlConnector;
import io.tidemark.connect.source.config.DebeziumProperties;

/**
 * The one place where the MariaDB/MySQL source's options become the configuration of Debezium's
 * MySQL task. Pass-through options ({@code debezium.*}) reach Debezium unchanged, except those in
 * {@link #OWNED}, which are refused with a message saying what to set instead.
 */
final class MariaDbDebeziumProperties {

    static final String JDBC_DRIVER = "database.jdbc.driver";
    private static final String HISTORY_PREFIX = "schema.history.internal.kafka.";
    static final String HISTORY_BOOTSTRAP_SERVERS = HISTORY_PREFIX + "bootstrap.servers";
    static final String HISTORY_TOPIC = HISTORY_PREFIX + "topic";
    private static final String CUSTOM_METRIC_TAGS = "custom.metric.tags";
    private static final String USE_OWN_OPTION = "set the connector option '%s' instead";
    private static final Map<String, String> OWNED = owned();

    private MariaDbDebeziumProperties() {
    }

    static Map<String, String> of(MariaDbCdcSourceConfig config) {
        Map<String, String> props = new HashMap<>(config.debeziumPassThrough());
        props.put("name", config.connectorName());
        props.put("connector.class", MySqlConnector.class.getName());
        props.put(JDBC_DRIVER, MariaDbJdbcDriver.class.getName());
        props.put(HOSTNAME, config.hostname());
        props.put(PORT, Integer.toString(config.port()));
        props.put(USER, config.user());
        config.password().ifPresent(password -> props.put(PASSWORD, password.value()));
        props.put(SSL_MODE, config.sslMode());
        props.put(SERVER_ID, Long.toString(config.serverId()));

        props.put(TOPIC_PREFIX, config.topicPrefix());
        putIfNotEmpty(props, DATABASE_INCLUDE_LIST, config.databaseIncludeList());
        putIfNotEmpty(props, DATABASE_EXCLUDE_LIST, config.databaseExcludeList());
        putIfNotEmpty(props, TABLE_INCLUDE_LIST, config.tableIncludeList());
        putIfNotEmpty(props, TABLE_EXCLUDE_LIST, config.tableExcludeList());
        config.messageKeyColumns().ifPresent(columns -> props.put(MESSAGE_KEY_COLUMNS, columns));
        props.put(SNAPSHOT_MODE, config.snapshotMode().value());
        props.put(SNAPSHOT_LOCKING_MODE, config.lockingMode().value());
        props.put(HEARTBEAT_INTERVAL_MS, Long.toString(config.heartbeatIntervalMs()));
        config.schemaHistoryBootstrapServers().ifPresent(servers -> props.put(HISTORY_BOOTSTRAP_SERVERS, servers));
        props.put(HISTORY_TOPIC, config.schemaHistoryTopic());

        // The reshaping writes tombstones itself, right after the delete it turned into a flat row.
        props.put(TOMBSTONES_ON_DELETE, "false");
        // DDL goes to the schema history, not to a topic of ours: the contract has no schema-change records.
        props.put("include.schema.changes", "false");
        props.put("schema.name.adjustment.mode", "avro");
        props.put("field.name.adjustment.mode", "avro");
        props.put(CUSTOM_METRIC_TAGS, metricTags(config));
        // Exact values unless the user chose otherwise: BIGINT UNSIGNED past 2^63 does not fit a long.
        props.putIfAbsent("bigint.unsigned.handling.mode", "precise");
        props.putIfAbsent("decimal.handling.mode", "precise");
        return Map.copyOf(props);
    }

    static Map<String, String> passThroughProblems(Map<String, String> passThrough) {
        return DebeziumProperties.refusedPassThrough(passThrough, OWNED);
    }

    private static String metricTags(MariaDbCdcSourceConfig config) {
        String tags = "connector=" + config.connectorName().replace(",", "_").replace("=", "_");
        String userTags = config.debeziumPassThrough().get(CUSTOM_METRIC_TAGS);
        return userTags == null || userTags.isBlank() ? tags : tags + "," + userTags;
    }

    private static void putIfNotEmpty(Map<String, String> props, String key, String value) {
        if (!value.isEmpty()) {
            props.put(key, value);
        }
    }

    private static Map<String, String> owned() {
        Map<String, String> owned = new HashMap<>();
        for (String key : new String[] {HOSTNAME, PORT, USER, PASSWORD, SSL_MODE, SERVER_ID, TOPIC_PREFIX,
                DATABASE_INCLUDE_LIST, DATABASE_EXCLUDE_LIST, TABLE_INCLUDE_LIST, TABLE_EXCLUDE_LIST,
                MESSAGE_KEY_COLUMNS, SNAPSHOT_MODE, SNAPSHOT_LOCKING_MODE, HEARTBEAT_INTERVAL_MS,
                TOMBSTONES_ON_DELETE}) {
            owned.put(key, String.format(USE_OWN_OPTION, key));
        }
        owned.put(HISTORY_BOOTSTRAP_SERVERS,
                String.format(USE_OWN_OPTION, MariaDbCdcSourceConfig.SCHEMA_HISTORY_BOOTSTRAP_SERVERS));
        owned.put(HISTORY_TOPIC, String.format(USE_OWN_OPTION, MariaDbCdcSourceConfig.SCHEMA_HISTORY_TOPIC));
        owned.put(JDBC_DRIVER, "Tidemark connects with MySQL Connector/J, translating the one statement "
                + "MariaDB names differently");
        owned.put("database.protocol", "Tidemark connects with MySQL Connector/J's jdbc:mysql protocol");
        owned.put("include.schema.changes", "the change-event contract has no schema-change records; "
                + "table definitions go to the schema history topic");
        owned.put("schema.name.adjustment.mode", "Tidemark makes every schema name a legal Avro name");
        owned.put("field.name.adjustment.mode", "Tidemark makes every field name a legal Avro name");
        owned.put("topic.naming.strategy", "topic names are part of the change-event contract; derive other "
                + "names with a routing transform");
        owned.put("name", "the connector's name is Connect's 'name'");
        owned.put("connector.class", "the Debezium connector inside is always MySQL's");
        return owned.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                Map.Entry::getValue));
    }
}
