package io.tidemark.connect.sink;

import io.tidemark.connect.sink.testing.ChangeEvents;
import io.tidemark.connect.sink.testing.ScenarioBase;
import io.tidemark.connect.sink.testing.SinkHarness;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two tasks of one connector (tasks.max=2, one partition each) write the first records of a topic whose table
 * does not exist yet, at the same moment. Creating a table another task is creating must not be a failure at all:
 * no WARN, RetriableException or retry spent on a table that was being created anyway.
 * <ul>
 *   <li>PostgreSQL: both run CREATE TABLE IF NOT EXISTS; without serialisation the second one blocks on the
 *   first's uncommitted catalog rows and then fails with "duplicate key value violates unique constraint
 *   pg_type_typname_nsp_index".</li>
 *   <li>DuckDB: the second transaction fails with "Catalog write-write conflict on create" (nearly every round,
 *   measured) unless the sessions of one file take turns.</li>
 * </ul>
 */
abstract class ConcurrentTableCreationScenarios extends ScenarioBase {

    private static final int ROUNDS = 6;
    private static final int ROWS_PER_TASK = 3000;

    @Test
    void twoTasksCreatingTheSameNewTableAtOnceBothSucceedWithoutARetry() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            String table = "customers_" + round;
            // put() flushes by itself once buffer.count.records is reached, so both flushes start from the barrier.
            String[] overrides = {"table.name.format", table, "buffer.count.records", Integer.toString(ROWS_PER_TASK),
                    "name", "race-" + round};
            SinkHarness first = register(new SinkHarness(withTaskId(config(overrides), "0"), false,
                    new TopicPartition(ChangeEvents.TOPIC, 0)));
            SinkHarness second = register(new SinkHarness(withTaskId(config(overrides), "1"), false,
                    new TopicPartition(ChangeEvents.TOPIC, 1)));
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<Void> one = CompletableFuture.runAsync(() -> putAfter(start, first, batch(0, 0)));
            CompletableFuture<Void> two = CompletableFuture.runAsync(() -> putAfter(start, second, batch(1, ROWS_PER_TASK)));

            // Any RetriableException (the lost catalog race) surfaces here as the future's cause.
            one.get(60, TimeUnit.SECONDS);
            two.get(60, TimeUnit.SECONDS);

            assertThat(warehouse.query("SELECT count(*) FROM " + warehouse.table(table)))
                    .as("round %d: both tasks' rows are in %s", round, table).containsExactly(List.of(Integer.toString(2 * ROWS_PER_TASK)));
            assertThat(flushFailures("race-" + round, "0") + flushFailures("race-" + round, "1"))
                    .as("round %d: flush failures of the two tasks", round).isZero();
        }
    }

    private static java.util.Map<String, String> withTaskId(java.util.Map<String, String> config, String task) {
        config.put(WarehouseSinkConnector.TASK_ID, task);
        return config;
    }

    private static List<SinkRecord> batch(int partition, long firstId) {
        ChangeEvents events = new ChangeEvents(ChangeEvents.TOPIC, partition);
        List<SinkRecord> records = new ArrayList<>();
        for (long id = firstId; id < firstId + ROWS_PER_TASK; id++) {
            records.add(events.insert(id, "name-" + id, id + 1));
        }
        return records;
    }

    private static void putAfter(CyclicBarrier start, SinkHarness task, List<SinkRecord> records) {
        try {
            start.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The other task never started", e);
        }
        task.put(records);
        // Pipelined (flush.pipeline.depth >= 1), put() handed the flush to the writer thread: wait for its outcome.
        task.settle();
    }

    private static long flushFailures(String connector, String task) throws Exception {
        ObjectName name = new ObjectName("io.tidemark.connect.sink:type=warehouse-sink-task-metrics,connector="
                + ObjectName.quote(connector) + ",task=" + ObjectName.quote(task));
        return (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(name, "FlushFailures");
    }
}
