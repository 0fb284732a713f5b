package io.tidemark.connect.systemtest.bench;

import io.tidemark.connect.systemtest.config.ConfigExamples;
import io.tidemark.connect.systemtest.config.ConnectorConfigExample;
import io.tidemark.connect.systemtest.connect.ConnectWorker;
import io.tidemark.connect.systemtest.registry.SchemaRegistryServer;
import io.tidemark.connect.systemtest.stack.LocalStack;
import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.connect.storage.Converter;

/**
 * Benchmark 1 again with the converter most production clusters run: the events of {@link SinkEndToEndBenchmark}
 * (same generator, same seed), written in Confluent's wire format by Apicurio's AvroConverter against the stack's
 * Apicurio Registry, and read by our warehouse sink (sink-postgres-avro.json) and by Debezium's JDBC sink (tuned as
 * in benchmark 1, with the same converter settings) in turn, on the stack's Avro Connect cluster
 * (connect-distributed-avro.properties), each into an empty PostgreSQL table of its own database.
 */
public final class SinkAvroEndToEndBenchmark implements Benchmark {

    static final String TOPIC = "bench-avro.public." + WriterTable.NAME;
    private static final String OURS = "Tidemark warehouse sink, Avro";
    private static final String AVRO_CONVERTER = "io.apicurio.registry.utils.converter.AvroConverter";

    @Override
    public String id() {
        return "sink-e2e-avro";
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        int batch = context.options().integer("dbz.batch", 5000);
        ZonedDateTime started = ZonedDateTime.now();
        LoadAverage load = LoadAverage.now();
        long start = System.nanoTime();
        SinkChangeStream stream = SinkChangeStream.of(context.options());
        try (LocalStack stack = BenchStack.start(context, Map.of())) {
            SchemaRegistryServer registry = stack.schemaRegistry();
            Duration registryStart = registry.startupTime();
            context.log().printf(Locale.ROOT, "Schema registry (Apicurio Registry) ready in %.1f s%n", registryStart.toMillis() / 1e3);
            ConnectWorker worker = stack.avroWorker();
            String peer = "Debezium JDBC sink " + BenchStack.pluginVersion(stack, BenchStack.DEBEZIUM_JDBC_SINK) + ", Avro";
            stack.postgres().createDatabase("bench_tidemark_avro");
            stack.postgres().createDatabase("bench_debezium_avro");
            stack.kafka().create(TOPIC, 1);
            produce(context, stack, registry, stream);

            ConnectorConfigExample example = stack.environment().apply(stack.configExamples().load("sink-postgres-avro.json"))
                .withOverrides(Map.of("topics.regex", Pattern.quote(TOPIC),
                    "connection.url", stack.postgres().jdbcUrl("bench_tidemark_avro")));
            Map<String, String> debezium = new LinkedHashMap<>(
                SinkEndToEndBenchmark.debeziumConfig(stack, batch, TOPIC, "bench_debezium_avro", 1));
            debezium.keySet().removeIf(SinkAvroEndToEndBenchmark::isConverterKey);
            example.config().forEach((key, value) -> {
                if (isConverterKey(key)) {
                    debezium.put(key, value);
                }
            });
            try (WorkerJmx jmx = WorkerJmx.attach(worker.process().pid())) {
                List<Contender> contenders = List.of(
                    new SinkContender(OURS, "tidemark-avro", stack, worker.rest(), "bench_tidemark_avro", name -> example.config(),
                        stream, jmx),
                    new SinkContender(peer, "debezium-avro", stack, worker.rest(), "bench_debezium_avro", name -> debezium,
                        stream, jmx));
                List<Sample> samples = Rounds.alternate(context.rounds(), contenders, "events/s", context.log());
                return List.of(new BenchResult(id(), "Sink end to end through Connect, Avro + schema registry, into PostgreSQL",
                    "events/s", true, contenders.stream().map(Contender::name).toList(), samples,
                    List.of(Target.ratioAtLeast("Tidemark / " + peer, OURS, peer, 3.0)),
                    setup(stream, example, debezium, registryStart), started, load, BenchMain.since(start)));
            }
        }
    }

