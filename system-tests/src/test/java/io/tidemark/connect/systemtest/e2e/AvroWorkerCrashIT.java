package io.tidemark.connect.systemtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.systemtest.Await;
import io.tidemark.connect.systemtest.connect.ConnectWorker;
import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.pipeline.PostgresWarehouse;
import io.tidemark.connect.systemtest.pipeline.ShopPipeline;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import io.tidemark.connect.systemtest.workload.ShopWorkload;
import io.tidemark.connect.systemtest.workload.WorkloadSummary;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 2 (see {@link WorkerCrashIT}) on the stack's Avro Connect cluster: its one worker is killed (SIGKILL)
 * while both tasks of sink-postgres-avro.json are in the middle of a flush, and started again. The source
 * produces again what it had not committed, the sink reads its uncommitted records again; the warehouse ends
 * up equal to the source.
 */
@ExtendWith(LocalStackExtension.class)
class AvroWorkerCrashIT {

    @Test
    void theAvroWorkerKilledInTheMiddleOfASinkFlushAndStartedAgainLosesNothing(LocalStack stack) throws Exception {
        TestNames names = TestNames.of("e2e_avro_crash");
        ConnectWorker worker = stack.avroWorker();
        PostgresWarehouse warehouse = Scenario.postgresWarehouse(stack, names);
        try (ShopPipeline pipeline = Scenario.startPipeline(stack, names, worker)) {
            ShopPipeline.Sink sink = pipeline.startSink(names.connector("sink"), "sink-postgres-avro.json", warehouse);
            String schema = sink.tableSchema();

            WorkloadSummary summary = Scenario.workloadAround(pipeline, ShopWorkload.Settings.defaults(), workload -> {
                Await.until("the sink to have created its tables", Scenario.TIMEOUT,
                    () -> WorkerCrashIT.tablesExist(warehouse, schema, ShopPipeline.TABLES));
                try (WarehouseTableLock lock = WarehouseTableLock.on(warehouse, schema, ShopPipeline.TABLES)) {
                    // Up to two connections per task wait at the lock (flush.parallel.tables), as in WorkerCrashIT.
                    List<String> blocked = Await.value("the sink tasks stopped inside a flush, at the lock",
                        Scenario.TIMEOUT, lock::blockedStatements, statements -> statements.size() >= 2,
                        () -> pipeline.statusOf(sink.name()));
                    assertThat(blocked).as("the statements the flushes wait in")
                        .allMatch(statement -> statement.contains("MERGE") || statement.startsWith("ALTER TABLE"));
                    worker.kill();
                }
                worker.start();
                pipeline.awaitRunning(pipeline.sourceConnector());
                pipeline.awaitRunning(sink.name());
            });
            Scenario.assertCaughtUpAndReconciled(pipeline, summary, sink);
        } finally {
            if (!worker.isRunning()) {
                worker.start();
            }
        }
    }
}
