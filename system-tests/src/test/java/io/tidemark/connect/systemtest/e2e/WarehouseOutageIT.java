package io.tidemark.connect.systemtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.systemtest.connect.ConnectorStatus;
import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.pipeline.PostgresWarehouse;
import io.tidemark.connect.systemtest.pipeline.ShopPipeline;
import io.tidemark.connect.systemtest.postgres.PostgresServer;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import io.tidemark.connect.systemtest.workload.ShopWorkload;
import io.tidemark.connect.systemtest.workload.WorkloadSummary;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 3: the warehouse database is down for 60 s while changes keep coming. With the retry settings
 * of config-examples/sink-postgres.json the sink's tasks never end up FAILED: they retry with backoff,
 * and once the database is back they write everything they were holding and catch up.
 */
@ExtendWith(LocalStackExtension.class)
class WarehouseOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(60);

    @Test
    void sinkTasksRideOutAMinuteWithoutTheirWarehouse(LocalStack stack) throws Exception {
        TestNames names = TestNames.of("e2e_warehouse_outage");
        PostgresWarehouse warehouse = Scenario.postgresWarehouse(stack, names);
        PostgresServer server = warehouse.server();
        try (ShopPipeline pipeline = Scenario.startPipeline(stack, names)) {
            ShopPipeline.Sink sink = pipeline.startSink(names.connector("sink"), "sink-postgres.json", warehouse);

            ShopWorkload.Settings slower = ShopWorkload.Settings.defaults().withRate(10);
            WorkloadSummary summary = Scenario.workloadAround(pipeline, slower, workload -> {
                long before = workload.progress().transactions();
                Set<String> statesDuringOutage;
                server.stop();
                try {
                    statesDuringOutage = watchTasks(pipeline, sink.name(), OUTAGE);
                } finally {
                    server.start();
                }
                assertThat(workload.progress().transactions()).as("changes made during the outage").isGreaterThan(before + 100);
                assertThat(statesDuringOutage).as("sink task states seen during the outage").containsOnly("RUNNING");
                Scenario.awaitWorkload(workload, (int) workload.progress().transactions() + 50);
            });
            Scenario.assertCaughtUpAndReconciled(pipeline, summary, sink);
            assertThat(pipeline.rest().status(sink.name()).hasFailure()).isFalse();
        }
    }

    /**
     * The outage itself: its length is the scenario, not a wait for a result. Meanwhile the sink's task
     * states are read every second; a FAILED task fails the test at once, with its trace.
     */
    private static Set<String> watchTasks(ShopPipeline pipeline, String sink, Duration outage) throws InterruptedException {
        Set<String> states = new LinkedHashSet<>();
        long end = System.nanoTime() + outage.toNanos();
        while (System.nanoTime() < end) {
            ConnectorStatus status = pipeline.rest().status(sink);
            status.tasks().forEach(task -> states.add(task.state()));
            assertThat(status.hasFailure()).as("a sink task failed during the outage:%n%s", status.failureTraces()).isFalse();
            Thread.sleep(1000);
        }
        return states;
    }
}
