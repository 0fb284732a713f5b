package io.tidemark.connect.systemtest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Commit-to-Kafka latency of a CDC connector: the writers report each change's commit time (by its seq), a
 * consumer reads the connector's topic from its current end, and each record's broker append time (the topic
 * uses LogAppendTime, so it is the moment the record entered Kafka) minus the commit time is one latency.
 * Either side may come first; whichever arrives second completes the pair.
 */
final class LatencyProbe implements PgbenchWriters.CommitListener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<JsonNode, JsonNode> seqOf;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread reader;
    private final Map<Long, Long> commits = new HashMap<>();
    private final Map<Long, Long> appends = new HashMap<>();
    private final List<Long> latencies = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * @param seqOf the {@code seq} field in a record value's JSON payload (our flat row: {@code payload.seq};
     *              a Debezium envelope: {@code payload.after.seq}); missing for deletes and tombstones
     */
    LatencyProbe(String bootstrapServers, String topic, Function<JsonNode, JsonNode> seqOf) {
        this.seqOf = seqOf;
        this.consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
            .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.reader = new Thread(this::read, "bench-latency-probe-" + topic);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    private void read() {
        while (running) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (record.value() == null) {
                    continue;
                }
                try {
                    JsonNode seq = seqOf.apply(JSON.readTree(record.value()).path("payload"));
                    if (seq != null && seq.isNumber()) {
                        appended(seq.asLong(), record.timestamp());
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("A record of " + record.topic() + " is not JSON", e);
                }
            }
        }
    }

    private synchronized void appended(long seq, long appendMs) {
        Long commit = commits.remove(seq);
        if (commit == null) {
            appends.put(seq, appendMs);
        } else {
            latencies.add(appendMs - commit);
        }
    }

    @Override
    public synchronized void committed(long commitMs, long[] seqs, int count) {
        for (int i = 0; i < count; i++) {
            Long append = appends.remove(seqs[i]);
            if (append == null) {
                commits.put(seqs[i], commitMs);
            } else {
                latencies.add(append - commitMs);
            }
        }
    }

    synchronized int matched() {
        return latencies.size();
    }

    /** Changes committed whose record has not been seen (yet). */
    synchronized int unmatched() {
        return commits.size();
    }

    /** Sorted latencies in ms. */
    synchronized long[] latencies() {
        return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    static double percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    @Override
    public void close() {
        running = false;
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(5));
    }
}
