package io.tidemark.connect.systemtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.systemtest.Await;
import io.tidemark.connect.systemtest.connect.ConnectWorker;
import io.tidemark.connect.systemtest.pipeline.PostgresWarehouse;
import io.tidemark.connect.systemtest.pipeline.ShopPipeline;
import io.tidemark.connect.systemtest.reconcile.ReconciliationReport;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import io.tidemark.connect.systemtest.workload.Operation;
import io.tidemark.connect.systemtest.workload.ShopWorkload;
import io.tidemark.connect.systemtest.workload.WorkloadSummary;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** What the end-to-end scenarios share: the masking secret, the warehouse, the workload's size, the checks. */
final class Scenario {

    /** The HMAC secret the scenarios' masking chain uses (a test secret; the quickstart makes a random one). */
    static final String HMAC_SECRET = "e2e-scenarios-hmac-secret-0123456789";
    static final Duration TIMEOUT = Duration.ofSeconds(180);
    static final int SEED_CUSTOMERS = 40;
    static final int SEED_ORDERS = 80;
    /** Topics are created with this many partitions, so both tasks of a sink with tasks.max=2 get some. */
    static final int PARTITIONS = 3;
    /** Transactions a workload makes before it is stopped: about 15 s at the default rate. */
    static final int TRANSACTIONS = 300;

    private Scenario() {
    }

    /** A warehouse database of its own on the stack's warehouse PostgreSQL server. */
    static PostgresWarehouse postgresWarehouse(LocalStack stack, TestNames names) {
        return PostgresWarehouse.create(stack.warehousePostgres(), names.prefix(), stack.secrets(),
            LocalStack.WAREHOUSE_PASSWORD_KEY);
    }

    /**
     * Exactly {@code count} workers running in the stack's group: workers stopped or killed earlier are
     * started again (same id), new ones added, extra ones stopped (never the first, whose REST API the
     * other tests use).
     */
    static void requireWorkers(LocalStack stack, int count) {
        // Workers of other tests' Connect clusters (an exactly-once group, fakesnow's) are left alone.
        for (ConnectWorker worker : stack.groupWorkers()) {
            if (stack.runningGroupWorkers().size() >= count) {
                break;
            }
            if (!worker.isRunning()) {
                worker.start();
            }
        }
        while (stack.runningGroupWorkers().size() < count) {
            stack.startWorker();
        }
        List<ConnectWorker> running = stack.runningGroupWorkers();
        for (ConnectWorker extra : running.subList(count, running.size())) {
            extra.stop();
        }
        Await.until(count + " workers healthy", TIMEOUT, () -> stack.runningGroupWorkers().size() == count
            && stack.runningGroupWorkers().stream().allMatch(w -> w.rest().isHealthy()));
    }

    /** What a scenario does to the pipeline while the workload runs. */
    @FunctionalInterface
    interface Fault {
        Fault NONE = workload -> { };

        void strike(ShopWorkload workload) throws Exception;
    }

    /**
     * A scenario's pipeline: the shop seeded in a schema of its own, its topics created with
     * {@value #PARTITIONS} partitions, the source running.
     */
    static ShopPipeline startPipeline(LocalStack stack, TestNames names) {
        return startPipeline(stack, names, stack.worker());
    }

    /** {@link #startPipeline(LocalStack, TestNames)} on the Connect cluster of {@code worker} (e.g. an Avro one). */
    static ShopPipeline startPipeline(LocalStack stack, TestNames names, ConnectWorker worker) {
        ShopPipeline pipeline = ShopPipeline.isolated(stack, names, HMAC_SECRET);
        pipeline.useWorker(worker);
        try {
            pipeline.createShop(SEED_CUSTOMERS, SEED_ORDERS);
            pipeline.createTopics(PARTITIONS);
            pipeline.startSource();
            return pipeline;
        } catch (RuntimeException | Error e) {
            try {
                pipeline.close();
            } catch (RuntimeException | Error cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Runs the workload: lets it make a third of its {@value #TRANSACTIONS} transactions, strikes while it
     * goes on, lets it finish (every kind of change included), and stops it.
     */
    static WorkloadSummary workloadAround(ShopPipeline pipeline, ShopWorkload.Settings settings, Fault fault)
        throws Exception {
        try (ShopWorkload workload = pipeline.startWorkload(settings)) {
            awaitWorkload(workload, TRANSACTIONS / 3);
            fault.strike(workload);
            awaitWorkload(workload, TRANSACTIONS);
            return workload.stop();
        }
    }

    /** Waits until the workload went through to the sinks, then checks that each warehouse equals the source. */
    static void assertCaughtUpAndReconciled(ShopPipeline pipeline, WorkloadSummary workload, ShopPipeline.Sink... sinks)
        throws SQLException {
        pipeline.awaitCaughtUp(workload, List.of(sinks));
        assertReconciled(pipeline.reconcile(List.of(sinks)), workload);
    }

    /**
     * Lets the workload run until it made {@code transactions} transactions and every kind of change at
     * least once (the ADD COLUMN included).
     */
    static void awaitWorkload(ShopWorkload workload, int transactions) {
        Await.until(transactions + " transactions of every kind of change", TIMEOUT, () -> {
            WorkloadSummary progress = workload.progress();
            return progress.transactions() >= transactions
                && Arrays.stream(Operation.values()).allMatch(operation -> progress.count(operation) > 0);
        }, () -> "workload so far: " + workload.progress());
    }

    /** The warehouse equals the source, and the comparison covered real rows. */
    static void assertReconciled(ReconciliationReport report, WorkloadSummary workload) {
        System.out.println("Workload: " + workload + "\nReconciliation:\n" + report);
        assertThat(report.isClean()).as("reconciliation after %s:%n%s", workload, report).isTrue();
        assertThat(report.sourceRows()).as("rows compared").isGreaterThan(SEED_CUSTOMERS);
    }
}
