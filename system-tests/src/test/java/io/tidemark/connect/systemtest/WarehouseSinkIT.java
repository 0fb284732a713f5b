package io.tidemark.connect.systemtest;

import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.postgres.PostgresServer;
import io.tidemark.connect.systemtest.sink.MergeReplayScenario;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The warehouse sink from the bundle in a real worker, configured through REST with the files in
 * config-examples/: a keyed change stream (our change-event contract, with deletes, tombstones,
 * re-inserts and stale duplicates) is merged into PostgreSQL and into DuckDB, a poison record lands in
 * the dead-letter queue with Connect's error headers while the rest is written, and a replay from the
 * beginning (offsets reset through the REST API) leaves the tables exactly as they were
 * ({@link MergeReplayScenario}; Snowflake's test is {@code snowflake.SnowflakeSinkIT}).
 */
@ExtendWith(LocalStackExtension.class)
class WarehouseSinkIT {

    private static final String ROWS = "SELECT id, name, email, score, \"__version\" FROM %s ORDER BY id";

    @Test
    void mergesAChangeStreamIntoPostgres(LocalStack stack) throws Exception {
        new MergeReplayScenario(stack, stack.connect()).run(TestNames.of("sink_postgres"), "sink-postgres.json",
            example -> table -> postgresRows(stack, "public", table));
    }

    @Test
    void mergesAChangeStreamIntoDuckDb(LocalStack stack) throws Exception {
        new MergeReplayScenario(stack, stack.connect()).run(TestNames.of("sink_duckdb"), "sink-duckdb.json",
            example -> table -> duckDbRows(example.config().get("connection.url"), table));
    }

    private static List<List<String>> postgresRows(LocalStack stack, String schema, String table) throws SQLException {
        try (Connection connection = stack.postgres().connect(PostgresServer.DATABASE)) {
            return MergeReplayScenario.rows(connection, String.format(ROWS, "\"" + schema + "\".\"" + table + "\""));
        }
    }

    /** The worker holds the DuckDB file while the connector runs; read it once the connector is stopped. */
    private static List<List<String>> duckDbRows(String url, String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            return MergeReplayScenario.rows(connection, String.format(ROWS, "\"" + table + "\""));
        }
    }
}
