package io.tidemark.connect.sink.dialect.snowflake;

import io.tidemark.connect.sink.dialect.ConnectionSettings;

import java.sql.SQLException;
import java.util.Properties;

/**
 * The snowflake-jdbc connection properties of a sink session. Besides the login, they set session
 * parameters the sink depends on, so that an account's defaults cannot change its behaviour.
 */
final class SnowflakeSessionProperties {

    private SnowflakeSessionProperties() {
    }

    /** @throws SQLException (SQLSTATE 28000, permanent) when the private key cannot be read */
    static Properties of(ConnectionSettings settings) throws SQLException {
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.privateKey() != null) {
            properties.setProperty("authenticator", "SNOWFLAKE_JWT");
            try {
                properties.put("privateKey", PrivateKeyPem.parse(settings.privateKey().value(),
                        settings.privateKeyPassphrase() == null ? null : settings.privateKeyPassphrase().value()));
            } catch (IllegalArgumentException e) {
                throw new SQLException("snowflake.private.key: " + e.getMessage(), "28000", e);
            }
        } else if (settings.passwordValue() != null) {
            properties.setProperty("password", settings.passwordValue());
        }
        putIfSet(properties, "db", settings.database());
        putIfSet(properties, "schema", settings.schema());
        putIfSet(properties, "role", settings.role());
        putIfSet(properties, "warehouse", settings.warehouse());
        properties.setProperty("loginTimeout", Integer.toString(settings.timeoutSeconds()));
        // Results as JSON: the driver's Arrow format needs --add-opens=java.base/java.nio=ALL-UNNAMED on
        // Java 17, which a Connect worker does not start with. Snowflake honours this session parameter.
        properties.setProperty("JDBC_QUERY_RESULT_FORMAT", "JSON");
        // Without this the driver probes cloud metadata endpoints (169.254.169.254, metadata.google.internal)
        // at every login to describe its platform, and logs SEVERE lines where they do not answer.
        properties.setProperty("disablePlatformDetection", "true");
        // The transaction is ours: load and MERGE commit together.
        properties.setProperty("AUTOCOMMIT", "false");
        // Names are always quoted with their exact spelling; an account that folds quoted names would
        // merge two columns that differ only in case.
        properties.setProperty("QUOTED_IDENTIFIERS_IGNORE_CASE", "false");
        return properties;
    }

    private static void putIfSet(Properties properties, String name, String value) {
        if (value != null) {
            properties.setProperty(name, value);
        }
    }
}
