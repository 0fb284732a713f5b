package io.tidemark.connect.systemtest.source;

import io.tidemark.connect.systemtest.Await;
import io.tidemark.connect.systemtest.config.ConnectorConfigExample;
import io.tidemark.connect.systemtest.connect.ConnectRestClient;
import io.tidemark.connect.systemtest.connect.ConnectRestException;
import io.tidemark.connect.systemtest.connect.ConnectorStatus;
import io.tidemark.connect.systemtest.demo.ShopSchema;
import io.tidemark.connect.systemtest.postgres.PostgresServer;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The CDC source exactly as users get it, {@code etc/source-postgres-cdc.json} of the bundle, posted to
 * a worker's REST API with only the environment keys pointed at the stack and the isolation keys
 * (topic prefix, slot, publication, captured tables) made unique for one test. Closing it deletes the
 * connector and drops its slot and publication.
 */
final class ExampleSourceConnector implements AutoCloseable {

    static final String EXAMPLE = "source-postgres-cdc.json";
    /** Task start includes a snapshot and slot creation: generous for a loaded 2-core machine. */
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final LocalStack stack;
    private final ConnectRestClient rest;
    private final TestNames names;
    private final String name;
    private final Map<String, String> config;

    private ExampleSourceConnector(LocalStack stack, ConnectRestClient rest, TestNames names,
                                   Map<String, String> config) {
        this.stack = stack;
        this.rest = rest;
        this.names = names;
        this.name = names.connector("source");
        this.config = config;
    }

    /**
     * Posts the example through {@code rest}, capturing {@code tables} ({@code schema.table}), and waits
     * until its task runs.
     */
    static ExampleSourceConnector start(LocalStack stack, ConnectRestClient rest, TestNames names,
                                        List<String> tables) {
        // The example names the demo's signal table (public.tidemark_signals); it must exist.
        ShopSchema.apply(stack.postgres(), PostgresServer.DATABASE);
        ConnectorConfigExample example = stack.environment().apply(stack.configExamples().load(EXAMPLE))
            .withOverrides(Map.of(
                "topic.prefix", names.topicPrefix(),
                "slot.name", names.slot(),
                "publication.name", names.publication(),
                "table.include.list", tables.stream().map(table -> table.replace(".", "\\."))
                    .collect(Collectors.joining(","))));
        ExampleSourceConnector connector = new ExampleSourceConnector(stack, rest, names, example.config());
        connector.create();
        return connector;
    }

    String name() {
        return name;
    }

    /** The config posted, as a worker stores it ({@code name} included). */
    Map<String, String> config() {
        Map<String, String> withName = new LinkedHashMap<>(config);
        withName.put("name", name);
        return withName;
    }

    /** The topic of a captured table: {@code <topic.prefix>.<schema>.<table>}. */
    String topic(String schemaTable) {
        return names.topic(schemaTable);
    }

    /** {@code POST /connectors} with the example's config, then waits until the task runs. */
    void create() {
        rest.createConnector(name, config);
        awaitRunning();
    }

    /**
     * {@code DELETE /connectors/{name}}, then waits until its task has stopped: Connect removes a
     * deleted connector's status only in the rebalance after the one that stopped its task (and
     * committed the task's last offsets), so a status that answers 404 means the task is gone.
     */
    void delete() {
        rest.deleteConnector(name);
        Await.until(name + " deleted and its task stopped", TIMEOUT, () -> {
            try {
                rest.status(name);
                return false;
            } catch (ConnectRestException e) {
                if (e.status() != 404) {
                    throw e;
                }
                return !rest.connectors().contains(name);
            }
        });
    }

    /** Waits until the connector and its one task run; fails at once with the traces if one failed. */
    void awaitRunning() {
        Await.until(name + " and its task RUNNING", TIMEOUT, () -> {
            ConnectorStatus status = rest.status(name);
            if (status.hasFailure()) {
                throw new AssertionError(name + " failed:\n" + status.failureTraces());
            }
            return status.isRunning(1);
        }, () -> "worker logs under " + stack.dir());
    }

    /** The PostgreSQL backend that streams the connector's slot, or null while no task reads it. */
    Integer slotReader() {
        try (Connection connection = stack.postgres().connectAsSuperuser(PostgresServer.DATABASE);
             PreparedStatement statement = connection.prepareStatement(
                 "SELECT active_pid FROM pg_replication_slots WHERE slot_name = ?")) {
            statement.setString(1, names.slot());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? (Integer) rows.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read slot " + names.slot() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until a task other than the one streaming through backend {@code previous} reads the
     * slot: the proof that a restart really started a new task.
     */
    int awaitNewSlotReader(Integer previous) {
        return Await.value("a new task streaming slot " + names.slot() + " (previous backend " + previous + ")",
            TIMEOUT, this::slotReader, pid -> pid != null && !Objects.equals(pid, previous));
    }

    /** Deletes the connector, then drops its slot and publication even if its worker is down. */
    @Override
    public void close() {
        try {
            if (rest.connectors().contains(name)) {
                delete();
            }
        } finally {
            dropSlotAndPublication();
        }
    }

    private void dropSlotAndPublication() {
        PostgresServer postgres = stack.postgres();
        // The deleted task may still hold the slot for a moment; a leftover slot would keep WAL forever.
        Await.until("slot " + names.slot() + " dropped", TIMEOUT, () -> {
            postgres.dropReplicationSlots(names.slot());
            return !slotExists();
        });
        postgres.execute(PostgresServer.DATABASE, "DROP PUBLICATION IF EXISTS " + names.publication());
    }

    private boolean slotExists() throws SQLException {
        try (Connection connection = stack.postgres().connectAsSuperuser(PostgresServer.DATABASE);
             PreparedStatement statement = connection.prepareStatement(
                 "SELECT 1 FROM pg_replication_slots WHERE slot_name = ?")) {
            statement.setString(1, names.slot());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}
