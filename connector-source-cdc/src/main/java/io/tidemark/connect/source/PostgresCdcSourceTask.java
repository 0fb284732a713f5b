package io.tidemark.connect.source;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

import io.debezium.connector.postgresql.PostgresConnectorTask;
import io.tidemark.connect.source.config.DebeziumProperties;
import io.tidemark.connect.source.config.PostgresCdcSourceConfig;
import io.tidemark.connect.source.metrics.CdcSourceTaskMetrics;
import io.tidemark.connect.source.postgres.CapturedTables;
import io.tidemark.connect.source.postgres.DatabaseConnections;
import io.tidemark.connect.source.postgres.PostgresChangeOrigin;
import io.tidemark.connect.source.postgres.ReplicaIdentityLookup;
import io.tidemark.connect.source.postgres.SlotRestartPosition;
import io.tidemark.connect.source.reshape.ChangeEventReshaper;
import io.tidemark.connect.source.reshape.UnchangedToastValues;
import io.tidemark.connect.source.values.UnreadableTimeValues;

/**
 * Runs Debezium's {@link PostgresConnectorTask} inside this task and reshapes what it emits.
 *
 * <p>The Debezium task gets this task's own {@code SourceTaskContext}, so it reads its offsets from
 * Connect's offset store and there is no second one. Every record we return keeps the source
 * partition and offset of the Debezium record it came from, and {@link #commit()} and
 * {@link #commitRecord} are handed to Debezium: on the next poll after Connect committed offsets,
 * Debezium reads the committed offset back from the store and only then confirms that LSN to the
 * replication slot. The slot therefore never moves past a change Kafka has not acknowledged.
 */
public final class PostgresCdcSourceTask extends SourceTask {

    private PostgresConnectorTask debezium;
    private ChangeEventReshaper reshaper;
    private SlotRestartPosition snapshotPosition;
    private CdcSourceTaskMetrics metrics;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        PostgresCdcSourceConfig config = new PostgresCdcSourceConfig(props);
        DebeziumProperties debeziumProperties = DebeziumProperties.of(config);
        DatabaseConnections connections = new DatabaseConnections(config, "source-task");
        refuseUncapturableTables(connections, debeziumProperties);

        snapshotPosition = new SlotRestartPosition(connections, config.slotName(), Clock.systemUTC());
        reshaper = new ChangeEventReshaper(config.topicPrefix(), config.tombstonesOnDelete(),
                new UnchangedToastValues(debeziumProperties.asMap()), new PostgresChangeOrigin(snapshotPosition),
                new ReplicaIdentityLookup(connections));
        metrics = new CdcSourceTaskMetrics(new DatabaseConnections(config, "source-metrics"), config.slotName(),
                System::currentTimeMillis);
        metrics.register(config.connectorName(), "0");
        debezium = new PostgresConnectorTask();
        debezium.initialize(context);
        debezium.start(debeziumProperties.asMap());
    }

    /**
     * A keyless topic cannot be applied by key downstream, and two columns with one field name cannot be
     * told apart: refuse before Debezium emits anything.
     */
    private static void refuseUncapturableTables(DatabaseConnections connections, DebeziumProperties properties) {
        CapturedTables capturedTables = new CapturedTables(properties.asMap());
        List<String> problems;
        try (Connection connection = connections.open()) {
            List<CapturedTables.CapturedTable> captured = capturedTables.read(connection);
            problems = new ArrayList<>(capturedTables.keyProblems(captured));
            problems.addAll(capturedTables.columnNameProblems(captured));
        } catch (SQLException e) {
            throw new ConnectException("Cannot read the captured tables from " + connections.describe() + ": "
                    + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            throw new ConnectException(String.join(" ", problems));
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        List<SourceRecord> polled;
        try {
            polled = debezium.poll();
        } catch (ConnectException e) {
            throw UnreadableTimeValues.explain(e);
        }
        List<SourceRecord> records = reshaper.reshape(polled);
        metrics.polled(records);
        return records;
    }

    @Override
    public void commit() throws InterruptedException {
        debezium.commit();
    }

    /** Our records carry Debezium's source offsets, so Debezium can take them as its own. */
    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) throws InterruptedException {
        debezium.commitRecord(record, metadata);
    }

    @Override
    public void stop() {
        try {
            if (debezium != null) {
                debezium.stop();
            }
        } finally {
            if (snapshotPosition != null) {
                snapshotPosition.close();
            }
            if (metrics != null) {
                metrics.close();
            }
        }
    }
}
