package io.tidemark.connect.systemtest.quickstart;

import io.tidemark.connect.systemtest.pipeline.DuckDbWarehouse;
import io.tidemark.connect.systemtest.pipeline.ShopPipeline;
import io.tidemark.connect.systemtest.reconcile.ReconciliationReport;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.workload.ShopWorkload;
import io.tidemark.connect.systemtest.workload.WorkloadSummary;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The quickstart's demo, in four parts sharing one pipeline: the demo shop in PostgreSQL with a little
 * data; the source (with the routing + masking chain) and the DuckDB sink registered through REST from
 * the bundle's config examples; a stream of changes with a progress line; the warehouse tables and the
 * reconciliation result.
 */
final class ShopDemo {

    private static final int CUSTOMERS = 20;
    private static final int ORDERS = 40;
    private static final Duration WORKLOAD = Duration.ofSeconds(20);
    private static final String SINK_EXAMPLE = "sink-duckdb.json";

    private ShopPipeline pipeline;
    private ShopPipeline.Sink sink;
    private WorkloadSummary summary;

    /** One part of the demo: a title and what it does. */
    @FunctionalInterface
    private interface Step {
        void run(LocalStack stack, PrintStream out) throws Exception;
    }

    private record Part(String title, Step step) implements QuickstartDemo {
        @Override
        public void run(LocalStack stack, PrintStream out) throws Exception {
            step.run(stack, out);
        }
    }

    List<QuickstartDemo> parts() {
        return List.of(
            new Part("The demo shop in PostgreSQL", this::createShop),
            new Part("Connectors from config-examples/, registered through the REST API", this::registerConnectors),
            new Part("A stream of changes", this::runWorkload),
            new Part("The warehouse", this::showWarehouse));
    }

    private void createShop(LocalStack stack, PrintStream out) {
        pipeline = ShopPipeline.asShipped(stack, randomSecret());
        pipeline.createShop(CUSTOMERS, ORDERS);
        out.printf("  public.customers (%d rows: name, email, phone, card_number, region, notes, ...) and "
            + "public.orders (%d rows) in %s%n", CUSTOMERS, ORDERS, stack.postgres().jdbcUrl());
    }

    /** A secret for this run only: the masking's pseudonyms are not comparable across runs, as it should be. */
    private static String randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    private void registerConnectors(LocalStack stack, PrintStream out) {
        pipeline.startSource();
        out.printf("  POST /connectors  %-34s etc/%s (masks e-mail, phone and card number of customers; "
            + "routes each table to warehouse.<schema>.<table>)%n", pipeline.sourceConnector(), ShopPipeline.SOURCE_EXAMPLE);
        DuckDbWarehouse warehouse = new DuckDbWarehouse(stack.dir().resolve("duckdb").resolve("warehouse.duckdb"));
        sink = pipeline.startSinkAsShipped(SINK_EXAMPLE, warehouse);
        out.printf("  POST /connectors  %-34s etc/%s (merges warehouse.public.* into %s)%n", sink.name(), SINK_EXAMPLE,
            warehouse.file());
        out.println("  both RUNNING; the source snapshots the existing rows, then streams changes");
    }

    private void runWorkload(LocalStack stack, PrintStream out) throws InterruptedException {
        out.printf("  inserts, updates, deletes, a primary-key change now and then, and one ALTER TABLE ... ADD COLUMN,"
            + " for %d s:%n", WORKLOAD.toSeconds());
        long start = System.nanoTime();
        try (ShopWorkload workload = pipeline.startWorkload(ShopWorkload.Settings.defaults().withRate(10))) {
            while (System.nanoTime() - start < WORKLOAD.toNanos()) {
                printProgress(out, workload.progress());
                TimeUnit.SECONDS.sleep(1);
            }
            summary = workload.stop();
        }
        printProgress(out, summary);
        out.println();
        out.println("  workload stopped; waiting until the sink has merged everything...");
        pipeline.awaitCaughtUp(summary, List.of(sink));
        printProgress(out, summary);
        out.println();
    }

    private void printProgress(PrintStream out, WorkloadSummary progress) {
        long inKafka = pipeline.recordsInKafka();
        long merged = pipeline.recordsCommitted(sink);
        out.printf("\r  row changes made %5d | records captured in Kafka %5d | merged into the warehouse %5d | lag %5d ",
            progress.changes(), inKafka, merged, Math.max(0, inKafka - merged));
        out.flush();
    }

    private void showWarehouse(LocalStack stack, PrintStream out) throws Exception {
        out.println("  (DuckDB allows one process per file: the sink is stopped through REST while we read, "
            + "then resumed)");
        String[] tables = new String[2];
        ReconciliationReport report = pipeline.whileReadable(List.of(sink), () -> {
            try (Connection warehouse = sink.warehouse().connect()) {
                tables[0] = TablePrinter.render(warehouse, "SELECT id, name, email, phone, card_number, region, "
                    + "loyalty_tier, length(notes) AS notes_chars, \"__version\" FROM customers ORDER BY id LIMIT 8");
                tables[1] = TablePrinter.render(warehouse, "SELECT id, customer_id, status, amount, placed_at, "
                    + "\"__version\" FROM orders ORDER BY id LIMIT 8");
            }
            return pipeline.compare(List.of(sink));
        });
        out.println("  customers (first 8 rows; e-mail is an HMAC pseudonym, phone and card number partly masked):");
        out.print(tables[0]);
        out.println("  orders (first 8 rows):");
        out.print(tables[1]);
        out.println("  Reconciliation, PostgreSQL against the warehouse, row by row after masking:");
        for (String line : report.toString().split("\n")) {
            out.println("    " + line);
        }
        out.println(report.isClean() ? "  The warehouse equals the source." : "  The warehouse DIFFERS from the source.");
    }
}
