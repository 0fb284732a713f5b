package io.tidemark.connect.systemtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.systemtest.connect.ConnectorStatus;
import io.tidemark.connect.systemtest.connect.WorkerLogAudit;
import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.pipeline.PostgresWarehouse;
import io.tidemark.connect.systemtest.pipeline.ShopPipeline;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import io.tidemark.connect.systemtest.workload.ShopWorkload;
import io.tidemark.connect.systemtest.workload.WorkloadSummary;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 1, the happy path: two Connect workers in one group, the CDC source with the routing and
 * masking chain, and the PostgreSQL warehouse sink with {@code tasks.max=2}, all registered through
 * REST from the config examples. A mixed workload runs; afterwards the warehouse equals the source,
 * masked columns holding exactly the pseudonyms and partial masks the configuration asks for, and large
 * values that updates did not send keeping what the warehouse had. All the while, the workers' logs stay quiet: no
 * ERROR, and no WARN from Tidemark or Debezium outside {@link WorkerLogAudit#NORMAL_OPERATION} (both sink tasks
 * create the new warehouse table at once, which used to cost a WARN, an ERROR and a retry).
 */
@ExtendWith(LocalStackExtension.class)
class HappyPathIT {

    @Test
    void twoWorkersAndTwoSinkTasksCarryEveryChangeIntoTheWarehouse(LocalStack stack) throws Exception {
        Scenario.requireWorkers(stack, 2);
        WorkerLogAudit logs = WorkerLogAudit.startingNow(stack.runningGroupWorkers());
        TestNames names = TestNames.of("e2e_happy");
        PostgresWarehouse warehouse = Scenario.postgresWarehouse(stack, names);
        try (ShopPipeline pipeline = Scenario.startPipeline(stack, names)) {
            ShopPipeline.Sink sink = pipeline.startSink(names.connector("sink"), "sink-postgres.json", warehouse);
            assertThat(sink.config()).containsEntry("tasks.max", "2");

            WorkloadSummary summary = Scenario.workloadAround(pipeline, ShopWorkload.Settings.defaults(), Scenario.Fault.NONE);
            Scenario.assertCaughtUpAndReconciled(pipeline, summary, sink);

            ConnectorStatus sinkStatus = pipeline.rest().status(sink.name());
            assertThat(sinkStatus.isRunning(2)).as("both sink tasks running: %s", sinkStatus).isTrue();
            Set<String> workersUsed = new TreeSet<>();
            sinkStatus.tasks().forEach(task -> workersUsed.add(task.workerId()));
            pipeline.rest().status(pipeline.sourceConnector()).tasks().forEach(task -> workersUsed.add(task.workerId()));
            assertThat(workersUsed).as("the pipeline's tasks are spread over both workers").hasSize(2);
            assertThat(updatesWithoutNotes(stack, pipeline.topic("customers")))
                .as("updates whose large notes value PostgreSQL did not send (the warehouse kept it, see above)")
                .isPositive();
            // Checked before the pipeline is torn down: deleting a running source ends its replication connection.
            assertThat(logs.problems(WorkerLogAudit.NORMAL_OPERATION))
                .as("ERROR lines, and WARN lines from Tidemark and Debezium, the workers logged during the run").isEmpty();
        }
    }

    /** Customer changes in Kafka whose {@code tidemark.unchanged} header names the out-of-line notes column. */
    private static long updatesWithoutNotes(LocalStack stack, String topic) {
        return stack.kafka().consumeAll(topic).stream()
            .map(record -> record.headers().lastHeader("tidemark.unchanged"))
            .filter(header -> header != null && new String(header.value(), StandardCharsets.UTF_8).contains("notes"))
            .count();
    }
}
