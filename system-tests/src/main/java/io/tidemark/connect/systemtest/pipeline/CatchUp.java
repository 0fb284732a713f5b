package io.tidemark.connect.systemtest.pipeline;

import io.tidemark.connect.systemtest.Await;
import io.tidemark.connect.systemtest.connect.ConnectRestClient;
import io.tidemark.connect.systemtest.connect.ConnectorOffsets;
import io.tidemark.connect.systemtest.kafka.KafkaTopics;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Waiting for a pipeline to drain, through what Connect itself reports (the offsets REST API of
 * KIP-875) and the topics' end offsets; nothing inside the connectors is looked at.
 *
 * <ol>
 *   <li>The source is past a change when its committed offset's {@code lsn} (Debezium's position of
 *       the last change Connect committed) reached that change's WAL position. Connect commits a source
 *       offset only once Kafka acknowledged that record and every record before it.</li>
 *   <li>A sink has caught up when its committed offsets reached the end offsets of its topics taken
 *       after step 1. Our sink commits an offset only once the record is in the warehouse (or in the
 *       dead-letter queue).</li>
 * </ol>
 */
final class CatchUp {

    private static final String SOURCE_LSN = "lsn";
    private static final Comparator<TopicPartition> PARTITION_ORDER =
        Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private final ConnectRestClient rest;
    private final KafkaTopics kafka;
    private final Duration timeout;

    CatchUp(ConnectRestClient rest, KafkaTopics kafka, Duration timeout) {
        this.rest = rest;
        this.kafka = kafka;
        this.timeout = timeout;
    }

    void awaitSource(String connector, long lsn) {
        Await.until(connector + " to commit offsets at or past LSN " + lsn, timeout,
            () -> sourceLsn(rest.offsets(connector)) >= lsn, () -> diagnostics(connector));
    }

    void awaitSink(String connector, List<String> topics) {
        Map<TopicPartition, Long> ends = new TreeMap<>(PARTITION_ORDER);
        topics.forEach(topic -> ends.putAll(kafka.endOffsets(topic)));
        Await.until(connector + " to commit the end offsets " + ends, timeout,
            () -> caughtUp(sinkOffsets(rest.offsets(connector)), ends), () -> diagnostics(connector));
    }

    /** The highest {@code lsn} among a source connector's committed offsets, or -1. */
    static long sourceLsn(ConnectorOffsets offsets) {
        long lsn = -1;
        for (ConnectorOffsets.Offset offset : offsets.offsets()) {
            if (offset.offset() != null && offset.offset().get(SOURCE_LSN) instanceof Number number) {
                lsn = Math.max(lsn, number.longValue());
            }
        }
        return lsn;
    }

    /** A sink connector's committed offsets (the next offset to read) per topic partition. */
    static Map<TopicPartition, Long> sinkOffsets(ConnectorOffsets offsets) {
        Map<TopicPartition, Long> committed = new TreeMap<>(PARTITION_ORDER);
        for (ConnectorOffsets.Offset offset : offsets.offsets()) {
            committed.put(new TopicPartition((String) offset.partition().get("kafka_topic"),
                    ((Number) offset.partition().get("kafka_partition")).intValue()),
                ((Number) offset.offset().get("kafka_offset")).longValue());
        }
        return committed;
    }

    private static boolean caughtUp(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream()
            .allMatch(end -> end.getValue() == 0 || committed.getOrDefault(end.getKey(), 0L) >= end.getValue());
    }

    private String diagnostics(String connector) {
        StringBuilder text = new StringBuilder();
        try {
            text.append("status: ").append(rest.status(connector)).append('\n');
            text.append("committed offsets: ").append(rest.offsets(connector).offsets());
        } catch (RuntimeException e) {
            text.append("(REST of ").append(rest.baseUrl()).append(" unavailable: ").append(e.getMessage()).append(')');
        }
        return text.toString();
    }
}
