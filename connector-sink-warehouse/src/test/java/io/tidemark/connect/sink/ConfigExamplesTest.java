package io.tidemark.connect.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.connect.sink.testing.PostgresWarehouse;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST bodies in config-examples/ pass the connector's validation once the environment keys
 * (URL, user, password) point at a real database, exactly as the system tests use them.
 */
class ConfigExamplesTest {

    @TempDir
    Path directory;

    private static Map<String, String> example(String file) throws IOException {
        JsonNode body = new ObjectMapper().readTree(Path.of("..", "config-examples", file).toFile());
        Map<String, String> config = new HashMap<>();
        body.get("config").fields().forEachRemaining(entry -> config.put(entry.getKey(), entry.getValue().asText()));
        config.put("name", body.get("name").asText());
        return config;
    }

    private static Map<String, String> errors(Config config) {
        Map<String, String> errors = new HashMap<>();
        for (ConfigValue value : config.configValues()) {
            if (!value.errorMessages().isEmpty()) {
                errors.put(value.name(), String.join("; ", value.errorMessages()));
            }
        }
        return errors;
    }

    @Test
    void thePostgresExampleIsValidAndKeepsItsPasswordInAConfigProvider() throws Exception {
        Map<String, String> config = example("sink-postgres.json");
        assertThat(config.get("connection.password")).startsWith("${file:");
        assertThat(config).containsEntry("errors.tolerance", "all").containsEntry("errors.deadletterqueue.context.headers.enable", "true")
                .containsEntry("value.converter.schemas.enable", "true");

        PostgresWarehouse postgres = new PostgresWarehouse();
        try {
            config.putAll(postgres.connectorConfig());
            assertThat(errors(new WarehouseSinkConnector().validate(config))).isEmpty();
        } finally {
            postgres.close();
        }
    }

    @Test
    void theDuckDbExampleIsValid() throws Exception {
        Map<String, String> config = example("sink-duckdb.json");
        assertThat(config).containsEntry("errors.deadletterqueue.topic.name", "tidemark.dlq.warehouse-duckdb");

        config.put("connection.url", "jdbc:duckdb:" + directory.resolve("warehouse.duckdb"));
        assertThat(errors(new WarehouseSinkConnector().validate(config))).isEmpty();
    }
}
