package io.tidemark.connect.sink.convert;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Where a record came from in Kafka, before any transform renamed its topic (KIP-793). Offsets are
 * committed for these coordinates, so a topic-renaming SMT cannot corrupt offset tracking.
 */
public record KafkaCoordinates(String topic, int partition, long offset) {

    public static KafkaCoordinates of(SinkRecord record) {
        return new KafkaCoordinates(record.originalTopic(), record.originalKafkaPartition(), record.originalKafkaOffset());
    }

    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }

    /** topic/partition/offset, the form used in every message about a record. */
    @Override
    public String toString() {
        return topic + "/" + partition + "/" + offset;
    }
}
