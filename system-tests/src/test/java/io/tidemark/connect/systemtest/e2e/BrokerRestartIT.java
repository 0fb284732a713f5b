package io.tidemark.connect.systemtest.e2e;

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
        try (ShopPipeline pipeline = ShopPipeline.isolated(stack, names, Scenario.HMAC_SECRET)) {
            pipeline.createShop(Scenario.SEED_CUSTOMERS, Scenario.SEED_ORDERS);
            pipeline.createTopics(Scenario.PARTITIONS);
            pipeline.startSource();
            ShopPipeline.Sink sink = pipeline.startSink(names.connector("sink"), "sink-postgres.json", warehouse);

            WorkloadSummary summary;
            try (ShopWorkload workload = pipeline.startWorkload(ShopWorkload.Settings.defaults())) {
                Scenario.awaitWorkload(workload, Scenario.TRANSACTIONS / 3);
                stack.broker().stop();
                stack.broker().start();
                Scenario.awaitWorkload(workload, Scenario.TRANSACTIONS);
                summary = workload.stop();
            }
            pipeline.awaitCaughtUp(summary, List.of(sink));
            pipeline.awaitRunning(pipeline.sourceConnector());
            pipeline.awaitRunning(sink.name());
            Scenario.assertReconciled(pipeline.reconcile(sink), summary);
        }
    }
}
