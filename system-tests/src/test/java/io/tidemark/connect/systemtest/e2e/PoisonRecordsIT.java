package io.tidemark.connect.systemtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.systemtest.Await;
import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.kafka.ConnectJson;
import io.tidemark.connect.systemtest.pipeline.PostgresWarehouse;
import io.tidemark.connect.systemtest.pipeline.ShopPipeline;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import io.tidemark.connect.systemtest.workload.ShopWorkload;
import io.tidemark.connect.systemtest.workload.WorkloadSummary;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 7: bad records among the change stream, as other producers on a shared topic make them: a
 * value that is not JSON, a record without a key, and an order whose amount does not fit its
 * {@code numeric(12,2)} column. Each lands in the dead-letter queue of config-examples/sink-postgres.json
 * with Connect's error headers naming it, and everything else arrives: the warehouse equals the source.
 */
@ExtendWith(LocalStackExtension.class)
class PoisonRecordsIT {

    @Test
    void poisonRecordsGoToTheDeadLetterQueueAndEverythingElseArrives(LocalStack stack) throws Exception {
        TestNames names = TestNames.of("e2e_poison");
        PostgresWarehouse warehouse = Scenario.postgresWarehouse(stack, names);
        try (ShopPipeline pipeline = Scenario.startPipeline(stack, names)) {
            ShopPipeline.Sink sink = pipeline.startSink(names.connector("sink"), "sink-postgres.json", warehouse);

            Map<String, RecordMetadata> poisons = new TreeMap<>();
            WorkloadSummary summary = Scenario.workloadAround(pipeline, ShopWorkload.Settings.defaults(),
                workload -> poisons.putAll(producePoison(stack, pipeline)));
            Scenario.assertCaughtUpAndReconciled(pipeline, summary, sink);

            String dlq = sink.config().get("errors.deadletterqueue.topic.name");
            Map<String, ConsumerRecord<byte[], byte[]>> dead = Await.value("the 3 poison records in " + dlq,
                Scenario.TIMEOUT, () -> deadLetters(stack, dlq, sink.topics()), letters -> letters.size() >= 3);
            assertThat(dead).as("dead letters of this pipeline's topics, by topic/partition/offset")
                .containsOnlyKeys(poisons.values().stream().map(PoisonRecordsIT::coordinates).toList());
            for (Map.Entry<String, RecordMetadata> poison : poisons.entrySet()) {
                ConsumerRecord<byte[], byte[]> letter = dead.get(coordinates(poison.getValue()));
                assertThat(header(letter, "__connect.errors.connector.name")).isEqualTo(sink.name());
                assertThat(header(letter, "__connect.errors.exception.class.name")).as(poison.getKey()).isNotBlank();
                assertThat(header(letter, "__connect.errors.stage")).as(poison.getKey())
                    .isEqualTo(poison.getKey().equals("not JSON") ? "VALUE_CONVERTER" : "TASK_PUT");
            }
            assertThat(header(dead.get(coordinates(poisons.get("no key"))), "__connect.errors.exception.message"))
                .contains("has no key");
        }
    }

    /** Produces the three poison records among the live stream; returns where each landed. */
    private static Map<String, RecordMetadata> producePoison(LocalStack stack, ShopPipeline pipeline) {
        String customers = pipeline.topic("customers");
        String orders = pipeline.topic("orders");
        ConsumerRecord<byte[], byte[]> order = Await.value("an order in " + orders, Scenario.TIMEOUT,
            () -> stack.kafka().consumeAll(orders).stream().filter(record -> record.value() != null).findFirst().orElse(null),
            record -> record != null);
        SchemaAndValue key = ConnectJson.decodeKey(orders, order.key());
        SchemaAndValue value = ConnectJson.decodeValue(orders, order.value());
        Struct tooLarge = copy((Struct) value.value());
        tooLarge.put("id", -1L).put("__op", "c").put("amount", new BigDecimal("123456789012.34"));
        Struct negativeKey = new Struct(key.schema()).put("id", -1L);

        Map<String, ProducerRecord<byte[], byte[]>> poisons = Map.of(
            "not JSON", new ProducerRecord<>(customers, order.key(), "{\"schema\": oops".getBytes(StandardCharsets.UTF_8)),
            "no key", new ProducerRecord<>(orders, null, order.value()),
            "too large", ConnectJson.record(orders, key.schema(), negativeKey, value.schema(), tooLarge));
        Map<String, RecordMetadata> landed = new TreeMap<>();
        poisons.forEach((what, record) -> landed.put(what, stack.kafka().produce(List.of(record)).get(0)));
        return landed;
    }

    private static Struct copy(Struct original) {
        Struct copy = new Struct(original.schema());
        for (Field field : original.schema().fields()) {
            copy.put(field, original.get(field));
        }
        return copy;
    }

    private static Map<String, ConsumerRecord<byte[], byte[]>> deadLetters(LocalStack stack, String dlq, List<String> topics) {
        Map<String, ConsumerRecord<byte[], byte[]>> letters = new TreeMap<>();
        if (!stack.kafka().exists(dlq)) {
            return letters;
        }
        for (ConsumerRecord<byte[], byte[]> letter : stack.kafka().consumeAll(dlq)) {
            String topic = header(letter, "__connect.errors.topic");
            if (topics.contains(topic)) {
                letters.put(topic + "/" + header(letter, "__connect.errors.partition") + "/"
                    + header(letter, "__connect.errors.offset"), letter);
            }
        }
        return letters;
    }

    private static String coordinates(RecordMetadata metadata) {
        return metadata.topic() + "/" + metadata.partition() + "/" + metadata.offset();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
