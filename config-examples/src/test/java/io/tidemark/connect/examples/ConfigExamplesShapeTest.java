package io.tidemark.connect.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The examples users copy: every JSON file is a {@code POST /connectors} body that keeps its secrets
 * behind a config provider, and the worker example is set up for the bundle. (Whether a real worker
 * accepts each JSON file is checked by the system tests, which also fail while there is none.)
 */
class ConfigExamplesShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of(System.getProperty("basedir", "."));
    /** Option names whose values are secrets. */
    private static final Pattern SECRET_KEY = Pattern.compile(
        ".*(password|passphrase|secret|private[.]key|token|credentials|api[.]key).*");
    /** A config provider reference, e.g. ${file:/etc/tidemark/secrets.properties:postgres.password}. */
    private static final Pattern PROVIDER_REFERENCE = Pattern.compile("\\$\\{[A-Za-z0-9_-]+:[^}]+}");

    @TestFactory
    Stream<DynamicTest> everyJsonExampleIsAConnectorCreateBodyWithoutLiteralSecrets() throws IOException {
        return jsonExamples().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            JsonNode root = JSON.readTree(file.toFile());
            assertThat(root.path("name").asText()).as("%s: name", file.getFileName()).isNotBlank();
            JsonNode config = root.path("config");
            assertThat(config.isObject()).as("%s: config is an object", file.getFileName()).isTrue();
            assertThat(config.path("connector.class").asText()).as("%s: config.connector.class", file.getFileName())
                .isNotBlank();
            for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> option = it.next();
                assertThat(option.getValue().isValueNode())
                    .as("%s: %s must be a string, number or boolean (Connect configs are flat)",
                        file.getFileName(), option.getKey())
                    .isTrue();
                assertNoLiteralSecret(file, option.getKey(), option.getValue().asText());
            }
        }));
    }

    private static void assertNoLiteralSecret(Path file, String key, String value) {
        assertThat(value).as("%s: %s holds a private key; reference it through a config provider",
            file.getFileName(), key).doesNotContain("-----BEGIN");
        if (SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches() && !value.isEmpty()) {
            assertThat(PROVIDER_REFERENCE.matcher(value).matches())
                .as("%s: %s must be a config provider reference such as "
                    + "${file:/etc/tidemark/secrets.properties:%s}, not a literal secret", file.getFileName(), key, key)
                .isTrue();
        }
    }

    /** Which source example each sink example consumes; README.md (this folder) states the same pairing. */
    private static final Map<String, String> SOURCE_OF_SINK = Map.of(
        "sink-postgres.json", "source-postgres-cdc.json",
        "sink-duckdb.json", "source-postgres-cdc-routed-masked.json",
        "sink-postgres-avro.json", "source-postgres-cdc-routed-masked.json",
        "sink-duckdb-avro.json", "source-postgres-cdc-routed-masked.json",
        "sink-postgres-soft-delete.json", "source-postgres-cdc-routed-masked.json",
        "sink-snowflake.json", "source-postgres-cdc-routed-masked.json",
        "sink-snowflake-avro.json", "source-postgres-cdc-routed-masked.json");

    /**
     * A sink whose topics.regex matches none of the topics its source writes runs, reports RUNNING and
     * writes nothing. Each sink example must consume every topic its paired source example produces, and
     * no topic of the other source (running both sources would otherwise mix masked and unmasked rows).
     */
    @TestFactory
    Stream<DynamicTest> everySinkExampleConsumesEveryTopicOfItsPairedSourceExample() throws IOException {
        List<Path> sinks = jsonExamples().stream()
            .filter(file -> file.getFileName().toString().startsWith("sink-")).toList();
        assertThat(sinks).isNotEmpty();
        return sinks.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String sink = file.getFileName().toString();
            assertThat(SOURCE_OF_SINK).as("the pairing of %s (add it here and to README.md)", sink).containsKey(sink);
            Pattern regex = Pattern.compile(JSON.readTree(file.toFile()).path("config").path("topics.regex").asText());
            for (String source : Set.copyOf(SOURCE_OF_SINK.values())) {
                List<String> topics = ExampleTopics.of(JSON.readTree(EXAMPLES.resolve(source).toFile()).path("config"));
                assertThat(topics).as("topics of %s", source).isNotEmpty();
                if (source.equals(SOURCE_OF_SINK.get(sink))) {
                    assertThat(topics).as("%s topics.regex %s against the topics of %s", sink, regex, source)
                        .allMatch(topic -> regex.matcher(topic).matches());
                } else {
                    assertThat(topics).as("%s topics.regex %s against the topics of %s", sink, regex, source)
                        .noneMatch(topic -> regex.matcher(topic).matches());
                }
            }
        }));
    }

    @Test
    void workerExampleFindsPluginsThroughServiceFilesAndResolvesFileSecrets() throws IOException {
        Properties worker = new Properties();
        try (Reader in = Files.newBufferedReader(EXAMPLES.resolve("connect-distributed.properties"), StandardCharsets.UTF_8)) {
            worker.load(in);
        }
        assertThat(worker.getProperty("plugin.discovery")).isEqualTo("service_load");
        assertThat(worker.getProperty("plugin.path")).isNotBlank();
        assertThat(worker.getProperty("config.providers")).isEqualTo("file");
        assertThat(worker.getProperty("config.providers.file.class"))
            .isEqualTo("org.apache.kafka.common.config.provider.FileConfigProvider");
        assertThat(worker.getProperty("config.providers.file.param.allowed.paths")).isEqualTo("/etc/tidemark");
        assertThat(worker.getProperty("key.converter")).isEqualTo("org.apache.kafka.connect.json.JsonConverter");
        assertThat(worker.getProperty("value.converter")).isEqualTo("org.apache.kafka.connect.json.JsonConverter");
        assertThat(worker.getProperty("value.converter.schemas.enable")).isEqualTo("true");
        assertThat(worker.getProperty("group.id")).isNotBlank();
        for (String topic : List.of("config.storage.topic", "offset.storage.topic", "status.storage.topic")) {
            assertThat(worker.getProperty(topic)).as(topic).isNotBlank();
        }
    }

    /**
     * The Avro worker example is the JSON one with Apicurio's AvroConverter for keys and values, in Confluent's
     * wire format (the id in the payload, not in headers) with the registry's content ids, and nothing else
     * changed: the system tests start their Avro workers from it.
     */
    @Test
    void avroWorkerExampleDiffersFromTheJsonOneOnlyInItsConvertersWhichWriteConfluentWireFormat() throws IOException {
        Properties json = worker("connect-distributed.properties");
        Properties avro = worker("connect-distributed-avro.properties");
        for (String converter : List.of("key.converter", "value.converter")) {
            assertThat(avro.getProperty(converter)).isEqualTo("io.apicurio.registry.utils.converter.AvroConverter");
            assertThat(avro.getProperty(converter + ".apicurio.registry.url")).as(converter + " registry URL")
                .endsWith("/apis/registry/v2");
            assertThat(avro.getProperty(converter + ".apicurio.registry.auto-register")).isEqualTo("true");
            assertThat(avro.getProperty(converter + ".apicurio.registry.as-confluent")).isEqualTo("true");
            assertThat(avro.getProperty(converter + ".apicurio.registry.use-id")).isEqualTo("contentId");
            assertThat(avro.getProperty(converter + ".apicurio.registry.headers.enabled")).isEqualTo("false");
        }
        Map<Object, Object> jsonRest = new java.util.TreeMap<>(json);
        Map<Object, Object> avroRest = new java.util.TreeMap<>(avro);
        jsonRest.keySet().removeIf(key -> key.toString().matches("(key|value)\\.converter.*"));
        avroRest.keySet().removeIf(key -> key.toString().matches("(key|value)\\.converter.*"));
        assertThat(avroRest).as("connect-distributed-avro.properties apart from its converters").isEqualTo(jsonRest);
    }

    private static Properties worker(String file) throws IOException {
        Properties worker = new Properties();
        try (Reader in = Files.newBufferedReader(EXAMPLES.resolve(file), StandardCharsets.UTF_8)) {
            worker.load(in);
        }
        return worker;
    }

    private static List<Path> jsonExamples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }
}
