package io.tidemark.connect.sink;

import io.tidemark.connect.sink.dialect.Dialects;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.sink.SinkConnector;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What PUT /connector-plugins/.../config/validate tells a user, and the plugin's packaging contracts. */
class WarehouseSinkConnectorTest {

    @TempDir
    Path directory;

    private Map<String, String> duckDb(String... overrides) {
        Map<String, String> config = new HashMap<>();
        config.put("name", "warehouse");
        config.put("connector.class", WarehouseSinkConnector.class.getName());
        config.put("topics", "tm.public.customers");
        config.put("connection.url", "jdbc:duckdb:" + directory.resolve("w.duckdb"));
        for (int i = 0; i < overrides.length; i += 2) {
            config.put(overrides[i], overrides[i + 1]);
        }
        return config;
    }

    private static Map<String, List<String>> errors(Config config) {
        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigValue value : config.configValues()) {
            if (!value.errorMessages().isEmpty()) {
                errors.put(value.name(), value.errorMessages());
            }
        }
        return errors;
    }

    @Test
    void acceptsAValidConfigurationWhoseDatabaseAnswers() {
        assertThat(errors(new WarehouseSinkConnector().validate(duckDb()))).isEmpty();
    }

    /**
     * The audit of the options: each wrong value that would fail the connector or its tasks at start
     * is refused by validate() on the option to change, before anything starts.
     */
    @TestFactory
    Stream<DynamicTest> everyOptionWithAWrongValueIsRefusedByValidateOnThatOption() {
        String[][] wrong = {
            {"connection.url", ""},
            {"connection.url", "jdbc:oracle:thin:@db:1521/x"},
            {"connection.timeout.ms", "10"},
            {"dialect", "oracle"},
            {"table.name.format", "${table}"},
            {"identifier.case", "shout"},
            {"auto.create", "maybe"},
            {"auto.evolve", "maybe"},
            {"write.mode", "upsert"},
            {"delete.mode", "purge"},
            {"primary.key.mode", "magic"},
            {"buffer.count.records", "0"},
            {"buffer.size.bytes", "10"},
            {"buffer.flush.time.ms", "-1"},
            {"max.retries", "-1"},
            {"retry.backoff.ms", "-5"},
            {"retry.backoff.max.ms", "10"},
            {"unassigned.warn.ms", "-1"},
        };
        return Stream.of(wrong).map(row -> DynamicTest.dynamicTest(row[0] + "=" + row[1], () -> {
            Map<String, String> config = duckDb(row[0], row[1]);
            assertThat(errors(new WarehouseSinkConnector().validate(config))).as("validate() errors").containsKey(row[0]);
            assertThatThrownBy(() -> startConnectorAndTask(config)).as("the connector's or its task's start")
                .isInstanceOf(ConfigException.class);
        }));
    }

    private static void startConnectorAndTask(Map<String, String> config) {
        WarehouseSinkConnector connector = new WarehouseSinkConnector();
        connector.start(config);
        new WarehouseSinkTask().start(connector.taskConfigs(1).get(0));
    }

    /** Connect's own validation cannot see MaskFields' rules (their names are the user's); ours does. */
    @Test
    void refusesAMaskingRuleThatWouldFailTheTaskUnderItsFullOptionName() {
        Map<String, List<String>> errors = errors(new WarehouseSinkConnector().validate(duckDb(
                "transforms", "mask",
                "transforms.mask.type", "io.tidemark.connect.smt.mask.MaskFields$Value",
                "transforms.mask.hmac.secret", "short-secret",
                "transforms.mask.rules", "r1,r2",
                "transforms.mask.rules.r1.fields", "email",
                "transforms.mask.rules.r1.strategy", "hmac",
                "transforms.mask.rules.r2.fields", "phone",
                "transforms.mask.rules.r2.strategy", "bogus")));
        assertThat(errors).containsOnlyKeys("transforms.mask.hmac.secret", "transforms.mask.rules.r2.strategy");
        assertThat(errors.get("transforms.mask.hmac.secret")).singleElement().asString()
                .contains("too short").doesNotContain("short-secret");
        assertThat(errors.get("transforms.mask.rules.r2.strategy")).singleElement().asString()
                .contains("must be one of hmac, hash, partial, redact, regex");
    }

    @Test
    void refusesAppendWithHardDeletesOnTheDeleteModeOption() {
        Map<String, List<String>> errors = errors(new WarehouseSinkConnector().validate(duckDb("write.mode", "append")));

        assertThat(errors).containsOnlyKeys("delete.mode");
        assertThat(errors.get("delete.mode").get(0)).contains("delete.mode=soft").contains("delete.mode=none");
    }

    @Test
    void reportsEveryBadCombinationOnItsOwnOption() {
        Map<String, List<String>> errors = errors(new WarehouseSinkConnector().validate(
                duckDb("primary.key.mode", "none", "retry.backoff.ms", "5000", "retry.backoff.max.ms", "100")));

        assertThat(errors).containsOnlyKeys("primary.key.mode", "retry.backoff.max.ms");
        assertThat(errors.get("primary.key.mode").get(0)).contains("write.mode=append");
    }

    @Test
    void refusesAPrivateKeyBesideAPasswordAndAPassphraseWithoutAKeyWithoutShowingEither() {
        Map<String, List<String>> both = errors(new WarehouseSinkConnector().validate(duckDb("connection.password", "pw-secret-1",
                "snowflake.private.key", "key-secret-2")));
        Map<String, List<String>> passphraseOnly = errors(new WarehouseSinkConnector().validate(duckDb(
                "snowflake.private.key.passphrase", "passphrase-secret-3")));

        assertThat(both).containsOnlyKeys("snowflake.private.key");
        assertThat(both.get("snowflake.private.key")).singleElement().asString().contains("not both").doesNotContain("secret");
        assertThat(passphraseOnly).containsOnlyKeys("snowflake.private.key.passphrase");
        assertThat(passphraseOnly.get("snowflake.private.key.passphrase")).singleElement().asString()
                .contains("snowflake.private.key is not").doesNotContain("secret");
    }

    @Test
    void needsKeyFieldsToTakeTheKeyFromTheValue() {
        assertThat(errors(new WarehouseSinkConnector().validate(duckDb("primary.key.mode", "record_value"))))
                .containsOnlyKeys("primary.key.fields");
    }

    @Test
    void namesTheInstalledDialectsForAnUnknownOne() {
        Map<String, List<String>> errors = errors(new WarehouseSinkConnector().validate(duckDb("dialect", "oracle")));

        assertThat(errors).containsOnlyKeys("dialect");
        assertThat(errors.get("dialect").get(0)).contains("duckdb").contains("postgres");
    }

    @Test
    void refusesAUrlNoDialectServes() {
        Map<String, List<String>> errors = errors(new WarehouseSinkConnector().validate(duckDb("connection.url", "jdbc:oracle:thin:@x")));

        assertThat(errors).containsOnlyKeys("connection.url");
        assertThat(errors.get("connection.url").get(0)).contains("No dialect serves this connection URL");
    }

    @Test
    void refusesAnUnknownTableNamePlaceholder() {
        Map<String, List<String>> errors = errors(new WarehouseSinkConnector().validate(duckDb("table.name.format", "${table}")));

        assertThat(errors).containsOnlyKeys("table.name.format");
        assertThat(errors.get("table.name.format").get(0)).contains("${table}").contains("${topic}");
    }

    @Test
    void reportsAnUnreachableDatabaseOnTheUrlWithoutThePassword() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, List<String>> errors = errors(new WarehouseSinkConnector().validate(duckDb(
                "connection.url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/warehouse", "connection.user", "sink",
                "connection.password", "s3cret-Pa55", "connection.timeout.ms", "2000")));

        assertThat(errors).containsOnlyKeys("connection.url");
        assertThat(errors.get("connection.url").get(0)).startsWith("Cannot connect to the database").doesNotContain("s3cret-Pa55");
    }

    @Test
    void refusesBadCombinationsAtStartToo() {
        assertThatThrownBy(() -> new WarehouseSinkConnector().start(duckDb("write.mode", "append")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("delete.mode");
    }

    @Test
    void numbersTheTasksForTheirMetrics() {
        WarehouseSinkConnector connector = new WarehouseSinkConnector();
        connector.start(duckDb());

        assertThat(connector.taskConfigs(2)).extracting(config -> config.get(WarehouseSinkConnector.TASK_ID)).containsExactly("0", "1");
        assertThat(connector.taskConfigs(2).get(1)).containsEntry("connection.url", duckDb().get("connection.url"));
    }

    @Test
    void documentsEveryOption() {
        for (ConfigDef.ConfigKey key : WarehouseSinkConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.group).as(key.name).isNotBlank();
            assertThat(key.displayName).as(key.name).isNotBlank();
            assertThat(key.orderInGroup).as(key.name).isPositive();
        }
        assertThat(WarehouseSinkConfig.CONFIG_DEF.configKeys().get("connection.password").type).isEqualTo(ConfigDef.Type.PASSWORD);
        assertThat(WarehouseSinkConfig.CONFIG_DEF.configKeys().get("snowflake.private.key").type).isEqualTo(ConfigDef.Type.PASSWORD);
        assertThat(WarehouseSinkConfig.CONFIG_DEF.configKeys().get("snowflake.private.key.passphrase").type)
                .isEqualTo(ConfigDef.Type.PASSWORD);
    }

    @Test
    void isFoundByServiceLoadingWithTheProjectVersion() {
        assertThat(ServiceLoader.load(SinkConnector.class).stream().map(ServiceLoader.Provider::type))
                .contains(WarehouseSinkConnector.class);
        assertThat(new WarehouseSinkConnector().version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(new WarehouseSinkTask().version()).isEqualTo(new WarehouseSinkConnector().version());
        assertThat(Dialects.installed().names()).containsExactly("duckdb", "postgres", "snowflake");
    }
}
