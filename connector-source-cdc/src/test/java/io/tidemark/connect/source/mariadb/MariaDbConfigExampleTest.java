package io.tidemark.connect.source.mariadb;

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

import io.tidemark.connect.source.testing.MariaDbServer;
import io.tidemark.connect.source.testing.ValidationErrors;

/**
 * config-examples/source-mariadb-cdc.json is valid: only options the connector (or Connect) knows, a
 * secret by reference, and no error from validate() against a prepared server once the environment's
 * keys are replaced.
 */
class MariaDbConfigExampleTest {

    private static final File EXAMPLE = new File("../config-examples/source-mariadb-cdc.json");

    @RegisterExtension
    static final MariaDbServer server = MariaDbServer.forCdc();

    @BeforeAll
    static void createTables() {
        server.execute("CREATE DATABASE shop", "CREATE TABLE shop.customers (id INT PRIMARY KEY, name TEXT)",
                "CREATE TABLE shop.orders (id BIGINT PRIMARY KEY, customer_id INT)");
    }

    @Test
    void everyKeyIsAnOptionOfTheConnectorOrOfConnect() throws IOException {
        Map<String, String> config = exampleConfig();

        assertThat(config.get("connector.class")).isEqualTo(MariaDbCdcSourceConnector.class.getName());
        assertThat(config.get("database.password")).matches("\\$\\{file:[^}]+\\}");
        for (String key : config.keySet()) {
            boolean known = MariaDbCdcSourceConfig.CONFIG_DEF.names().contains(key)
                    || key.equals("connector.class") || key.equals("tasks.max") || key.startsWith("topic.creation.");
            assertThat(known).as(key).isTrue();
        }
    }

    @Test
    void itValidatesAgainstAPreparedServerWithTheEnvironmentKeysReplaced() throws IOException {
        Map<String, String> config = exampleConfig();
        Map<String, String> environment = server.capturing("example", "unused", "unused", 1);
        for (String key : new String[] {"database.hostname", "database.port", "database.user", "database.password"}) {
            config.put(key, environment.get(key));
        }

        assertThat(ValidationErrors.of(new MariaDbCdcSourceConnector().validate(config))).isEmpty();
    }

    private static Map<String, String> exampleConfig() throws IOException {
        JsonNode body = new ObjectMapper().readTree(EXAMPLE);
        assertThat(body.get("name").asText()).isNotBlank();
        return new HashMap<>(new ObjectMapper().convertValue(body.get("config"),
                new TypeReference<Map<String, String>>() { }));
    }
}
