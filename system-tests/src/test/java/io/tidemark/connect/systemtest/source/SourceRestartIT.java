package io.tidemark.connect.systemtest.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.postgres.PostgresServer;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Restarts while changes keep coming lose nothing and repeat only what was sent but not committed:
 * the example source, streaming a table that one writer changes about 100 times a second, is
 * restarted through REST, deleted and created again with the same name and slot, and loses its worker
 * to kill -9 (the worker then starts again). Afterwards the topic holds every committed change in
 * commit order; a task that stopped gracefully is followed by no repeat, and a killed one by exactly
 * the changes above the offset Connect had committed.
 */
@ExtendWith(LocalStackExtension.class)
class SourceRestartIT {

    @Test
    void restartsAndAWorkerCrashLoseNoChangeAndRepeatOnlyTheUncommittedTail(LocalStack stack) {
        TestNames names = TestNames.of("source_restart");
        PostgresServer postgres = stack.postgres();
        String offsetTopic = stack.configExamples().workerExample().get("offset.storage.topic");
        try (TestSchema schema = TestSchema.create(postgres, names.prefix(), ShopTables.ORDERS);
             ExampleSourceConnector source = ExampleSourceConnector.start(stack, stack.connect(), names,
                 List.of(schema.table("orders")));
             OrderStream orders = OrderStream.start(postgres, schema.table("orders"))) {
            String topic = source.topic(schema.table("orders"));
            DeliveredChanges.awaitNext(stack.kafka(), topic, orders);

            Integer reader = source.slotReader();
            stack.connect().restart(source.name(), true, false);
            source.awaitNewSlotReader(reader);
            source.awaitRunning();
            DeliveredChanges.awaitNext(stack.kafka(), topic, orders);

            reader = source.slotReader();
            source.delete();
            UncommittedTail afterDelete = UncommittedTail.capture("delete and create again", stack.kafka(), topic,
                offsetTopic, source.name());
            source.create();
            source.awaitNewSlotReader(reader);
            DeliveredChanges.awaitNext(stack.kafka(), topic, orders);

            reader = source.slotReader();
            stack.worker().kill();
            UncommittedTail afterKill = UncommittedTail.capture("worker kill -9", stack.kafka(), topic, offsetTopic,
                source.name());
            stack.worker().start();
            source.awaitRunning();
            source.awaitNewSlotReader(reader);
            DeliveredChanges.awaitNext(stack.kafka(), topic, orders);

            List<OrderStream.Change> committed = orders.stop();
            DeliveredChanges delivered = DeliveredChanges.await(stack.kafka(), topic, committed);
            System.out.printf("%s: %d changes committed, %d records, %d repeats%n", topic, committed.size(),
                delivered.records().size(), delivered.repeats());

            delivered.assertEveryCommittedChangeInCommitOrder(committed);
            assertThat(afterDelete.tail())
                .as("a deleted connector's task commits the offsets of everything it sent before it stops")
                .isEmpty();
            afterKill.assertSentAgainFirst(delivered);
            assertThat(delivered.repeats())
                .as("repeats in %s: only the uncommitted tail of the killed worker's task, none after the REST "
                    + "restart or the delete", topic)
                .isEqualTo(afterKill.tail().size());
        }
    }
}
