package io.tidemark.connect.systemtest.source;

import io.tidemark.connect.systemtest.kafka.KafkaTopics;
import java.util.List;

/** Reads a whole CDC topic (read_committed, from the beginning) into decoded {@link ChangeRecord}s. */
final class ChangeTopic {

    private ChangeTopic() {
    }

    static List<ChangeRecord> read(KafkaTopics kafka, String topic) {
        return kafka.consumeAll(topic).stream().map(ChangeRecord::decode).toList();
    }

    /** The row changes of the topic in topic order, tombstones left out. */
    static List<ChangeRecord> rowChanges(KafkaTopics kafka, String topic) {
        return read(kafka, topic).stream().filter(record -> !record.isTombstone()).toList();
    }
}
