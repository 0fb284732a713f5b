package io.tidemark.connect.systemtest.e2e;

import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.pipeline.PostgresWarehouse;
import io.tidemark.connect.systemtest.pipeline.ShopPipeline;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import io.tidemark.connect.systemtest.workload.ShopWorkload;
import io.tidemark.connect.systemtest.workload.WorkloadSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 4: the Kafka broker is restarted while changes flow. The source keeps reading the WAL but
 * cannot produce, the sink cannot fetch or commit; when the broker is back, both go on from where
 * Kafka says they were, and the warehouse ends up equal to the source.
 */
@ExtendWith(LocalStackExtension.class)
class BrokerRestartIT {

    @Test
    void thePipelineCarriesOnAfterTheBrokerRestarts(LocalStack stack) throws Exception {
        TestNames names = TestNames.of("e2e_broker_restart");
        PostgresWarehouse warehouse = Scenario.postgresWarehouse(stack, names);
        try (ShopPipeline pipeline = Scenario.startPipeline(stack, names)) {
            ShopPipeline.Sink sink = pipeline.startSink(names.connector("sink"), "sink-postgres.json", warehouse);

            WorkloadSummary summary = Scenario.workloadAround(pipeline, ShopWorkload.Settings.defaults(), workload -> {
                stack.broker().stop();
                stack.broker().start();
            });
            Scenario.assertCaughtUpAndReconciled(pipeline, summary, sink);
            pipeline.awaitRunning(pipeline.sourceConnector());
            pipeline.awaitRunning(sink.name());
        }
    }
}
