package io.tidemark.connect.systemtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.systemtest.Await;
import io.tidemark.connect.systemtest.connect.ConnectWorker;
import io.tidemark.connect.systemtest.connect.ConnectorStatus;
import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.pipeline.PostgresWarehouse;
import io.tidemark.connect.systemtest.pipeline.ShopPipeline;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import io.tidemark.connect.systemtest.workload.ShopWorkload;
import io.tidemark.connect.systemtest.workload.WorkloadSummary;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 2: a Connect worker is killed (SIGKILL, no shutdown of any kind) while its sink task is in
 * the middle of a flush, its batch loaded into the staging table and its MERGE not yet committed. The
 * other worker takes over its tasks; the flush that was cut off never commits, its records were never
 * acknowledged, so they are read again; the warehouse ends up equal to the source.
 */
@ExtendWith(LocalStackExtension.class)
class WorkerCrashIT {

    @Test
    void aWorkerKilledInTheMiddleOfASinkFlushLosesNothing(LocalStack stack) throws Exception {
        Scenario.requireWorkers(stack, 2);
        TestNames names = TestNames.of("e2e_worker_crash");
        PostgresWarehouse warehouse = Scenario.postgresWarehouse(stack, names);
        AtomicReference<ConnectWorker> victim = new AtomicReference<>();
        try (ShopPipeline pipeline = Scenario.startPipeline(stack, names)) {
            ShopPipeline.Sink sink = pipeline.startSink(names.connector("sink"), "sink-postgres.json", warehouse);
            String schema = sink.tableSchema();

            WorkloadSummary summary = Scenario.workloadAround(pipeline, ShopWorkload.Settings.defaults(), workload -> {
                Await.until("the sink to have created its tables", Scenario.TIMEOUT,
                    () -> tablesExist(warehouse, schema, ShopPipeline.TABLES));
                try (WarehouseTableLock lock = WarehouseTableLock.on(warehouse, schema, ShopPipeline.TABLES)) {
                    // Each task writes the tables of a flush at once (flush.parallel.tables), one connection each: two to
                    // four statements wait at the lock.
                    List<String> blocked = Await.value("the sink tasks stopped inside a flush, at the lock",
                        Scenario.TIMEOUT, lock::blockedStatements, statements -> statements.size() >= 2,
                        () -> pipeline.statusOf(sink.name()));
                    assertThat(blocked).as("the statements the flushes wait in")
                        .allMatch(statement -> statement.contains("MERGE") || statement.startsWith("ALTER TABLE"));
                    victim.set(workerRunningASinkTask(stack, pipeline.rest().status(sink.name())));
                    victim.get().kill();
                }
                ConnectWorker survivor = stack.runningGroupWorkers().get(0);
                pipeline.useWorker(survivor);
                Await.until("the tasks of " + victim.get().name() + " running on " + survivor.name(), Scenario.TIMEOUT,
                    () -> allTasksOn(pipeline, survivor), () -> pipeline.statusOf(sink.name()));
            });
            Scenario.assertCaughtUpAndReconciled(pipeline, summary, sink);
        } finally {
            if (victim.get() != null && !victim.get().isRunning()) {
                victim.get().start();
            }
        }
    }

    /** A worker running one of the sink's tasks, preferably not the first (whose REST API other tests use). */
    private static ConnectWorker workerRunningASinkTask(LocalStack stack, ConnectorStatus sinkStatus) {
        List<String> sinkWorkers = sinkStatus.tasks().stream().map(ConnectorStatus.TaskState::workerId).toList();
        List<ConnectWorker> group = stack.runningGroupWorkers();
        return group.stream()
            .filter(worker -> sinkWorkers.contains(worker.workerId()))
            .max(Comparator.comparingInt(group::indexOf))
            .orElseThrow(() -> new AssertionError("No running worker runs a task of the sink: " + sinkStatus));
    }

    private static boolean allTasksOn(ShopPipeline pipeline, ConnectWorker worker) {
        for (String connector : pipeline.rest().connectors()) {
            boolean ours = connector.equals(pipeline.sourceConnector())
                || pipeline.sinks().stream().anyMatch(sink -> sink.name().equals(connector));
            if (ours) {
                ConnectorStatus status = pipeline.rest().status(connector);
                if (!status.isRunning() || status.tasks().stream().anyMatch(task -> !task.workerId().equals(worker.workerId()))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether the warehouse holds every one of {@code tables} in {@code schema} (also used by AvroWorkerCrashIT). */
    static boolean tablesExist(PostgresWarehouse warehouse, String schema, List<String> tables) throws SQLException {
        try (Connection connection = warehouse.connect(); Statement statement = connection.createStatement()) {
            for (String table : tables) {
                try (ResultSet exists = statement.executeQuery("SELECT to_regclass('\"" + schema + "\".\"" + table + "\"')")) {
                    exists.next();
                    if (exists.getString(1) == null) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
