package io.tidemark.connect.sink;

import io.tidemark.connect.sink.testing.ChangeEvents;
import io.tidemark.connect.sink.testing.Jdbc;
import io.tidemark.connect.sink.testing.PostgresWarehouse;
import io.tidemark.connect.sink.testing.ScenarioBase;
import io.tidemark.connect.sink.testing.SinkHarness;
import io.tidemark.connect.sink.testing.TestWarehouse;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task whose append flush outlives its partition assignment (its worker stalled past the consumer's session
 * timeout while the flush waited) and the task that took the partition over both read the stored offsets before
 * either commits. The stored offset is a compare-and-set: the second to commit finds it moved, rolls back and
 * reads it again, so it appends nothing twice. Here the target table is held locked until both flushes wait
 * inside their transactions.
 */
class PostgresStaleAppendWriterTest extends ScenarioBase {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String[] APPEND = {"write.mode", "append", "delete.mode", "none", "buffer.count.records", "3"};

    @Override
    protected TestWarehouse newWarehouse() throws Exception {
        return new PostgresWarehouse();
    }

    @Test
    void aStaleWriterWhoseFlushOutlivedItsAssignmentDoesNotAppendWhatTheNewOwnerAppended() throws Exception {
        PostgresWarehouse postgres = (PostgresWarehouse) warehouse;
        ChangeEvents events = new ChangeEvents();
        SinkHarness seed = task(APPEND);
        seed.write(events.insert(0, "seed", 1));
        seed.close();
        List<SinkRecord> batch = List.of(events.insert(1, "a", 2), events.insert(2, "b", 3), events.insert(3, "c", 4));

        SinkHarness stale = task(APPEND);
        SinkHarness owner = task(APPEND);
        try (Connection blocker = postgres.connect()) {
            blocker.setAutoCommit(false);
            Jdbc.execute(blocker, "LOCK TABLE " + warehouse.table("customers") + " IN ACCESS EXCLUSIVE MODE");
            // Three records reach buffer.count.records: put() itself flushes, and waits for the lock.
            CompletableFuture<Void> staleFlush = CompletableFuture.runAsync(() -> stale.put(batch));
            waitForBlockedSinkBackends(postgres, 1);
            CompletableFuture<Void> ownerFlush = CompletableFuture.runAsync(() -> owner.put(batch));
            waitForBlockedSinkBackends(postgres, 2);
            blocker.rollback();
            staleFlush.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            ownerFlush.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }

        assertThat(warehouse.query("SELECT count(*), count(DISTINCT \"__kafka_offset\") FROM " + warehouse.table("customers")))
                .as("every record once").containsExactly(List.of("4", "4"));
    }

    /** Waits until {@code count} sink backends wait for a lock, polling until a deadline. */
    private static void waitForBlockedSinkBackends(PostgresWarehouse postgres, int count) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            List<List<String>> rows = postgres.query("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tidemark-warehouse-sink'"
                    + " AND wait_event_type = 'Lock'");
            if (Integer.parseInt(rows.get(0).get(0)) >= count) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("The sink's flushes never both waited for the table lock");
    }
}
