package io.tidemark.connect.systemtest.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.systemtest.connect.ConfigValidation;
import io.tidemark.connect.systemtest.connect.ConnectWorker;
import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.postgres.PostgresServer;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exactly-once source support (KIP-618): on a Connect cluster whose worker runs with
 * {@code exactly.once.source.support=enabled}, the example source (unchanged but for environment and
 * isolation keys) passes the worker's {@code exactly.once.support=required} check, writes its records
 * and offsets in Kafka transactions, and after its worker is killed with kill -9 mid-stream a
 * read_committed consumer sees every committed change exactly once, in commit order.
 */
@ExtendWith(LocalStackExtension.class)
class SourceExactlyOnceIT {

    @Test
    void aKilledWorkerLeavesEveryCommittedChangeExactlyOnceInCommittedTransactions(LocalStack stack) {
        TestNames names = TestNames.of("source_eos");
        PostgresServer postgres = stack.postgres();
        // Its own Connect cluster: exactly-once support is a worker setting the shared cluster does not have.
        String group = names.prefix() + "-connect";
        ConnectWorker worker = stack.startWorkerInNewGroup(group, Map.of("exactly.once.source.support", "enabled"));
        try (TestSchema schema = TestSchema.create(postgres, names.prefix(), ShopTables.ORDERS);
             ExampleSourceConnector source = ExampleSourceConnector.start(stack, worker.rest(), names,
                 List.of(schema.table("orders")));
             OrderStream orders = OrderStream.start(postgres, schema.table("orders"))) {
            String topic = source.topic(schema.table("orders"));
            assertRequiredExactlyOnceIsAccepted(worker, source);
            DeliveredChanges.awaitNext(stack.kafka(), topic, orders);
            assertThat(transactionalIds(stack)).as("transactional producers on the broker")
                .contains(group + "-" + source.name() + "-0");

            Integer reader = source.slotReader();
            worker.kill();
            UncommittedTail afterKill = UncommittedTail.capture("exactly-once worker kill -9", stack.kafka(), topic,
                group + "-offsets", source.name());
            assertThat(afterKill.tail())
                .as("records visible to read_committed whose offsets were not committed with them")
                .isEmpty();
            worker.start();
            source.awaitRunning();
            source.awaitNewSlotReader(reader);
            DeliveredChanges.awaitNext(stack.kafka(), topic, orders);

            List<OrderStream.Change> committed = orders.stop();
            DeliveredChanges delivered = DeliveredChanges.await(stack.kafka(), topic, committed);
            System.out.printf("%s: %d changes committed, %d records read_committed, %d repeats%n", topic,
                committed.size(), delivered.records().size(), delivered.repeats());
            delivered.assertEveryCommittedChangeInCommitOrder(committed);
            assertThat(delivered.repeats()).as("repeats visible to a read_committed consumer of %s", topic).isZero();
        } finally {
            worker.stop();
        }
    }

    /** The worker asks the connector whether it supports exactly-once and refuses it if not. */
    private static void assertRequiredExactlyOnceIsAccepted(ConnectWorker worker, ExampleSourceConnector source) {
        Map<String, String> required = new LinkedHashMap<>(source.config());
        required.put("exactly.once.support", "required");
        ConfigValidation validation = worker.rest().validate(required.get("connector.class"), required);
        assertThat(validation.errors()).as("validation with exactly.once.support=required").isEmpty();
    }

    private static List<String> transactionalIds(LocalStack stack) {
        try (Admin admin = stack.broker().admin()) {
            return admin.listTransactions().all().get(30, TimeUnit.SECONDS).stream()
                .map(TransactionListing::transactionalId).toList();
        } catch (Exception e) {
            throw new IllegalStateException("Could not list the broker's transactions: " + e.getMessage(), e);
        }
    }
}
