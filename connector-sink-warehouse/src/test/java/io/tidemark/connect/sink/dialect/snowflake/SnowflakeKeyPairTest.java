package io.tidemark.connect.sink.dialect.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.connect.fakesnow.PemKeys;
import io.tidemark.connect.sink.WarehouseSinkConnector;
import io.tidemark.connect.sink.testing.ChangeEvents;
import io.tidemark.connect.sink.testing.FakesnowExtension;
import io.tidemark.connect.sink.testing.ScenarioBase;
import io.tidemark.connect.sink.testing.SinkHarness;
import io.tidemark.connect.sink.testing.SnowflakeWarehouse;
import io.tidemark.connect.sink.testing.TestWarehouse;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key-pair authentication as users configure it: an encrypted PKCS#8 key and its passphrase in a
 * secrets file, referenced through Connect's FileConfigProvider, as config-examples/sink-snowflake.json
 * does. fakesnow accepts any login, so this shows the key is read and the driver logs in with the JWT it
 * signs; that Snowflake verifies the signature against the user's RSA_PUBLIC_KEY is not shown here.
 */
class SnowflakeKeyPairTest extends ScenarioBase {

    @RegisterExtension
    static final FakesnowExtension FAKESNOW = new FakesnowExtension();
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{file:[^:]+:([^}]+)}");

    @TempDir
    Path directory;

    @Override
    protected TestWarehouse newWarehouse() throws Exception {
        return new SnowflakeWarehouse(FAKESNOW.server());
    }

    /** The secrets file a user writes: the PEM on one line (\n escapes), and the passphrase. */
    private Path secretsFile(KeyPair pair, String passphrase) throws Exception {
        Path secrets = directory.resolve("secrets.properties");
        String oneLine = PemKeys.encryptedPem(pair, passphrase).strip().replace("\n", "\\n");
        Files.writeString(secrets, "snowflake.private.key=" + oneLine + "\nsnowflake.private.key.passphrase=" + passphrase + "\n",
                StandardCharsets.UTF_8);
        return secrets;
    }

    /** Resolves ${file:...:key} references against the secrets file, as the worker's FileConfigProvider does. */
    private static Map<String, String> resolved(Map<String, String> config, Path secrets) {
        Map<String, String> result = new HashMap<>(config);
        FileConfigProvider provider = new FileConfigProvider();
        provider.configure(Map.of());
        config.forEach((key, value) -> {
            Matcher reference = REFERENCE.matcher(value);
            if (reference.matches()) {
                result.put(key, provider.get(secrets.toString(), Set.of(reference.group(1))).data().get(reference.group(1)));
            }
        });
        return result;
    }

    @Test
    void aTaskLogsInWithAnEncryptedKeyFromTheSecretsFileAndWrites() throws Exception {
        Path secrets = secretsFile(PemKeys.rsa(), "correct horse battery");
        Map<String, String> config = config("snowflake.private.key", "${file:/etc/tidemark/secrets.properties:snowflake.private.key}",
                "snowflake.private.key.passphrase", "${file:/etc/tidemark/secrets.properties:snowflake.private.key.passphrase}");
        config.remove("connection.password");
        ChangeEvents events = new ChangeEvents();
        SinkHarness sink = register(new SinkHarness(resolved(config, secrets), false, PARTITION));
        sink.write(events.insert(1, "Ada", 10));

        assertThat(customers()).containsExactly(List.of("1", "Ada", "ada@example.com", "1"));
    }

    @Test
    void theSnowflakeExamplePassesValidationOncePointedAtTheServer() throws Exception {
        JsonNode body = new ObjectMapper().readTree(Path.of("..", "config-examples", "sink-snowflake.json").toFile());
        Map<String, String> example = new HashMap<>();
        body.get("config").fields().forEachRemaining(entry -> example.put(entry.getKey(), entry.getValue().asText()));
        example.put("name", body.get("name").asText());
        assertThat(example.get("snowflake.private.key")).startsWith("${file:");
        assertThat(example).doesNotContainKey("connection.password").containsEntry("identifier.case", "upper");
        // Environment keys only: the server, and the database and schema that exist there.
        Map<String, String> pointed = new HashMap<>(example);
        pointed.put("connection.url", FAKESNOW.server().jdbcUrl());
        pointed.put("snowflake.database", SnowflakeWarehouse.DATABASE);
        pointed.put("table.schema", ((SnowflakeWarehouse) warehouse).schema());

        Map<String, String> errors = new HashMap<>();
        for (ConfigValue value : new WarehouseSinkConnector().validate(resolved(pointed, secretsFile(PemKeys.rsa(), "pp"))).configValues()) {
            if (!value.errorMessages().isEmpty()) {
                errors.put(value.name(), String.join("; ", value.errorMessages()));
            }
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void validationNamesTheProblemWithAKeyWithoutShowingIt() throws Exception {
        Map<String, String> config = config("snowflake.private.key", PemKeys.encryptedPem(PemKeys.rsa(), "right"),
                "snowflake.private.key.passphrase", "wrong");
        config.remove("connection.password");

        List<String> messages = new WarehouseSinkConnector().validate(config).configValues().stream()
                .flatMap(value -> value.errorMessages().stream()).toList();
        assertThat(messages).singleElement().asString().contains("snowflake.private.key").contains("wrong passphrase")
                .doesNotContain("MII");
    }
}
