package io.tidemark.connect.systemtest.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The config examples as users get them: the {@code etc/} folder of the unzipped bundle. */
public final class ConfigExamples {

    public static final String WORKER_EXAMPLE = "connect-distributed.properties";
    /** The worker example writing Avro through a schema registry. */
    public static final String AVRO_WORKER_EXAMPLE = "connect-distributed-avro.properties";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path etcDir;

    public ConfigExamples(Path etcDir) {
        this.etcDir = etcDir;
    }

    public Path dir() {
        return etcDir;
    }

    /** Every {@code *.json} connector example, by file name. */
    public List<ConnectorConfigExample> connectors() {
        try (Stream<Path> files = Files.list(etcDir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json"))
                .sorted()
                .map(file -> load(file.getFileName().toString()))
                .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + etcDir, e);
        }
    }

    /** One connector example, e.g. {@code load("sink-postgres.json")}. */
    public ConnectorConfigExample load(String fileName) {
        Path file = etcDir.resolve(fileName);
        try {
            JsonNode root = JSON.readTree(file.toFile());
            JsonNode config = root.path("config");
            if (!root.path("name").isTextual() || !config.isObject()) {
                throw new IllegalStateException(file + " is not a POST /connectors body {\"name\": ..., \"config\": {...}}");
            }
            Map<String, String> values = new LinkedHashMap<>();
            config.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
            return new ConnectorConfigExample(fileName, root.get("name").asText(), values);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read config example " + file, e);
        }
    }

    /** The distributed worker example, as a map. */
    public Map<String, String> workerExample() {
        return workerExample(WORKER_EXAMPLE);
    }

    /** A distributed worker example ({@link #WORKER_EXAMPLE}, {@link #AVRO_WORKER_EXAMPLE}), as a map. */
    public Map<String, String> workerExample(String fileName) {
        Path file = etcDir.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("The bundle has no etc/" + fileName + " (config-examples/)");
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
        Map<String, String> config = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> config.put(key, properties.getProperty(key)));
        return config;
    }
}