    private static boolean isConverterKey(String key) {
        return key.startsWith("key.converter") || key.startsWith("value.converter");
    }

    /** Writes the stream with the converter the workers read it with, configured as the Avro worker example says. */
    private static void produce(BenchContext context, LocalStack stack, SchemaRegistryServer registry, SinkChangeStream stream)
        throws IOException {
        Map<String, String> worker = stack.configExamples().workerExample(ConfigExamples.AVRO_WORKER_EXAMPLE);
        try (Converter keys = PluginConverter.load(stack.avroConverterPlugin(), AVRO_CONVERTER,
                 converterConfig(worker, "key.converter.", registry), true);
             Converter values = PluginConverter.load(stack.avroConverterPlugin(), AVRO_CONVERTER,
                 converterConfig(worker, "value.converter.", registry), false)) {
            long produceStart = System.nanoTime();
            PluginConverter.withLoaderOf(values, () ->
                stream.produce(stack.broker().bootstrapServers(), TOPIC, 1, keys::fromConnectData, values::fromConnectData));
            context.log().printf(Locale.ROOT, "Produced %,d Avro records to %s in %.1f s%n", stream.events(), TOPIC,
                (System.nanoTime() - produceStart) / 1e9);
        }
    }

    private static Map<String, String> converterConfig(Map<String, String> worker, String prefix, SchemaRegistryServer registry) {
        Map<String, String> config = new TreeMap<>();
        worker.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                config.put(key.substring(prefix.length()), value);
            }
        });
        config.replace("apicurio.registry.url", registry.apicurioUrl());
        return config;
    }

    private static List<String> setup(SinkChangeStream stream, ConnectorConfigExample example, Map<String, String> debezium,
                                      Duration registryStart) {
        List<String> setup = new ArrayList<>();
        setup.add(String.format(Locale.ROOT, "One topic, one partition, %,d records: the change events of the sink end-to-end "
            + "benchmark above (same generator and seed: %,d inserts, %,d updates, %,d deletes over %,d keys, flat records keyed "
            + "by id, deletes as tombstones, the last %d records insert sentinel rows), written by Apicurio's AvroConverter "
            + "(apicurio-registry-utils-converter, configured as connect-distributed-avro.properties: Confluent's wire format, "
            + "contentId) against Apicurio Registry 2.4.2.",
            stream.events(), stream.count('c'), stream.count('u'), stream.count('d'), stream.keys(), SinkChangeStream.SENTINELS));
        setup.add(String.format(Locale.ROOT, "Schema registry: Apicurio Registry 2.4.2 (in-memory storage) started by the stack, "
            + "ready in %.1f s in this run.", registryStart.toMillis() / 1e3));
        setup.add("Each round each connector reads the whole topic from the beginning into an empty table of its own database, "
            + "one task each. Timed from resuming the connector (created paused) until every sentinel row is visible; then the "
            + "table is compared row by row with the expected final state (result correct).");
        setup.add("Ours: " + example.file() + " as shipped (its AvroConverter settings, buffer.count.records="
            + example.config().get("buffer.count.records") + ", buffer.flush.time.ms=" + example.config().get("buffer.flush.time.ms")
            + ", tasks.max=" + example.config().get("tasks.max") + ": the second task gets no partition).");
        setup.add("Debezium JDBC sink as in the sink end-to-end benchmark (insert.mode=upsert, delete.enabled=true, "
            + "primary.key.mode=record_key, use.reduction.buffer=true, reWriteBatchedInserts=true, batch.size="
            + debezium.get("batch.size") + " with consumer.override.max.poll.records=" + debezium.get("batch.size")
            + ", tasks.max=1), with the same AvroConverter settings as ours.");
        setup.add("Worker: the stack's Avro cluster (Kafka 4.3, -Xmx1g, connect-distributed-avro.properties, the converter's "
            + "plugin folder in plugin.path); peak heap is that worker JVM's, sampled over JMX.");
        return setup;
    }
}
