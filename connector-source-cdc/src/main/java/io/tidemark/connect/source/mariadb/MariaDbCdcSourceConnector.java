package io.tidemark.connect.source.mariadb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

import io.debezium.config.Configuration;
import io.debezium.connector.mysql.MySqlConnectorConfig;
import io.tidemark.connect.smt.validation.TransformChainCheck;
import io.tidemark.connect.source.Version;
import io.tidemark.connect.source.config.DebeziumProperties;

/**
 * The MariaDB/MySQL CDC source connector: Debezium's MySQL connector inside, the Tidemark change-event
 * contract outside. See {@link MariaDbCdcSourceConfig#OVERVIEW_DOC}.
 */
public final class MariaDbCdcSourceConnector extends SourceConnector {

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public ConfigDef config() {
        return MariaDbCdcSourceConfig.CONFIG_DEF;
    }

    @Override
    public void start(Map<String, String> props) {
        new MariaDbCdcSourceConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MariaDbCdcSourceTask.class;
    }

    /** One task whatever tasks.max says: one binlog reader per server id. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(new HashMap<>(props));
    }

    @Override
    public void stop() {
        props = null;
    }

    /**
     * Not supported: restarted inside a transaction on MariaDB, Debezium's MySQL connector can send part of
     * that transaction's committed changes again (MariaDbRestartTest), so records and offsets committed
     * together do not make delivery exact. Delivery is at least once; the warehouse sink's order-safe
     * MERGE makes a resent change harmless.
     */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.UNSUPPORTED;
    }

    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.UNSUPPORTED;
    }

    /**
     * The single-option checks of the ConfigDef, then rules across options, Debezium's own validation of
     * what we will hand it, and only when all of that passes, the server checks ({@link BinlogServerChecks}).
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        List<ConfigValue> values = new ArrayList<>(validateSourceOptions(connectorConfigs).configValues());
        values.addAll(TransformChainCheck.problems(connectorConfigs));
        return new Config(values);
    }

    private Config validateSourceOptions(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        config.configValues().forEach(value -> values.put(value.name(), value));
        if (hasErrors(values)) {
            return config;
        }
        MariaDbCdcSourceConfig.crossOptionProblems(connectorConfigs)
                .forEach((option, message) -> addError(values, option, message));
        if (hasErrors(values)) {
            return new Config(new ArrayList<>(values.values()));
        }
        MariaDbCdcSourceConfig parsed = new MariaDbCdcSourceConfig(connectorConfigs);
        Map<String, String> debeziumProperties = MariaDbDebeziumProperties.of(parsed);
        Configuration.from(debeziumProperties).validate(MySqlConnectorConfig.ALL_FIELDS).values().stream()
                .filter(value -> !value.errorMessages().isEmpty())
                .forEach(value -> {
                    String option = values.containsKey(value.name()) ? value.name()
                            : DebeziumProperties.PASS_THROUGH_PREFIX + value.name();
                    value.errorMessages().forEach(message -> addError(values, option, message));
                });
        if (!hasErrors(values)) {
            BinlogServerChecks.check(parsed)
                    .forEach((option, messages) -> messages.forEach(message -> addError(values, option, message)));
        }
        return new Config(new ArrayList<>(values.values()));
    }

    private static boolean hasErrors(Map<String, ConfigValue> values) {
        return values.values().stream().anyMatch(value -> !value.errorMessages().isEmpty());
    }

    private static void addError(Map<String, ConfigValue> values, String option, String message) {
        values.computeIfAbsent(option, ConfigValue::new).addErrorMessage(message);
    }
}
