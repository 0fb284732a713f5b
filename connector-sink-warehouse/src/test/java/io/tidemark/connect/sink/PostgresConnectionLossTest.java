package io.tidemark.connect.sink;

import io.tidemark.connect.sink.testing.ChangeEvents;
import io.tidemark.connect.sink.testing.Jdbc;
import io.tidemark.connect.sink.testing.PostgresWarehouse;
import io.tidemark.connect.sink.testing.ScenarioBase;
import io.tidemark.connect.sink.testing.SinkHarness;
import io.tidemark.connect.sink.testing.TestWarehouse;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sink's PostgreSQL connection is killed (pg_terminate_backend from another session) while a flush
 * is inside its transaction. The task must ask Connect to retry with backoff, and the retry must leave
 * the table exactly right.
 */
class PostgresConnectionLossTest extends ScenarioBase {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Override
    protected TestWarehouse newWarehouse() throws Exception {
        return new PostgresWarehouse();
    }

    @Test
    void aConnectionKilledMidFlushIsRetriedAndTheTableEndsRight() throws Exception {
        assertTableRightAfterConnectionLoss("merge", "hard");
    }

    @Test
    void anAppendKilledMidFlushIsRetriedWithoutDuplicates() throws Exception {
        assertTableRightAfterConnectionLoss("append", "none");
    }

    private void assertTableRightAfterConnectionLoss(String writeMode, String deleteMode) throws Exception {
        PostgresWarehouse postgres = (PostgresWarehouse) warehouse;
        ChangeEvents events = new ChangeEvents();
        SinkHarness sink = task("write.mode", writeMode, "delete.mode", deleteMode, "buffer.count.records", "2000");
        sink.write(events.insert(0, "seed", 1));
        List<SinkRecord> batch = new ArrayList<>();
        for (long id = 1; id <= 2000; id++) {
            batch.add(events.insert(id, "name-" + id, 10 + id));
        }
        try (Connection blocker = postgres.connect()) {
            // Hold the target table so the flush stops inside its transaction, waiting for the lock.
            blocker.setAutoCommit(false);
            Jdbc.execute(blocker, "LOCK TABLE " + warehouse.table("customers") + " IN ACCESS EXCLUSIVE MODE");
            // 2000 records reach buffer.count.records: put() itself flushes (or hands the flush to the writer thread,
            // whose failure the next put() throws).
            CompletableFuture<Void> flush = CompletableFuture.runAsync(() -> {
                sink.put(batch);
                sink.settle();
            });
            String pid = postgres.blockedSinkBackend(DEADLINE);
            Jdbc.query(blocker, "SELECT pg_terminate_backend(" + pid + ")");
            blocker.rollback();

            assertThatThrownBy(() -> flush.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).hasCauseInstanceOf(RetriableException.class);
        }
        assertThat(sink.context().timeout()).isPositive();
        // Connect delivers the batch again once the backoff has passed; until then put() keeps buffering.
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!written(2001)) {
            assertThat(System.nanoTime()).as("rows written before the deadline").isLessThan(deadline);
            Thread.sleep(5);
            sink.putUntilAccepted(batch, 5);
        }

        assertThat(warehouse.query("SELECT count(*), count(DISTINCT id), min(id), max(id) FROM " + warehouse.table("customers")))
                .containsExactly(List.of("2001", "2001", "0", "2000"));
    }

    private boolean written(int rows) throws Exception {
        return warehouse.query("SELECT count(*) FROM " + warehouse.table("customers")).equals(List.of(List.of(Integer.toString(rows))));
    }
}
