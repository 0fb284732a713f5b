package io.tidemark.connect.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tidemark.connect.source.config.PostgresCdcSourceConfig;
import io.tidemark.connect.source.testing.PostgresServer;
import io.tidemark.connect.source.testing.ValidationErrors;

/**
 * config-examples/source-postgres-cdc.json, the body users POST to /connectors, is valid: only
 * options the connector (or Connect) knows, a secret by reference, and no error from validate()
 * against a prepared server once the environment's keys are replaced.
 */
class ConfigExampleTest {

    private static final File EXAMPLE = new File("../config-examples/source-postgres-cdc.json");

    @RegisterExtension
    static final PostgresServer server = PostgresServer.logical();

    @BeforeAll
    static void createTables() {
        server.execute("CREATE TABLE public.customers (id INT PRIMARY KEY, name TEXT)",
                "CREATE TABLE public.orders (id BIGINT PRIMARY KEY, customer_id INT)",
                "CREATE TABLE public.tidemark_signals (id VARCHAR(42) PRIMARY KEY, type VARCHAR(32) NOT NULL, "
                        + "data VARCHAR(2048))");
    }

    @Test
    void everyKeyIsAnOptionOfTheConnectorOrOfConnect() throws IOException {
        Map<String, String> config = exampleConfig();

        assertThat(config.get("connector.class")).isEqualTo(PostgresCdcSourceConnector.class.getName());
        assertThat(config.get("database.password")).matches("\\$\\{file:[^}]+\\}");
        for (String key : config.keySet()) {
            boolean known = PostgresCdcSourceConfig.CONFIG_DEF.names().contains(key)
                    || key.equals("connector.class") || key.equals("tasks.max") || key.startsWith("topic.creation.");
            assertThat(known).as(key).isTrue();
        }
    }

    @Test
    void itValidatesAgainstAPreparedServerWithTheEnvironmentKeysReplaced() throws IOException {
        Map<String, String> config = exampleConfig();
        config.putAll(server.connectionConfig());
        config.remove("database.password");
        config.put("database.dbname", "postgres");

        assertThat(ValidationErrors.of(new PostgresCdcSourceConnector().validate(config))).isEmpty();
    }

    private static Map<String, String> exampleConfig() throws IOException {
        JsonNode body = new ObjectMapper().readTree(EXAMPLE);
        assertThat(body.get("name").asText()).isNotBlank();
        return new HashMap<>(new ObjectMapper().convertValue(body.get("config"),
                new TypeReference<Map<String, String>>() { }));
    }
}
