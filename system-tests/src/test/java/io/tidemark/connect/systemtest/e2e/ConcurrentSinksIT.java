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
        try (ShopPipeline pipeline = Scenario.startPipeline(stack, names)) {
            ShopPipeline.Sink customers = pipeline.startSink(names.connector("customers-sink"), "sink-duckdb.json", warehouse,
                List.of("customers"));
            ShopPipeline.Sink orders = pipeline.startSink(names.connector("orders-sink"), "sink-duckdb.json", warehouse,
                List.of("orders"));

            WorkloadSummary summary = Scenario.workloadAround(pipeline, ShopWorkload.Settings.defaults(), Scenario.Fault.NONE);
            Scenario.assertCaughtUpAndReconciled(pipeline, summary, customers, orders);
        }
    }
}
