package io.tidemark.connect.sink.offsets;

import io.tidemark.connect.sink.convert.KafkaCoordinates;
import io.tidemark.connect.sink.table.TableId;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetTrackerTest {

    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);
    private static final TableId ORDERS = new TableId(null, "orders");
    private static final TableId ITEMS = new TableId(null, "items");

    private final OffsetTracker tracker = new OffsetTracker();

    private void buffer(TableId table, TopicPartition partition, long offset) {
        KafkaCoordinates record = new KafkaCoordinates(partition.topic(), partition.partition(), offset);
        assertThat(tracker.accept(record)).isTrue();
        tracker.buffered(table, record);
    }

    @Test
    void aSealedFlushHoldsItsRecordsBackUntilWrittenWhileNewerRecordsOfTheSameTableGatherApart() {
        buffer(ORDERS, P0, 5);
        long sealed = tracker.seal();
        buffer(ORDERS, P0, 6);
        buffer(ORDERS, P0, 7);

        assertThat(tracker.committable(Map.of(P0, new OffsetAndMetadata(8)), Map.of())).containsEntry(P0, new OffsetAndMetadata(5));
        tracker.written(ORDERS, sealed);
        assertThat(tracker.committable(Map.of(P0, new OffsetAndMetadata(8)), Map.of())).containsEntry(P0, new OffsetAndMetadata(6));
        tracker.written(ORDERS);
        assertThat(tracker.committable(Map.of(P0, new OffsetAndMetadata(8)), Map.of())).containsEntry(P0, new OffsetAndMetadata(8));
    }

    @Test
    void aNewerGenerationWrittenFirstDoesNotReleaseTheOlderOne() {
        buffer(ORDERS, P0, 5);
        long older = tracker.seal();
        buffer(ORDERS, P0, 6);
        long newer = tracker.seal();
        tracker.written(ORDERS, newer);

        assertThat(tracker.committable(Map.of(P0, new OffsetAndMetadata(7)), Map.of())).containsEntry(P0, new OffsetAndMetadata(5));
        assertThat(tracker.resumeOnceWritten(ORDERS, older, Map.of())).containsEntry(P0, 7L);
    }

    @Test
    void recordsATransformDroppedAreCommittedUpToConnectsConsumedPosition() {
        buffer(ORDERS, P0, 5);
        tracker.written(ORDERS);

        assertThat(tracker.committable(Map.of(P0, new OffsetAndMetadata(9), P1, new OffsetAndMetadata(4)), Map.of()))
                .containsEntry(P0, new OffsetAndMetadata(9)).containsEntry(P1, new OffsetAndMetadata(4));
    }

    @Test
    void aPartitionTheTaskRewoundIgnoresConnectsOlderConsumedPositionUntilARecordFromTheNewPositionArrives() {
        buffer(ORDERS, P0, 5);
        tracker.dropBuffered();
        tracker.resumeAt(P0, 5);

        assertThat(tracker.committable(Map.of(P0, new OffsetAndMetadata(6)), Map.of())).containsEntry(P0, new OffsetAndMetadata(5));
        buffer(ORDERS, P0, 5);
        tracker.written(ORDERS);
        assertThat(tracker.committable(Map.of(P0, new OffsetAndMetadata(8)), Map.of())).containsEntry(P0, new OffsetAndMetadata(8));
    }

    @Test
    void aRecordOnItsWayToTheDeadLetterQueueHoldsItsPartitionBack() {
        buffer(ORDERS, P0, 5);
        tracker.written(ORDERS);

        assertThat(tracker.committable(Map.of(P0, new OffsetAndMetadata(6)), Map.of(P0, 5L))).containsEntry(P0, new OffsetAndMetadata(5));
    }

    @Test
    void commitsNothingBeyondTheFirstUnwrittenRecord() {
        buffer(ORDERS, P0, 5);
        buffer(ORDERS, P0, 6);

        assertThat(tracker.committable(List.of(P0))).containsEntry(P0, new OffsetAndMetadata(5));
        tracker.written(ORDERS);
        assertThat(tracker.committable(List.of(P0))).containsEntry(P0, new OffsetAndMetadata(7));
    }

    @Test
    void aPartitionWaitsForEveryTableHoldingItsRecords() {
        buffer(ORDERS, P0, 5);
        buffer(ITEMS, P0, 6);
        tracker.written(ITEMS);

        assertThat(tracker.committable(List.of(P0))).containsEntry(P0, new OffsetAndMetadata(5));
    }

    @Test
    void recordsThatNeededNoWriteAreCommittableAtOnce() {
        assertThat(tracker.accept(new KafkaCoordinates("orders", 1, 9))).isTrue();

        assertThat(tracker.committable(List.of(P0, P1))).isEqualTo(Map.of(P1, new OffsetAndMetadata(10)));
    }

    @Test
    void refusesRecordsSeenBefore() {
        buffer(ORDERS, P0, 5);

        assertThat(tracker.accept(new KafkaCoordinates("orders", 0, 5))).isFalse();
        assertThat(tracker.accept(new KafkaCoordinates("orders", 0, 4))).isFalse();
        assertThat(tracker.accept(new KafkaCoordinates("orders", 1, 4))).isTrue();
    }

    @Test
    void acceptsRecordsAgainFromWhereItResumes() {
        buffer(ORDERS, P0, 5);
        tracker.resumeAt(P0, 3);

        assertThat(tracker.accept(new KafkaCoordinates("orders", 0, 2))).isFalse();
        assertThat(tracker.accept(new KafkaCoordinates("orders", 0, 3))).isTrue();
    }

    @Test
    void forgetsPartitionsThatAreNoLongerAssigned() {
        buffer(ORDERS, P0, 5);
        tracker.forget(List.of(P0));

        assertThat(tracker.committable(List.of(P0))).isEmpty();
        assertThat(tracker.floors()).isEmpty();
        assertThat(tracker.accept(new KafkaCoordinates("orders", 0, 5))).isTrue();
    }

    @Test
    void reportsTheLagBehindTheLastCommittableOffsets() {
        buffer(ORDERS, P0, 5);
        buffer(ORDERS, P0, 6);
        buffer(ORDERS, P0, 7);
        tracker.committable(List.of(P0));

        assertThat(tracker.lag()).isEqualTo(3);
    }
}
