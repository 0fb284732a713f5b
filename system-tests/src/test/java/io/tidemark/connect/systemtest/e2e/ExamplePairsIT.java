package io.tidemark.connect.systemtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.systemtest.bench.WorkerJmx;
import io.tidemark.connect.systemtest.config.ConnectorConfigExample;
import io.tidemark.connect.systemtest.connect.ConnectWorker;
import io.tidemark.connect.systemtest.connect.ConnectorStatus;
import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.pipeline.DuckDbWarehouse;
import io.tidemark.connect.systemtest.pipeline.PostgresWarehouse;
import io.tidemark.connect.systemtest.pipeline.ShopPipeline;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import io.tidemark.connect.systemtest.workload.ShopWorkload;
import io.tidemark.connect.systemtest.workload.WorkloadSummary;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A new user's first contact: take a source example and the sink example config-examples/README.md
 * pairs with it, change only where the servers are, who logs in and the secrets file, and POST both.
 * Nothing else is changed: connector names, topic prefix, routing, topics.regex, tables, slot and
 * publication are the shipped ones (this test alone uses the shop in the public schema). Rows must
 * arrive in the warehouse, and equal the source's.
 *
 * <p>Both pairs run at once over the same shop tables: the plain source feeds the PostgreSQL sink
 * (topics shop.public.*), the routed and masked source feeds the DuckDB sink (warehouse.public.*).
 */
@ExtendWith(LocalStackExtension.class)
class ExamplePairsIT {

    private static final String PLAIN_SOURCE = "source-postgres-cdc.json";
    private static final String MASKED_SOURCE = "source-postgres-cdc-routed-masked.json";
    private static final String POSTGRES_SINK = "sink-postgres.json";
    private static final String DUCKDB_SINK = "sink-duckdb.json";

    @Test
    void eachSourceExampleFeedsItsPairedSinkExampleWithOnlyConnectionDetailsChanged(LocalStack stack) throws Exception {
        TestNames names = TestNames.of("e2e_pairs");
        PostgresWarehouse postgres = Scenario.postgresWarehouse(stack, names);
        DuckDbWarehouse duckDb = new DuckDbWarehouse(stack.dir().resolve("duckdb").resolve(names.prefix() + ".duckdb"));
        try (ShopPipeline plain = ShopPipeline.asShipped(stack, PLAIN_SOURCE, Scenario.HMAC_SECRET);
             ShopPipeline masked = ShopPipeline.asShipped(stack, MASKED_SOURCE, Scenario.HMAC_SECRET)) {
            plain.createShop(Scenario.SEED_CUSTOMERS, Scenario.SEED_ORDERS);
            plain.startSource();
            masked.startSource();
            assertShippedNames(stack, PLAIN_SOURCE, plain.sourceConfig(), "topic.prefix", "table.include.list",
                "slot.name", "publication.name");
            assertShippedNames(stack, MASKED_SOURCE, masked.sourceConfig(), "topic.prefix", "table.include.list",
                "slot.name", "publication.name", "transforms.routeByTable.topic.template");

            ShopPipeline.Sink postgresSink = plain.startSinkAsShipped(POSTGRES_SINK, postgres);
            ShopPipeline.Sink duckDbSink = masked.startSinkAsShipped(DUCKDB_SINK, duckDb);
            assertShippedNames(stack, POSTGRES_SINK, postgresSink.config(), "topics.regex", "table.name.format");
            assertShippedNames(stack, DUCKDB_SINK, duckDbSink.config(), "topics.regex", "table.name.format");

            WorkloadSummary summary = Scenario.workloadAround(plain, ShopWorkload.Settings.defaults(),
                Scenario.Fault.NONE);
            Scenario.assertCaughtUpAndReconciled(plain, summary, postgresSink);
            Scenario.assertCaughtUpAndReconciled(masked, summary, duckDbSink);
            assertThat(List.of(postgresSink.name(), duckDbSink.name())).as("the examples' own connector names")
                .containsExactly(example(stack, POSTGRES_SINK).name(), example(stack, DUCKDB_SINK).name());
            assertTaskZeroReadsEveryTopic(stack, plain, postgresSink);
        }
    }

    /**
     * The examples run two sink tasks over two single-partition topics, so one task rightly reads
     * nothing; Connect's default assignor gives task 0 a partition of every topic, which is why only
     * task 0 warns about an unmatched topics.regex. The sink's JMX metrics show it, read from the worker
     * running each task.
     */
    private static void assertTaskZeroReadsEveryTopic(LocalStack stack, ShopPipeline pipeline, ShopPipeline.Sink sink) {
        ConnectorStatus status = pipeline.rest().status(sink.name());
        assertThat(status.isRunning(2)).as("%s", status).isTrue();
        for (ConnectorStatus.TaskState task : status.tasks()) {
            ConnectWorker worker = stack.groupWorkers().stream().filter(w -> w.workerId().equals(task.workerId()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no worker " + task.workerId()));
            String mbean = "io.tidemark.connect.sink:type=warehouse-sink-task-metrics,connector="
                + ObjectName.quote(sink.name()) + ",task=" + ObjectName.quote(Integer.toString(task.id()));
            try (WorkerJmx jmx = WorkerJmx.attach(worker.process().pid())) {
                long assigned = jmx.attribute(mbean, "AssignedPartitions");
                if (task.id() == 0) {
                    assertThat(assigned).as("partitions of task 0 (%s topics)", ShopPipeline.TABLES.size())
                        .isEqualTo(ShopPipeline.TABLES.size());
                    assertThat(jmx.attribute(mbean, "UnassignedMs")).as("UnassignedMs of task 0").isZero();
                } else {
                    assertThat(assigned).as("partitions of task %s", task.id()).isZero();
                }
            }
        }
    }

    private static void assertShippedNames(LocalStack stack, String file, Map<String, String> registered,
                                           String... keys) {
        ConnectorConfigExample shipped = example(stack, file);
        for (String key : keys) {
            assertThat(registered.get(key)).as("%s %s as registered", file, key).isEqualTo(shipped.config().get(key))
                .isNotNull();
        }
    }

    private static ConnectorConfigExample example(LocalStack stack, String file) {
        return stack.configExamples().load(file);
    }
}
