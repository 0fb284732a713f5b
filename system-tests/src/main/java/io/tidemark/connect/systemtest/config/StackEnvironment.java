package io.tidemark.connect.systemtest.config;

import io.tidemark.connect.systemtest.mariadb.MariaDbServer;
import io.tidemark.connect.systemtest.stack.SecretsFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Points a config example at the test stack's servers: the environment keys the example has, and only
 * those, get the stack's values. Keys are recognised by their last dotted part, so
 * {@code database.hostname}, {@code connection.url} or {@code connection.password} all match.
 *
 * <p>A Snowflake example (its {@code connection.url} is a {@code jdbc:snowflake:} URL) gets the stack's
 * fakesnow URL, which starts fakesnow on first use, and its secrets file; everything else stays as in the
 * example: fakesnow accepts any user and key, ignores role and warehouse, and creates the example's
 * database and schema when a session names them.
 *
 * <p>A new kind of environment key gets a rule here, next to the server it points at.
 */
public final class StackEnvironment {

    /** The secrets file key holding the PostgreSQL password; examples reference it through the provider. */
    public static final String POSTGRES_PASSWORD_KEY = "postgres.password";
    /** The secrets file key holding the MariaDB password the MariaDB source example references. */
    public static final String MARIADB_PASSWORD_KEY = "mariadb.password";
    private static final String MARIADB_SOURCE = "io.tidemark.connect.source.mariadb.MariaDbCdcSourceConnector";
    /** The secrets file keys the Snowflake example references for its key pair. */
    public static final String SNOWFLAKE_PEM_KEY = "snowflake.private.key";
    public static final String SNOWFLAKE_PASSPHRASE_KEY = "snowflake.private.key.passphrase";
    private static final String SNOWFLAKE_URL_PREFIX = "jdbc:snowflake:";
    private static final String APICURIO_REGISTRY_URL = ".apicurio.registry.url";

    private final String postgresHost;
    private final int postgresPort;
    private final String postgresUser;
    private final String postgresDatabase;
    private final String bootstrapServers;
    private final SecretsFile secrets;
    private final Path dataDir;
    private final Supplier<String> snowflakeUrl;
    private final Supplier<MariaDbServer> mariadb;
    private final Supplier<String> schemaRegistryUrl;

    /**
     * @param snowflakeUrl      the JDBC URL of the stack's Snowflake, asked only when an example connects to Snowflake
     * @param mariadb           the stack's MariaDB, asked (and so started) only for a MariaDB source example
     * @param schemaRegistryUrl the Apicurio API URL of the stack's schema registry, asked only when an example's
     *                          converters name one ({@code ...apicurio.registry.url})
     */
    public StackEnvironment(String postgresHost, int postgresPort, String postgresUser, String postgresDatabase,
                            String bootstrapServers, SecretsFile secrets, Path dataDir, Supplier<String> snowflakeUrl,
                            Supplier<MariaDbServer> mariadb, Supplier<String> schemaRegistryUrl) {
        this.mariadb = mariadb;
        this.postgresHost = postgresHost;
        this.postgresPort = postgresPort;
        this.postgresUser = postgresUser;
        this.postgresDatabase = postgresDatabase;
        this.bootstrapServers = bootstrapServers;
        this.secrets = secrets;
        this.dataDir = dataDir;
        this.snowflakeUrl = snowflakeUrl;
        this.schemaRegistryUrl = schemaRegistryUrl;
    }

    /** Whether the example's converters talk to a schema registry (Apicurio's AvroConverter). */
    public static boolean usesSchemaRegistry(ConnectorConfigExample example) {
        return example.config().keySet().stream().anyMatch(key -> key.endsWith(APICURIO_REGISTRY_URL));
    }

    /**
     * Whether the example connects to Snowflake: then the stack's fakesnow serves it, and only a worker
     * that can read fakesnow's answers can run or validate it (see the README's Snowflake section).
     */
    public static boolean connectsToSnowflake(ConnectorConfigExample example) {
        return example.config().values().stream().anyMatch(value -> value.startsWith(SNOWFLAKE_URL_PREFIX));
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

    /** Whether the example captures MariaDB: then the stack's MariaDB serves it. */
    public static boolean capturesMariaDb(ConnectorConfigExample example) {
        return MARIADB_SOURCE.equals(example.config().get("connector.class"));
    }

    private String stackValue(ConnectorConfigExample example, String key, String value) {
        String last = key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (capturesMariaDb(example) && !value.startsWith("${")) {
            switch (last) {
                case "hostname":
                    return mariadb.get().host();
                case "port":
                    return Integer.toString(mariadb.get().port());
                case "user":
                    return mariadb.get().user();
                default:
                    break;
            }
        }
        if (value.contains("${file:" + SecretsFile.EXAMPLE_PATH + ":")) {
            return value.replace("${file:" + SecretsFile.EXAMPLE_PATH + ":", "${file:" + secrets.path() + ":");
        }
        if (key.endsWith("bootstrap.servers")) {
            return bootstrapServers;
        }
        if (key.endsWith(APICURIO_REGISTRY_URL)) {
            return schemaRegistryUrl.get();
        }
        if (connectsToSnowflake(example)) {
            return value.startsWith(SNOWFLAKE_URL_PREFIX) ? snowflakeUrl.get() : null;
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
