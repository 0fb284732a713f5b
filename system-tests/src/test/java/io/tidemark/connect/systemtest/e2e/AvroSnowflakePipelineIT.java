package io.tidemark.connect.systemtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.systemtest.config.ConnectorConfigExample;
import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.pipeline.ShopPipeline;
import io.tidemark.connect.systemtest.snowflake.FakesnowWorker;
import io.tidemark.connect.systemtest.snowflake.SnowflakeWarehouse;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import io.tidemark.connect.systemtest.workload.ShopWorkload;
import io.tidemark.connect.systemtest.workload.WorkloadSummary;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Avro pipeline of {@link AvroPipelineIT} into Snowflake: a Connect cluster of its own configured from
 * config-examples/connect-distributed-avro.properties (Apicurio's AvroConverter, Confluent's wire format, the
 * stack's Apicurio Registry), with the one JVM flag a worker needs to read fakesnow's answers
 * ({@link FakesnowWorker}), runs the CDC source with the routing and masking chain and
 * config-examples/sink-snowflake-avro.json (the converters set on the connector, key-pair login from the secrets
 * file, {@code identifier.case=upper}), into fakesnow through the snowflake-jdbc driver the zip carries. After
 * the mixed workload, {@code ADD COLUMN} included, the Snowflake tables, read through snowflake-jdbc, equal the
 * source row by row (masked columns holding exactly the configured pseudonyms).
 */
@ExtendWith(LocalStackExtension.class)
class AvroSnowflakePipelineIT {

    private static final String EXAMPLE = "sink-snowflake-avro.json";

    @Test
    void theRoutedMaskedPipelineThroughAvroLeavesSnowflakeEqualToTheSource(LocalStack stack) throws Exception {
        TestNames names = TestNames.of("e2e_avro_sf");
        ConnectorConfigExample example = stack.environment().apply(stack.configExamples().load(EXAMPLE));
        assertThat(example.config()).as("%s", EXAMPLE)
            .containsEntry("value.converter", "io.apicurio.registry.utils.converter.AvroConverter")
            .containsEntry("identifier.case", "upper");
        try (FakesnowWorker connect = FakesnowWorker.startAvro(stack, names);
             ShopPipeline pipeline = Scenario.startPipeline(stack, names, connect.worker())) {
            SnowflakeWarehouse warehouse = new SnowflakeWarehouse(example.config().get("connection.url"),
                names.prefix().toUpperCase(Locale.ROOT), example.config().get("table.schema"));
            ShopPipeline.Sink sink = pipeline.startSink(names.connector("sink"), EXAMPLE, warehouse);

            WorkloadSummary summary = Scenario.workloadAround(pipeline, ShopWorkload.Settings.defaults(), Scenario.Fault.NONE);
            Scenario.assertCaughtUpAndReconciled(pipeline, summary, sink);
        }
    }
}
