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

    private static List<Path> jsonExamples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }
}
