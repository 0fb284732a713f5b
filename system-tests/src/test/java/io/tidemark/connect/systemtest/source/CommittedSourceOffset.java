package io.tidemark.connect.systemtest.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.connect.systemtest.kafka.KafkaTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The source offset a Connect cluster last committed for a connector, read from the cluster's offset
 * topic itself: after a worker is killed no REST API is left to ask, and this is exactly what the next
 * task will resume from. Connect keys each offset by {@code ["<connector>", <source partition>]}, both
 * as schemaless JSON.
 */
record CommittedSourceOffset(JsonNode offset) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The last offset {@code connector} committed in {@code offsetTopic}; fails if it committed none. */
    static CommittedSourceOffset read(KafkaTopics kafka, String offsetTopic, String connector) {
        JsonNode last = null;
        for (ConsumerRecord<byte[], byte[]> record : kafka.consumeAll(offsetTopic)) {
            JsonNode key = parse(record.key());
            if (key.isArray() && connector.equals(key.path(0).asText())) {
                last = record.value() == null ? null : parse(record.value());
            }
        }
        if (last == null) {
            throw new AssertionError("No source offset of " + connector + " in " + offsetTopic);
        }
        return new CommittedSourceOffset(last);
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON in the offset topic", e);
        }
    }

    /**
     * The LSN of the last change the offset covers (Debezium's {@code lsn}): changes at or below it were
     * committed, so a restarted task must not send them again; changes above it may come again.
     */
    long lsn() {
        JsonNode lsn = offset.path("lsn");
        if (!lsn.canConvertToLong()) {
            throw new AssertionError("The committed source offset has no numeric lsn: " + offset);
        }
        return lsn.asLong();
    }

    @Override
    public String toString() {
        return offset.toString();
    }
}
