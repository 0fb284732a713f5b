package io.tidemark.connect.sink;

import io.tidemark.connect.sink.dialect.Dialect;
import io.tidemark.connect.sink.dialect.Dialects;
import io.tidemark.connect.sink.dialect.OffsetTable;
import io.tidemark.connect.sink.dialect.WarehouseSession;
import io.tidemark.connect.sink.table.WriteMode;
import io.tidemark.connect.sink.write.WarehouseWriter;
import io.tidemark.connect.smt.validation.TransformChainCheck;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The warehouse sink connector: see {@link WarehouseSinkConfig#OVERVIEW_DOC}. Tasks share nothing but
 * the database; each owns the partitions Connect assigns it.
 */
public class WarehouseSinkConnector extends SinkConnector {

    /** Added to each task's configuration: the task's number, for its metrics name. */
    static final String TASK_ID = "tidemark.task.id";

    private Map<String, String> properties;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new WarehouseSinkConfig(props);
        this.properties = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return WarehouseSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> config = new HashMap<>(properties);
            config.put(TASK_ID, Integer.toString(i));
            configs.add(config);
        }
        return configs;
    }

    @Override
    public void stop() {
        properties = null;
    }

    @Override
    public ConfigDef config() {
        return WarehouseSinkConfig.CONFIG_DEF;
    }

    /**
     * Per-option checks (ConfigDef), then combinations, then whether the database answers: every problem
     * is attached to the option a user has to change. The Tidemark transformations and predicates of the
     * config are checked too, as their tasks would configure them ({@link TransformChainCheck}).
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        List<ConfigValue> values = new ArrayList<>(validateSinkOptions(connectorConfigs).configValues());
        values.addAll(TransformChainCheck.problems(connectorConfigs));
        return new Config(values);
    }

    private Config validateSinkOptions(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, ConfigValue> values = new HashMap<>();
        config.configValues().forEach(value -> values.put(value.name(), value));
        if (config.configValues().stream().anyMatch(value -> !value.errorMessages().isEmpty())) {
            return config;
        }
        WarehouseSinkConfig parsed = WarehouseSinkConfig.withoutCombinationCheck(connectorConfigs);
        Map<String, String> problems = parsed.combinationProblems();
        problems.forEach((name, message) -> values.get(name).addErrorMessage(message));
        if (problems.isEmpty()) {
            checkConnection(parsed).ifPresent(message -> values.get(WarehouseSinkConfig.CONNECTION_URL).addErrorMessage(message));
        }
        return config;
    }

    /** Opens a session and runs a trivial query within the connection timeout; the problem, if any. */
    static Optional<String> checkConnection(WarehouseSinkConfig config) {
        Dialect dialect;
        try {
            dialect = Dialects.installed().select(config.dialect(), config.connection().url());
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tidemark-sink-validate");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<?> check = executor.submit(() -> {
                try (WarehouseSession session = dialect.open(config.connection())) {
                    session.connection().createStatement().execute("SELECT 1");
                    session.connection().rollback();
                }
                return null;
            });
            long timeoutSeconds = config.connection().timeoutSeconds() + 5L;
            check.get(timeoutSeconds, TimeUnit.SECONDS);
            return Optional.empty();
        } catch (TimeoutException e) {
            return Optional.of("The database did not answer within " + config.connection().timeoutSeconds() + " s at this URL.");
        } catch (ExecutionException e) {
            return Optional.of("Cannot connect to the database: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("Interrupted while checking the database connection.");
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * Connect's offsets REST API. Merge mode keeps no offsets of its own (a replay is harmless); append
     * mode stores them in the warehouse, where they are changed too, so that a reset really replays.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<TopicPartition, Long> offsets) {
        WarehouseSinkConfig config = new WarehouseSinkConfig(connectorConfig);
        if (config.writeMode() != WriteMode.APPEND) {
            return true;
        }
        Dialect dialect = Dialects.installed().select(config.dialect(), config.connection().url());
        WarehouseWriter.Settings settings = new WarehouseWriter.Settings(config.writeMode(), config.deleteMode(), false, false,
                config.metadataColumns(), OffsetTable.in(config.tableSchema(), config.identifierCase()), config.connectorName());
        try (WarehouseWriter writer = new WarehouseWriter(dialect, config.connection(), settings)) {
            writer.alterStoredOffsets(offsets);
            return true;
        } catch (SQLException e) {
            throw new ConnectException("Could not change the offsets stored in the warehouse: " + e.getMessage(), e);
        }
    }
}
