package io.tidemark.connect.systemtest.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.systemtest.config.ConnectorConfigExample;
import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.sink.MergeReplayScenario;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Snowflake sink from the bundle in a real worker, against fakesnow through the snowflake-jdbc driver
 * the zip carries: config-examples/sink-snowflake.json registered through REST as it is, but for the URL
 * (fakesnow's) and the secrets file, from which the worker's FileConfigProvider hands the task an
 * encrypted private key and its passphrase. The table, read through snowflake-jdbc from here, ends as
 * the change stream's final state; the poison record goes to the dead-letter queue; an offsets reset
 * through REST and the replay leave the table unchanged ({@link MergeReplayScenario}).
 */
@ExtendWith(LocalStackExtension.class)
class SnowflakeSinkIT {

    private static final String EXAMPLE = "sink-snowflake.json";

    @Test
    void mergesAChangeStreamIntoSnowflakeAndAReplayChangesNothing(LocalStack stack) throws Exception {
        ConnectorConfigExample example = stack.configExamples().load(EXAMPLE);
        assertThat(example.config())
            .as("%s logs in with a key pair from the secrets file, in upper case", EXAMPLE)
            .containsEntry("identifier.case", "upper")
            .doesNotContainKey("connection.password")
            .hasEntrySatisfying("snowflake.private.key", key -> assertThat(key).startsWith("${file:"));

        TestNames names = TestNames.of("sink_snowflake");
        try (FakesnowWorker connect = FakesnowWorker.start(stack, names)) {
            new MergeReplayScenario(stack, connect.rest()).run(names, EXAMPLE, SnowflakeSinkIT::reader);
        }
    }

    /** The table in the example's database and schema, with names in upper case as identifier.case=upper writes them. */
    private static MergeReplayScenario.TableReader reader(ConnectorConfigExample registered) {
        String url = registered.config().get("connection.url");
        String schema = quoted(registered.config().get("snowflake.database")) + "." + quoted(registered.config().get("table.schema"));
        return table -> rows(url, "SELECT \"ID\", \"NAME\", \"EMAIL\", \"SCORE\", \"__VERSION\" FROM " + schema + "."
            + quoted(table.toUpperCase(Locale.ROOT)) + " ORDER BY \"ID\"");
    }

    private static String quoted(String name) {
        return "\"" + name + "\"";
    }

    private static List<List<String>> rows(String url, String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, SnowflakeWarehouse.readerLogin())) {
            return MergeReplayScenario.rows(connection, query);
        }
    }
}
