package io.tidemark.connect.sink.dialect.postgres;

import io.tidemark.connect.sink.dialect.FlushStatements;
import io.tidemark.connect.sink.dialect.StagingTable;
import io.tidemark.connect.sink.table.DeleteMode;
import io.tidemark.connect.sink.table.TableId;
import io.tidemark.connect.sink.testing.Jdbc;
import io.tidemark.connect.sink.testing.PostgresWarehouse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the statements between the staging load and the MERGE do to PostgreSQL's planner, on a real server:
 * the MERGE looks the staged keys up in the target's primary key index, and the setting that makes it do so
 * lasts only for the flush's transaction.
 */
class PostgresFlushPlanTest {

    /** A table of 200,000 rows of about 250 bytes; a flush of 5,000 keys (every 40th row): 2.5% of it. */
    private static final int TARGET_ROWS = 200_000;
    private static final int STAGED_KEYS = 5_000;

    private final FlushStatements sql = new PostgresDialect().statements(17);
    private PostgresWarehouse warehouse;
    private StagingTable staging;

    @BeforeEach
    void createTargetAndStaging() throws Exception {
        warehouse = new PostgresWarehouse();
        TableId target = new TableId(warehouse.schema(), "customers");
        staging = StagingTable.forMerge(target, new TableId(null, "__tm_stage"), PostgresStatementsTest.KEYS,
                PostgresStatementsTest.DATA, Map.of("email", "__tm_from_1"), PostgresStatementsTest.META, DeleteMode.HARD);
        warehouse.execute("CREATE TABLE " + warehouse.table("customers") + " (id bigint PRIMARY KEY, name text, email text,"
                + " __version bigint, __source_ts_ms bigint, __unknown_columns text, __unknown_since_partition text,"
                + " __unknown_since_offset bigint, notes text)");
        warehouse.execute("INSERT INTO " + warehouse.table("customers") + " SELECT g, 'name ' || g, 'e' || g || '@example.com', 1, 0,"
                + " NULL, repeat('x', 200) FROM generate_series(1, " + TARGET_ROWS + ") g");
        warehouse.execute("VACUUM ANALYZE " + warehouse.table("customers"));
    }

    @AfterEach
    void dropSchema() throws Exception {
        warehouse.close();
    }

    @Test
    void theMergeLooksStagedKeysUpInThePrimaryKeyIndexAndTheSettingEndsWithTheTransaction() throws SQLException {
        try (Connection connection = warehouse.connect()) {
            connection.setAutoCommit(false);
            stage(connection);
            execute(connection, List.of("ANALYZE \"__tm_stage\""));
            assertThat(plan(connection)).as("the MERGE's plan with PostgreSQL's default page cost")
                    .contains("Seq Scan on customers").doesNotContain("Index Scan");

            execute(connection, sql.prepareStaging(staging));
            assertThat(setting(connection)).isEqualTo("1.1");
            assertThat(plan(connection)).as("the MERGE's plan in the flush").contains("Index Scan using customers_pkey")
                    .doesNotContain("Seq Scan on customers");

            connection.rollback();
            assertThat(setting(connection)).as("after the flush's transaction").isEqualTo("4");
        }
    }

    @Test
    void aLowerPageCostTheServerAlreadyHasIsKept() throws SQLException {
        try (Connection connection = warehouse.connect()) {
            execute(connection, List.of("SET random_page_cost = 1"));
            connection.setAutoCommit(false);
            stage(connection);
            execute(connection, sql.prepareStaging(staging));

            assertThat(setting(connection)).isEqualTo("1");
            connection.rollback();
        }
    }

    /** The staging table as a flush leaves it before the MERGE: one row per staged key, half of them existing rows. */
    private void stage(Connection connection) throws SQLException {
        execute(connection, sql.createStaging(staging));
        execute(connection, List.of("INSERT INTO \"__tm_stage\" SELECT g * 40, 'new', 'n@example.com', 2, 0, false, false,"
                + " 'customers-0', g, 2 FROM generate_series(1, " + STAGED_KEYS + ") g"));
    }

    private String plan(Connection connection) throws SQLException {
        String merge = sql.merge(staging).get(0);
        String plain = merge.startsWith("WITH merged AS (") ? merge.substring("WITH merged AS (".length(), merge.indexOf("\nRETURNING"))
                : merge;
        return Jdbc.query(connection, "EXPLAIN " + plain).stream().map(row -> row.get(0)).collect(Collectors.joining("\n"));
    }

    private static String setting(Connection connection) throws SQLException {
        return Jdbc.query(connection, "SHOW random_page_cost").get(0).get(0);
    }

    private static void execute(Connection connection, List<String> statements) throws SQLException {
        for (String statement : statements) {
            try (Statement jdbc = connection.createStatement()) {
                jdbc.execute(statement);
            }
        }
    }
}
