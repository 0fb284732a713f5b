package io.tidemark.connect.sink;

import io.tidemark.connect.sink.testing.ChangeEvents;
import io.tidemark.connect.sink.testing.Jdbc;
import io.tidemark.connect.sink.testing.PostgresWarehouse;
import io.tidemark.connect.sink.testing.ScenarioBase;
import io.tidemark.connect.sink.testing.SinkHarness;
import io.tidemark.connect.sink.testing.TestWarehouse;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A flush that touches two tables writes them at once, on a connection each (flush.parallel.tables): while one
 * table is locked by another session, the other is written; a failure of one table leaves the other written and
 * its partition's offset committed. The lock (EXCLUSIVE) blocks the sink's writes but not the test's reads.
 */
class PostgresParallelTablesTest extends ScenarioBase {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final TopicPartition CUSTOMERS = new TopicPartition("tm.public.customers", 0);
    private static final TopicPartition ORDERS = new TopicPartition("tm.public.orders", 0);

    private final ChangeEvents customers = new ChangeEvents(CUSTOMERS.topic(), 0);
    private final ChangeEvents orders = new ChangeEvents(ORDERS.topic(), 0);

    @Override
    protected TestWarehouse newWarehouse() throws Exception {
        return new PostgresWarehouse();
    }

    private SinkHarness sink() {
        SinkHarness sink = register(new SinkHarness(config("flush.pipeline.depth", "1", "flush.parallel.tables", "2",
                "buffer.count.records", "1000"), false, CUSTOMERS, ORDERS));
        sink.write(customers.insert(1, "Ada", 10), orders.insert(1, "first order", 10));
        return sink;
    }

    @Test
    void aLockedTableDoesNotHoldBackTheOtherTableOfTheFlush() throws Exception {
        SinkHarness sink = sink();
        PostgresWarehouse postgres = (PostgresWarehouse) warehouse;
        try (Connection blocker = postgres.connect()) {
            blocker.setAutoCommit(false);
            Jdbc.execute(blocker, "LOCK TABLE " + warehouse.table("customers") + " IN EXCLUSIVE MODE");
            sink.put(customers.insert(2, "Grace", 11), orders.insert(2, "second order", 11));
            CompletableFuture<Void> flush = CompletableFuture.runAsync(sink::settle);
            postgres.blockedSinkBackend(DEADLINE);

            awaitRows("orders", 2);
            assertThat(rows("customers")).as("the locked table waits").isEqualTo(1);
            // The flush's outcome is applied once all its tables are done: until then no offset of it moves.
            assertThat(sink.commit()).as("never past the waiting table's record").containsEntry(CUSTOMERS, new OffsetAndMetadata(1));

            blocker.rollback();
            flush.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
        assertThat(rows("customers")).isEqualTo(2);
        assertThat(sink.commit()).containsEntry(ORDERS, new OffsetAndMetadata(2)).containsEntry(CUSTOMERS, new OffsetAndMetadata(2));
    }

    @Test
    void aTableWhoseWriteFailsIsRetriedAloneWhileTheOtherStaysWritten() throws Exception {
        SinkHarness sink = sink();
        PostgresWarehouse postgres = (PostgresWarehouse) warehouse;
        List<SinkRecord> batch = List.of(customers.insert(2, "Grace", 11), orders.insert(2, "second order", 11));
        try (Connection blocker = postgres.connect()) {
            blocker.setAutoCommit(false);
            Jdbc.execute(blocker, "LOCK TABLE " + warehouse.table("customers") + " IN EXCLUSIVE MODE");
            sink.put(batch);
            CompletableFuture<Void> flush = CompletableFuture.runAsync(sink::settle);
            String pid = postgres.blockedSinkBackend(DEADLINE);
            awaitRows("orders", 2);
            Jdbc.query(blocker, "SELECT pg_terminate_backend(" + pid + ")");
            blocker.rollback();

            assertThatThrownBy(() -> flush.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).hasCauseInstanceOf(RetriableException.class);
        }
        assertThat(sink.commit()).containsEntry(ORDERS, new OffsetAndMetadata(2)).containsEntry(CUSTOMERS, new OffsetAndMetadata(1));

        // Connect delivers the batch again after the backoff; only the failed table is written again.
        sink.putUntilAccepted(batch, 5);
        sink.commitUntilWritten(DEADLINE);
        assertThat(rows("customers")).isEqualTo(2);
        assertThat(warehouse.query("SELECT id, name FROM " + warehouse.table("orders") + " ORDER BY id"))
                .containsExactly(List.of("1", "first order"), List.of("2", "second order"));
    }

    private long rows(String table) throws Exception {
        return Long.parseLong(warehouse.query("SELECT count(*) FROM " + warehouse.table(table)).get(0).get(0));
    }

    private void awaitRows(String table, long rows) throws Exception {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (rows(table) != rows) {
            assertThat(System.nanoTime()).as("%s has %d rows before the deadline", table, rows).isLessThan(end);
            Thread.sleep(10);
        }
    }
}
