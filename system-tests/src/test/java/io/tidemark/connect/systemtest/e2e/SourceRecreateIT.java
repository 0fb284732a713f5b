package io.tidemark.connect.systemtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.kafka.ConnectJson;
import io.tidemark.connect.systemtest.pipeline.PostgresWarehouse;
import io.tidemark.connect.systemtest.pipeline.ShopPipeline;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import io.tidemark.connect.systemtest.workload.ShopWorkload;
import io.tidemark.connect.systemtest.workload.WorkloadSummary;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 5: the source connector is deleted while the workload goes on, and created again with the
 * same name and slot. Its offsets outlived it in Connect's offset topic and its slot kept the WAL, so it
 * resumes where it stopped: it does not snapshot the tables again, and no change made while it was gone
 * is lost.
 */
@ExtendWith(LocalStackExtension.class)
class SourceRecreateIT {

    @Test
    void aSourceCreatedAgainUnderItsNameResumesWithoutLosingAChange(LocalStack stack) throws Exception {
        TestNames names = TestNames.of("e2e_source_recreate");
        PostgresWarehouse warehouse = Scenario.postgresWarehouse(stack, names);
        try (ShopPipeline pipeline = Scenario.startPipeline(stack, names)) {
            ShopPipeline.Sink sink = pipeline.startSink(names.connector("sink"), "sink-postgres.json", warehouse);

            WorkloadSummary summary = Scenario.workloadAround(pipeline, ShopWorkload.Settings.defaults(), workload -> {
                pipeline.deleteSource();
                Scenario.awaitWorkload(workload, (int) workload.progress().transactions() + 60);
                pipeline.startSource();
            });
            Scenario.assertCaughtUpAndReconciled(pipeline, summary, sink);
            assertThat(snapshotReads(stack, pipeline)).as("rows read by a snapshot: the seed, once")
                .isEqualTo(Scenario.SEED_CUSTOMERS + Scenario.SEED_ORDERS);
        }
    }

    private static long snapshotReads(LocalStack stack, ShopPipeline pipeline) {
        long reads = 0;
        for (String table : ShopPipeline.TABLES) {
            String topic = pipeline.topic(table);
            for (ConsumerRecord<byte[], byte[]> record : stack.kafka().consumeAll(topic)) {
                if (record.value() != null
                    && "r".equals(((Struct) ConnectJson.decodeValue(topic, record.value()).value()).getString("__op"))) {
                    reads++;
                }
            }
        }
        return reads;
    }
}
