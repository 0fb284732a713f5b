package io.tidemark.connect.systemtest.bench;

import io.tidemark.connect.systemtest.Await;
import io.tidemark.connect.systemtest.connect.ConnectRestClient;
import io.tidemark.connect.systemtest.connect.ConnectorStatus;
import io.tidemark.connect.systemtest.kafka.KafkaTopics;
import io.tidemark.connect.systemtest.stack.LocalStack;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * A sink connector in the stack's worker, reading the prepared topic from the beginning into an empty table of
 * its own database. The clock runs from the REST call that resumes the connector (created paused, so the REST
 * call and config validation are not timed; creating and starting its tasks and the first fetch are, as when a
 * user starts a connector on a backlog) to the moment the sentinel rows (the last record of each partition) are
 * visible in the table. Then, outside the measurement, it waits until the
 * connector committed the whole topic and compares the table with the expected state.
 */
final class SinkContender implements Contender {

    private static final Duration STATE_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(30);
    private static final long POLL_MS = 50;

    private final String name;
    private final String label;
    private final LocalStack stack;
    private final String database;
    private final Function<String, Map<String, String>> config;
    private final SinkChangeStream stream;
    private final WorkerJmx worker;
    private final ConnectRestClient rest;

    /**
     * @param label    short name for connector names
     * @param database the database (on the stack's PostgreSQL) the connector writes to, table public.customers
     * @param config   the connector's config, given the connector's name
     */
    SinkContender(String name, String label, LocalStack stack, String database, Function<String, Map<String, String>> config,
                  SinkChangeStream stream, WorkerJmx worker) {
        this(name, label, stack, stack.connect(), database, config, stream, worker);
    }

    /** Like the other constructor, on the Connect cluster behind {@code rest} (e.g. the stack's Avro cluster). */
    SinkContender(String name, String label, LocalStack stack, ConnectRestClient rest, String database,
                  Function<String, Map<String, String>> config, SinkChangeStream stream, WorkerJmx worker) {
        this.name = name;
        this.rest = rest;
        this.label = label;
        this.stack = stack;
        this.database = database;
        this.config = config;
        this.stream = stream;
        this.worker = worker;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Sample run(int round) throws Exception {
        String connector = "bench-" + label + "-" + round;
        try (Connection connection = stack.postgres().connect(database)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS public." + WriterTable.NAME);
            }
            rest.createConnector(connector, config.apply(connector), "PAUSED");
            Await.until(connector + " paused", STATE_TIMEOUT, () -> isPaused(rest.status(connector)),
                () -> String.valueOf(rest.status(connector)));
            double seconds;
            long peak;
            try (HeapSampler heap = HeapSampler.start(worker.memory())) {
                long start = System.nanoTime();
                rest.resume(connector);
                awaitSentinel(connector, connection);
                seconds = (System.nanoTime() - start) / 1e9;
                peak = heap.stop();
            }
            String group = KafkaTopics.sinkConnectorGroup(connector);
            Await.until(connector + " committed the whole topic", STATE_TIMEOUT, () -> stack.kafka().consumerGroupLag(group) == 0,
                () -> String.valueOf(rest.status(connector)));
            long wrong = CustomerTableCheck.mismatches(connection, "public." + WriterTable.NAME, stream.finalVersions());
            if (wrong > 0) {
                System.out.println("  " + name + " round " + round + ": " + wrong + " rows differ from the expected table");
            }
            return Sample.of(name, round, stream.events() / seconds, peak, wrong == 0);
        } finally {
            rest.deleteConnector(connector);
        }
    }

    private void awaitSentinel(String connector, Connection connection) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        long checks = 0;
        while (!allSentinelsVisible(connection)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(connector + " did not write the whole stream within " + RUN_TIMEOUT);
            }
            if (++checks % 100 == 0 && rest.status(connector).hasFailure()) {
                throw new IllegalStateException(connector + " failed: " + rest.status(connector).failureTraces());
            }
            Thread.sleep(POLL_MS);
        }
    }

    private boolean allSentinelsVisible(Connection connection) throws SQLException {
        for (long sentinel : stream.sentinelIds()) {
            if (!CustomerTableCheck.hasRow(connection, "public." + WriterTable.NAME, sentinel)) {
                return false;
            }
        }
        return true;
    }

    /** A connector created paused has no tasks yet (KIP-980): they are created and started on resume. */
    private static boolean isPaused(ConnectorStatus status) {
        return "PAUSED".equals(status.connector().state());
    }
}
