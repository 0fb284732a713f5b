package io.tidemark.connect.systemtest.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.systemtest.Await;
import io.tidemark.connect.systemtest.kafka.KafkaTopics;
import io.tidemark.connect.systemtest.source.ChangeRecord.ChangeId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The row changes a CDC topic holds of an {@link OrderStream}, in topic order, repeats included. A
 * repeat is a record whose key and {@code __position} an earlier record already had.
 */
final class DeliveredChanges {

    /** About two seconds of the stream between two interruptions. */
    static final int CHANGES_PER_STEP = 200;
    private static final Duration TIMEOUT = ExampleSourceConnector.TIMEOUT;

    private final List<ChangeRecord> records;
    private final List<ChangeRecord> firstDeliveries = new ArrayList<>();

    private DeliveredChanges(List<ChangeRecord> records) {
        this.records = records;
        Set<ChangeId> seen = new HashSet<>();
        for (ChangeRecord record : records) {
            if (seen.add(record.changeId())) {
                firstDeliveries.add(record);
            }
        }
    }

    static DeliveredChanges read(KafkaTopics kafka, String topic) {
        return new DeliveredChanges(ChangeTopic.rowChanges(kafka, topic));
    }

    /** Waits until {@code topic} holds as many distinct changes as {@code committed} lists. */
    static DeliveredChanges await(KafkaTopics kafka, String topic, List<OrderStream.Change> committed) {
        return Await.value(committed.size() + " committed changes in " + topic, TIMEOUT,
            () -> read(kafka, topic), delivered -> delivered.firstDeliveries.size() >= committed.size());
    }

    /**
     * Waits until {@code orders} committed {@value #CHANGES_PER_STEP} more changes and every change it
     * committed is in {@code topic}: the stream flows through the connector's current task, so whatever
     * comes next interrupts it mid-stream.
     */
    static DeliveredChanges awaitNext(KafkaTopics kafka, String topic, OrderStream orders) {
        int start = orders.committed().size();
        List<OrderStream.Change> committed = Await.value(CHANGES_PER_STEP + " more committed changes", TIMEOUT,
            orders::committed, changes -> changes.size() >= start + CHANGES_PER_STEP);
        return await(kafka, topic, committed);
    }

    List<ChangeRecord> records() {
        return records;
    }

    /** Records that repeat an earlier one. */
    int repeats() {
        return records.size() - firstDeliveries.size();
    }

    /**
     * Nothing lost, nothing made up, nothing out of order: the first delivery of each change, in topic
     * order, is exactly what PostgreSQL committed, in commit order.
     */
    void assertEveryCommittedChangeInCommitOrder(List<OrderStream.Change> committed) {
        List<OrderStream.Change> delivered = firstDeliveries.stream()
            .map(record -> new OrderStream.Change(record.id(), record.op(), record.value().getString("status")))
            .toList();
        assertThat(delivered.size()).as("distinct changes delivered vs committed").isEqualTo(committed.size());
        for (int i = 0; i < committed.size(); i++) {
            if (!delivered.get(i).equals(committed.get(i))) {
                assertThat(delivered.get(i))
                    .as("change %d of %d committed (first delivered at %s)", i + 1, committed.size(),
                        firstDeliveries.get(i).where())
                    .isEqualTo(committed.get(i));
            }
        }
        List<Long> positions = firstDeliveries.stream().map(ChangeRecord::position).toList();
        assertThat(positions).as("__position along the topic (one writer: commit order is WAL order)")
            .isSorted().doesNotHaveDuplicates();
    }
}
