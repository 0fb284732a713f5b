package io.tidemark.connect.systemtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.pipeline.PostgresWarehouse;
import io.tidemark.connect.systemtest.pipeline.ShopPipeline;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import io.tidemark.connect.systemtest.workload.ShopWorkload;
import io.tidemark.connect.systemtest.workload.WorkloadSummary;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 6: the sink's offsets are reset to the beginning through Connect's offsets REST API and the
 * topics are replayed, in merge mode with hard deletes (config-examples/sink-postgres.json) and with
 * soft deletes (sink-postgres-soft-delete.json). A replay while changes keep coming still ends equal to
 * the source; a replay of a quiet pipeline leaves every table exactly as it was, the sink's version and
 * deletion columns included.
 */
@ExtendWith(LocalStackExtension.class)
class SinkReplayIT {

    @Test
    void replayingTheTopicsFromTheStartChangesNothing(LocalStack stack) throws Exception {
        TestNames names = TestNames.of("e2e_replay");
        PostgresWarehouse hardDeletes = Scenario.postgresWarehouse(stack, names);
        PostgresWarehouse softDeletes = Scenario.postgresWarehouse(stack, TestNames.of("e2e_replay_soft"));
        try (ShopPipeline pipeline = Scenario.startPipeline(stack, names)) {
            ShopPipeline.Sink hard = pipeline.startSink(names.connector("sink"), "sink-postgres.json", hardDeletes);
            ShopPipeline.Sink soft = pipeline.startSink(names.connector("soft-sink"), "sink-postgres-soft-delete.json",
                softDeletes);
            assertThat(soft.softDeletes()).isTrue();
            List<ShopPipeline.Sink> sinks = List.of(hard, soft);

            WorkloadSummary summary = Scenario.workloadAround(pipeline, ShopWorkload.Settings.defaults(),
                workload -> sinks.forEach(pipeline::replayFromStart));
            Scenario.assertCaughtUpAndReconciled(pipeline, summary, hard, soft);
            assertThat(softDeletedRows(softDeletes, soft.tableSchema())).as("rows kept as deleted in soft-delete mode")
                .isGreaterThan(0);

            Map<String, List<List<String>>> hardBefore = pipeline.warehouseContent(hard);
            Map<String, List<List<String>>> softBefore = pipeline.warehouseContent(soft);
            sinks.forEach(pipeline::replayFromStart);
            sinks.forEach(pipeline::awaitCaughtUp);
            assertThat(pipeline.warehouseContent(hard)).as("hard deletes: every table after the replay").isEqualTo(hardBefore);
            assertThat(pipeline.warehouseContent(soft)).as("soft deletes: every table after the replay").isEqualTo(softBefore);
        }
    }

    private static long softDeletedRows(PostgresWarehouse warehouse, String schema) throws SQLException {
        long deleted = 0;
        try (Connection connection = warehouse.connect(); Statement statement = connection.createStatement()) {
            for (String table : ShopPipeline.TABLES) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM \"" + schema + "\".\"" + table
                    + "\" WHERE \"__deleted\"")) {
                    rows.next();
                    deleted += rows.getLong(1);
                }
            }
        }
        return deleted;
    }
}
