package io.tidemark.connect.systemtest.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Topic helpers for tests: create and delete topics, produce records, read a whole topic with its
 * headers, end offsets and consumer-group lag. Payloads are raw bytes; {@link ConnectJson} makes and
 * reads the JSON the workers' converter uses.
 */
public final class KafkaTopics implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private Admin admin;
    private KafkaProducer<byte[], byte[]> producer;

    public KafkaTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        }
        return admin;
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            // One request in flight: right after a topic is created the broker may refuse the first batch
            // (NOT_LEADER_OR_FOLLOWER) while the next one is already on its way; that one then fails with
            // OUT_OF_ORDER_SEQUENCE_NUMBER, and this client was seen retrying it for minutes. Tests produce
            // little, in order, so sending one batch at a time costs nothing.
            producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1"),
                new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    public void create(String topic, int partitions) {
        create(topic, partitions, Map.of());
    }

    public void create(String topic, int partitions, Map<String, String> topicConfig) {
        NewTopic newTopic = new NewTopic(topic, Optional.of(partitions), Optional.empty()).configs(topicConfig);
        await("create topic " + topic, admin().createTopics(List.of(newTopic)).all());
    }

    public Set<String> list() {
        return await("list topics", admin().listTopics().names());
    }

    public boolean exists(String topic) {
        return list().contains(topic);
    }

    public void delete(Collection<String> topics) {
        await("delete topics " + topics, admin().deleteTopics(topics).all());
    }

    /** Sends the records and waits until the broker acknowledged all of them (acks=all). */
    public List<RecordMetadata> produce(List<ProducerRecord<byte[], byte[]>> records) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> record : records) {
            sent.add(producer().send(record));
        }
        producer().flush();
        List<RecordMetadata> acknowledged = new ArrayList<>();
        for (Future<RecordMetadata> future : sent) {
            acknowledged.add(await("produce", future));
        }
        return acknowledged;
    }

    /** End offset (the next offset to be written) of every partition of {@code topic}. */
    public Map<TopicPartition, Long> endOffsets(String topic) {
        List<TopicPartition> partitions = partitions(topic);
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new java.util.TreeMap<>(
            java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        await("end offsets of " + topic, admin().listOffsets(latest).all())
            .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /**
     * Every record of {@code topic} from the beginning up to its end offsets at the time of the call,
     * headers included. Fails if the topic does not exist.
     */
    public List<ConsumerRecord<byte[], byte[]>> consumeAll(String topic) {
        Map<TopicPartition, Long> ends = endOffsets(topic);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!reached(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not read " + topic + " up to " + ends + " within " + TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < ends.get(partition)) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    /**
     * Records not yet committed by consumer group {@code groupId}, summed over the partitions it has
     * committed offsets for. A sink connector's group is {@code connect-<connector name>}.
     */
    public long consumerGroupLag(String groupId) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            await("offsets of group " + groupId, admin().listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        var ends = await("end offsets for group " + groupId, admin().listOffsets(latest).all());
        long lag = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
            long committedOffset = entry.getValue() == null ? 0 : entry.getValue().offset();
            lag += Math.max(0, ends.get(entry.getKey()).offset() - committedOffset);
        }
        return lag;
    }

    /** The consumer group a sink connector's tasks use. */
    public static String sinkConnectorGroup(String connectorName) {
        return "connect-" + connectorName;
    }

    private List<TopicPartition> partitions(String topic) {
        var description = await("describe topic " + topic, admin().describeTopics(List.of(topic)).allTopicNames());
        return description.get(topic).partitions().stream()
            .map(partition -> new TopicPartition(topic, partition.partition()))
            .toList();
    }

    private static <T> T await(String what, Future<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not " + what + " within " + TIMEOUT, e);
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(10));
            admin = null;
        }
    }
}
