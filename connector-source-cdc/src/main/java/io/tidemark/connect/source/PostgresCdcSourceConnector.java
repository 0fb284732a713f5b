package io.tidemark.connect.source;

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
import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.tidemark.connect.source.config.DebeziumProperties;
import io.tidemark.connect.source.config.PostgresCdcSourceConfig;
import io.tidemark.connect.source.preflight.ServerPreflight;
import io.tidemark.connect.smt.validation.TransformChainCheck;

/**
 * The PostgreSQL CDC source connector: Debezium's PostgreSQL connector inside, the Tidemark
 * change-event contract outside. See {@link PostgresCdcSourceConfig#OVERVIEW_DOC}.
 */
public final class PostgresCdcSourceConnector extends SourceConnector {

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public ConfigDef config() {
        return PostgresCdcSourceConfig.CONFIG_DEF;
    }

    @Override
    public void start(Map<String, String> props) {
        // Fails the connector, with the option's name, before any task starts on a bad config.
        new PostgresCdcSourceConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return PostgresCdcSourceTask.class;
    }

    /** One task whatever tasks.max says: a replication slot has exactly one reader. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(new HashMap<>(props));
    }

    @Override
    public void stop() {
        props = null;
    }

    /**
     * Debezium's PostgreSQL connector supports KIP-618: its offsets resume exactly after the last
     * change of a committed transaction, so records and offsets written in one Kafka transaction
     * are never duplicated nor lost. Our records carry those offsets unchanged.
     */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    /**
     * Transaction boundaries are the worker's (per poll or per interval): the task does not map
     * database transactions onto Kafka transactions.
     */
    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.UNSUPPORTED;
    }

    /**
     * The single-option checks of the ConfigDef, then rules across options, Debezium's own
     * validation of what we will hand it, and only when all of that passes, the server checks.
     * The Tidemark transformations and predicates of the config are checked too, as the task would
     * configure them ({@link TransformChainCheck}).
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
        PostgresCdcSourceConfig.crossOptionProblems(connectorConfigs)
                .forEach((option, message) -> addError(values, option, message));
        if (hasErrors(values)) {
            return new Config(new ArrayList<>(values.values()));
        }
        PostgresCdcSourceConfig parsed = new PostgresCdcSourceConfig(connectorConfigs);
        DebeziumProperties debeziumProperties = DebeziumProperties.of(parsed);
        addDebeziumFindings(values, debeziumProperties);
        if (!hasErrors(values)) {
            ServerPreflight.check(parsed, debeziumProperties)
                    .forEach((option, messages) -> messages.forEach(message -> addError(values, option, message)));
        }
        return new Config(new ArrayList<>(values.values()));
    }

    /** Debezium's checks of the options we pass through; ours were validated above. */
    private static void addDebeziumFindings(Map<String, ConfigValue> values, DebeziumProperties properties) {
        Map<String, ConfigValue> debezium = Configuration.from(properties.asMap())
                .validate(PostgresConnectorConfig.ALL_FIELDS);
        debezium.values().stream()
                .filter(value -> !value.errorMessages().isEmpty())
                .forEach(value -> {
                    String option = values.containsKey(value.name()) ? value.name()
                            : DebeziumProperties.PASS_THROUGH_PREFIX + value.name();
                    value.errorMessages().forEach(message -> addError(values, option, message));
                });
    }

    private static boolean hasErrors(Map<String, ConfigValue> values) {
        return values.values().stream().anyMatch(value -> !value.errorMessages().isEmpty());
    }

    private static void addError(Map<String, ConfigValue> values, String option, String message) {
        values.computeIfAbsent(option, ConfigValue::new).addErrorMessage(message);
    }
}
