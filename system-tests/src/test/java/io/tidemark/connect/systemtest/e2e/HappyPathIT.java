package io.tidemark.connect.systemtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.systemtest.connect.ConnectWorker;
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
import java.util.List;
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
 *
 * <p>The same scenario runs twice: on the stack's JSON group with sink-postgres.json, and on two workers of the
 * stack's Avro group (config-examples/connect-distributed-avro.properties, Apicurio Registry) with
 * sink-postgres-avro.json.
 */
@ExtendWith(LocalStackExtension.class)
class HappyPathIT {

    @Test
    void twoWorkersAndTwoSinkTasksCarryEveryChangeIntoTheWarehouse(LocalStack stack) throws Exception {
        Scenario.requireWorkers(stack, 2);
        carryEveryChange(stack, TestNames.of("e2e_happy"), stack.runningGroupWorkers(), "sink-postgres.json");
    }

    @Test
    void twoAvroWorkersAndTwoSinkTasksCarryEveryChangeIntoTheWarehouse(LocalStack stack) throws Exception {
        ConnectWorker first = stack.avroWorker();
        ConnectWorker second = stack.startAvroWorker();
        try {
            carryEveryChange(stack, TestNames.of("e2e_happy_avro"), List.of(first, second), "sink-postgres-avro.json");
        } finally {
            second.stop();
        }
    }

    /** The scenario on the cluster of {@code workers} (two, the first's REST API used), with {@code sinkExample}. */
    private static void carryEveryChange(LocalStack stack, TestNames names, List<ConnectWorker> workers, String sinkExample)
        throws Exception {
        assertThat(workers).as("workers of the cluster").hasSize(2);
        WorkerLogAudit logs = WorkerLogAudit.startingNow(workers);
        PostgresWarehouse warehouse = Scenario.postgresWarehouse(stack, names);
        try (ShopPipeline pipeline = Scenario.startPipeline(stack, names, workers.get(0))) {
            ShopPipeline.Sink sink = pipeline.startSink(names.connector("sink"), sinkExample, warehouse);
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
