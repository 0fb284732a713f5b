package io.tidemark.connect.systemtest.bench;

import io.tidemark.connect.systemtest.kafka.ConnectJson;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Schema;

/**
 * The end-to-end sink benchmark's input: change events of a customer table that starts empty, 70% updates
 * and 10% deletes of live rows and 20% inserts (new ids up to {@code keys}, then re-inserts of deleted ones),
 * as flat records keyed by id, deletes as tombstones. The last {@link #SENTINELS} records insert ids outside the
 * key space (the sentinels), one per partition of a topic of up to that many partitions (an id goes to partition
 * id mod partitions, so each key's changes stay in order): once every sentinel row is visible, a sink has written
 * everything. It knows the table it must produce.
 */
final class SinkChangeStream {

    private static final Duration SEND_TIMEOUT = Duration.ofMinutes(2);
    /** Sentinel rows at the end of the stream: one for each partition of the widest topic the benchmark uses. */
    static final int SENTINELS = 4;

    private final char[] ops;
    private final long[] ids;
    private final int keys;
    private final long[] finalVersion;

    private SinkChangeStream(char[] ops, long[] ids, int keys, long[] finalVersion) {
        this.ops = ops;
        this.ids = ids;
        this.keys = keys;
        this.finalVersion = finalVersion;
    }

    /** The seed of the sink benchmarks' stream, so that the JSON and the Avro run read the same events. */
    private static final long SEED = 7;

    /**
     * The sink benchmarks' stream: options {@code events} (1,000,000 by default) and {@code keys} (200,000), always
     * the same seed.
     */
    static SinkChangeStream of(BenchOptions options) {
        return generate(options.integer("events", 1_000_000), options.integer("keys", 200_000), SEED);
    }

    /** {@code events} records in all, the last {@link #SENTINELS} being the sentinels. Event i (0-based) is version i + 1. */
    static SinkChangeStream generate(int events, int keys, long seed) {
        Random random = new Random(seed);
        char[] ops = new char[events];
        long[] ids = new long[events];
        long[] version = new long[keys + 1 + SENTINELS];
        LiveKeys live = new LiveKeys(keys + 1);
        LiveKeys deleted = new LiveKeys(keys + 1);
        long nextId = 1;
        int sentinelsFrom = events - SENTINELS;
        for (int i = 0; i < sentinelsFrom; i++) {
            int dice = random.nextInt(100);
            char op = live.size() == 0 ? 'c' : dice < 70 ? 'u' : dice < 90 ? 'c' : 'd';
            if (op == 'c' && nextId > keys && deleted.size() == 0) {
                op = 'u';
            }
            long id;
            if (op == 'c') {
                id = nextId <= keys ? nextId++ : deleted.random(random);
                deleted.remove(id);
                live.add(id);
            } else {
                id = live.random(random);
                if (op == 'd') {
                    live.remove(id);
                    deleted.add(id);
                }
            }
            ops[i] = op;
            ids[i] = id;
            version[(int) id] = op == 'd' ? 0 : i + 1;
        }
        for (int i = sentinelsFrom; i < events; i++) {
            ops[i] = 'c';
            ids[i] = keys + 1L + (i - sentinelsFrom);
            version[(int) ids[i]] = i + 1;
        }
        return new SinkChangeStream(ops, ids, keys, version);
    }

    int events() {
        return ids.length;
    }

    /** The ids of the sentinel rows. */
    long[] sentinelIds() {
        long[] sentinels = new long[SENTINELS];
        for (int i = 0; i < SENTINELS; i++) {
            sentinels[i] = keys + 1L + i;
        }
        return sentinels;
    }

    /** The key space the stream changes, without the sentinels. */
    int keys() {
        return keys;
    }

    /** The version (event number) of each row the table must hold at the end; 0 for ids it must not hold. */
    long[] finalVersions() {
        return finalVersion.clone();
    }

    long count(char op) {
        long count = 0;
        for (char each : ops) {
            count += each == op ? 1 : 0;
        }
        return count;
    }

    /** Turns a Connect key or value into the bytes of a record, as a converter's {@code fromConnectData} does. */
    @FunctionalInterface
    interface Encoder {
        byte[] encode(String topic, Schema schema, Object value);
    }

    /**
     * Writes every event to {@code topic}, which has {@code partitions} partitions (at most {@link #SENTINELS}): an
     * id's changes to partition id mod partitions. JSON with schemas, lz4 batches.
     */
    void produce(String bootstrapServers, String topic, int partitions) {
        produce(bootstrapServers, topic, partitions, ConnectJson::encodeKey, ConnectJson::encodeValue);
    }

    /** {@link #produce(String, String, int)} with keys and values encoded by {@code keys} and {@code values}. */
    void produce(String bootstrapServers, String topic, int partitions, Encoder keys, Encoder values) {
        if (partitions < 1 || partitions > SENTINELS) {
            throw new IllegalArgumentException("1 to " + SENTINELS + " partitions, not " + partitions);
        }
        Map<String, Object> config = Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
            ProducerConfig.LINGER_MS_CONFIG, "20",
            ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            Future<RecordMetadata> last = null;
            for (int i = 0; i < ids.length; i++) {
                long id = ids[i];
                byte[] key = keys.encode(topic, CustomerRows.KEY, CustomerRows.key(id));
                byte[] value = ops[i] == 'd' ? null : values.encode(topic, CustomerRows.FLAT, CustomerRows.flat(id, i + 1L));
                last = producer.send(new ProducerRecord<>(topic, (int) (id % partitions), key, value));
            }
            producer.flush();
            last.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while producing the change stream", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not produce the change stream to " + topic, e);
        }
    }
}
