package io.tidemark.connect.systemtest.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.postgres.PostgresServer;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reconciliation reads real tables and finds each kind of difference: a source table in PostgreSQL
 * against warehouse tables in PostgreSQL and DuckDB, written by hand the way the sink writes them (its
 * {@code __} columns beside the data), with a row missing, one extra, one stale, one soft-deleted, and
 * values that are equal although the databases spell them differently (numeric scale, time zones).
 */
@ExtendWith(LocalStackExtension.class)
class ReconcilerIT {

    private static final List<String> TABLES = List.of("payments");
    private static final String WAREHOUSE_ROWS = "(1, 'Ada', 12.5, '2024-05-01 12:00:00+00', 10, false), "
        + "(3, 'Grace', 99.99, '2024-05-03 08:30:00.123456+00', 30, false), "
        + "(4, 'Edsger', 4.00, '2024-05-04 00:00:00+00', 40, true), "
        + "(5, 'Ken', 5.00, '2024-05-05 00:00:00+00', 50, false)";

    @Test
    void findsMissingExtraAndStaleRowsInPostgresAndInDuckDb(LocalStack stack) throws SQLException {
        TestNames names = TestNames.of("reconcile");
        String schema = names.prefix();
        stack.postgres().execute(PostgresServer.DATABASE, "CREATE SCHEMA " + schema,
            "CREATE TABLE " + schema + ".payments (id bigint PRIMARY KEY, payer text, amount numeric(12,2), "
                + "paid_at timestamptz)",
            "INSERT INTO " + schema + ".payments VALUES (1, 'Ada', 12.50, '2024-05-01 14:00:00+02'), "
                + "(2, 'Alan', 20.00, '2024-05-02 00:00:00+00'), (3, 'Grace', 42.00, '2024-05-03 08:30:00.123456+00')");
        PostgresServer warehouse = stack.warehousePostgres();
        warehouse.createDatabase(schema);
        try (Connection target = warehouse.connect(schema)) {
            createWarehouseTable(target, "amount numeric(14,4), paid_at timestamptz");
            assertDifferences(stack, schema, target);
        }
        String duckDbUrl = "jdbc:duckdb:" + stack.dir().resolve("duckdb").resolve(schema + ".duckdb");
        try (Connection target = DriverManager.getConnection(duckDbUrl)) {
            createWarehouseTable(target, "amount DECIMAL(18,3), paid_at TIMESTAMP WITH TIME ZONE");
            assertDifferences(stack, schema, target);
        }
    }

    private static void createWarehouseTable(Connection target, String typedColumns) throws SQLException {
        try (Statement statement = target.createStatement()) {
            statement.execute("CREATE TABLE payments (id bigint PRIMARY KEY, payer text, " + typedColumns
                + ", \"__version\" bigint, \"__deleted\" boolean)");
            statement.execute("INSERT INTO payments VALUES " + WAREHOUSE_ROWS);
        }
    }

    private static void assertDifferences(LocalStack stack, String schema, Connection target) throws SQLException {
        try (Connection source = stack.postgres().connect()) {
            TableReport soft = new Reconciler(MaskingExpectations.none(), true)
                .reconcile(source, schema, target, null, TABLES).table("payments");
            TableReport hard = new Reconciler(MaskingExpectations.none(), false)
                .reconcile(source, schema, target, null, TABLES).table("payments");

            assertThat(soft.missing()).containsExactly(RowKey.of("id", 2));
            assertThat(soft.extra()).as("the soft-deleted row 4 is not compared").containsExactly(RowKey.of("id", 5));
            assertThat(soft.stale()).as("12.5 = 12.50 and 14:00+02 = 12:00Z; only the amount of 3 differs")
                .isEqualTo(Map.of(RowKey.of("id", 3), List.of("amount")));
            assertThat(soft.missingColumns()).isEmpty();
            assertThat(soft.extraColumns()).as("the sink's own columns are not data").isEmpty();
            assertThat(hard.extra()).containsExactly(RowKey.of("id", 4), RowKey.of("id", 5));
            assertThat(soft.toString()).doesNotContain("Grace", "99.99", "42");
        }
    }
}
