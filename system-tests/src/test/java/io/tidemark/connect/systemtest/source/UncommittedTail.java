package io.tidemark.connect.systemtest.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.systemtest.kafka.KafkaTopics;
import io.tidemark.connect.systemtest.source.ChangeRecord.ChangeId;
import java.util.List;

/**
 * Taken while no task of the connector runs (deleted, or its worker killed): the changes already in
 * Kafka and the source offset Connect committed. The changes in Kafka above the committed offset were
 * sent but not committed, so the next task sends them again, and nothing else.
 *
 * @param cause         what stopped the task, for messages
 * @param deliveredBefore row changes in the topic when the task was gone
 * @param committed     the last committed source offset, where the next task resumes
 * @param tail          the changes in the topic above that offset, in topic order
 */
record UncommittedTail(String cause, int deliveredBefore, CommittedSourceOffset committed, List<ChangeId> tail) {

    static UncommittedTail capture(String cause, KafkaTopics kafka, String topic, String offsetTopic,
                                   String connector) {
        CommittedSourceOffset committed = CommittedSourceOffset.read(kafka, offsetTopic, connector);
        List<ChangeRecord> delivered = ChangeTopic.rowChanges(kafka, topic);
        List<ChangeId> tail = delivered.stream()
            .filter(record -> record.position() > committed.lsn())
            .map(ChangeRecord::changeId)
            .toList();
        System.out.printf("%s: %d changes in %s, committed offset %s, %d above it%n", cause, delivered.size(), topic,
            committed, tail.size());
        return new UncommittedTail(cause, delivered.size(), committed, tail);
    }

    /** The next task's first records are exactly the tail, in the same order. */
    void assertSentAgainFirst(DeliveredChanges delivered) {
        List<ChangeRecord> records = delivered.records();
        List<ChangeId> next = records.subList(deliveredBefore, Math.min(records.size(), deliveredBefore + tail.size()))
            .stream().map(ChangeRecord::changeId).toList();
        assertThat(next)
            .as("%s: the first records of the next task repeat exactly the %d changes sent above the committed "
                + "offset %s", cause, tail.size(), committed)
            .isEqualTo(tail);
    }
}
