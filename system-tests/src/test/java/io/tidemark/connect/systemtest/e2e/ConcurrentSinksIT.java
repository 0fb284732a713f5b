package io.tidemark.connect.systemtest.e2e;

import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.pipeline.DuckDbWarehouse;
import io.tidemark.connect.systemtest.pipeline.ShopPipeline;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import io.tidemark.connect.systemtest.workload.ShopWorkload;
import io.tidemark.connect.systemtest.workload.WorkloadSummary;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 8: two sink connectors, both from config-examples/sink-duckdb.json, write different tables of
 * the same DuckDB warehouse file at the same time (customers and orders). The worker shares one DuckDB
 * instance between them; to read the file, both are stopped through REST, and resumed afterwards.
 */
@ExtendWith(LocalStackExtension.class)
class ConcurrentSinksIT {

    @Test
    void twoSinksWriteTheirTablesOfOneDuckDbFileConcurrently(LocalStack stack) throws Exception {
        // DuckDB admits one writing process per file: the connectors must share a worker.
        Scenario.requireWorkers(stack, 1);
        TestNames names = TestNames.of("e2e_two_sinks");
        DuckDbWarehouse warehouse = new DuckDbWarehouse(stack.dir().resolve("duckdb").resolve(names.prefix() + ".duckdb"));
        try (ShopPipeline pipeline = ShopPipeline.isolated(stack, names, Scenario.HMAC_SECRET)) {
            pipeline.createShop(Scenario.SEED_CUSTOMERS, Scenario.SEED_ORDERS);
            pipeline.createTopics(Scenario.PARTITIONS);
            pipeline.startSource();
            ShopPipeline.Sink customers = pipeline.startSink(names.connector("customers-sink"), "sink-duckdb.json", warehouse,
                List.of("customers"));
            ShopPipeline.Sink orders = pipeline.startSink(names.connector("orders-sink"), "sink-duckdb.json", warehouse,
                List.of("orders"));

            WorkloadSummary summary;
            try (ShopWorkload workload = pipeline.startWorkload(ShopWorkload.Settings.defaults())) {
                Scenario.awaitWorkload(workload, Scenario.TRANSACTIONS);
                summary = workload.stop();
            }
            pipeline.awaitCaughtUp(summary, List.of(customers, orders));
            Scenario.assertReconciled(pipeline.reconcile(List.of(customers, orders)), summary);
        }
    }
}
