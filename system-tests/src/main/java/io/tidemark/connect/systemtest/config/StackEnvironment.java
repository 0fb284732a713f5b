package io.tidemark.connect.systemtest.config;

import io.tidemark.connect.systemtest.stack.SecretsFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Points a config example at the test stack's servers: the environment keys the example has, and only
 * those, get the stack's values. Keys are recognised by their last dotted part, so
 * {@code database.hostname}, {@code connection.url} or {@code connection.password} all match.
 *
 * <p>A new kind of environment key (e.g. a Snowflake account URL) gets a rule here, next to the
 * server it points at.
 */
public final class StackEnvironment {

    /** The secrets file key holding the PostgreSQL password; examples reference it through the provider. */
    public static final String POSTGRES_PASSWORD_KEY = "postgres.password";

    private final String postgresHost;
    private final int postgresPort;
    private final String postgresUser;
    private final String postgresDatabase;
    private final String bootstrapServers;
    private final SecretsFile secrets;
    private final Path dataDir;

    public StackEnvironment(String postgresHost, int postgresPort, String postgresUser, String postgresDatabase,
                            String bootstrapServers, SecretsFile secrets, Path dataDir) {
        this.postgresHost = postgresHost;
        this.postgresPort = postgresPort;
        this.postgresUser = postgresUser;
        this.postgresDatabase = postgresDatabase;
        this.bootstrapServers = bootstrapServers;
        this.secrets = secrets;
        this.dataDir = dataDir;
    }

    /**
     * Whether the stack runs the servers the example connects to. It runs no Snowflake-protocol server:
     * the Snowflake example is validated against fakesnow by the sink module's SnowflakeKeyPairTest, and
     * pointing it at a real account from a test is out of the question.
     */
    public boolean serves(ConnectorConfigExample example) {
        return example.config().values().stream().noneMatch(value -> value.startsWith("jdbc:snowflake:"));
    }

    /** The example with every environment key it has pointed at this stack. */
    public ConnectorConfigExample apply(ConnectorConfigExample example) {
        return example.withOverrides(overridesFor(example));
    }

    public Map<String, String> overridesFor(ConnectorConfigExample example) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : example.config().entrySet()) {
            String key = entry.getKey();
            String value = stackValue(example, key, entry.getValue());
            if (value != null && !value.equals(entry.getValue())) {
                overrides.put(key, value);
            }
        }
        return overrides;
    }

    private String stackValue(ConnectorConfigExample example, String key, String value) {
        String last = key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (value.contains("${file:" + SecretsFile.EXAMPLE_PATH + ":")) {
            return value.replace("${file:" + SecretsFile.EXAMPLE_PATH + ":", "${file:" + secrets.path() + ":");
        }
        if (key.endsWith("bootstrap.servers")) {
            return bootstrapServers;
        }
        return switch (last) {
            case "hostname", "host" -> postgresHost;
            case "port" -> Integer.toString(postgresPort);
            case "user", "username" -> postgresUser;
            case "dbname", "database" -> postgresDatabase;
            case "password" -> secrets.reference(POSTGRES_PASSWORD_KEY);
            case "url" -> jdbcUrl(example, value);
            default -> null;
        };
    }

    private String jdbcUrl(ConnectorConfigExample example, String value) {
        if (value.startsWith("jdbc:postgresql:")) {
            return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + postgresDatabase;
        }
        if (value.startsWith("jdbc:duckdb:")) {
            String fileName = example.file().replaceAll("[.]json$", "") + ".duckdb";
            return "jdbc:duckdb:" + dataDir.resolve("duckdb").resolve(fileName);
        }
        return null;
    }
}
