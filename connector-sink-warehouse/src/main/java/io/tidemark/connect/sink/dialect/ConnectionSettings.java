package io.tidemark.connect.sink.dialect;

import org.apache.kafka.common.config.types.Password;

/**
 * What a dialect needs to open a session. Secrets are {@link Password}s, whose {@code toString()} never
 * shows them. The last five settings are read by the Snowflake dialect only (PostgreSQL and DuckDB take
 * the database from the URL and know no warehouses or key pairs).
 *
 * @param url                  the JDBC URL
 * @param user                 user name, or null when the URL or the database needs none
 * @param password             password, or null
 * @param timeoutSeconds       how long connecting may take before it counts as failed
 * @param schema               the schema of the target tables (table.schema), or null for the session's default
 * @param database             Snowflake: the database, or null to take the user's default
 * @param role                 Snowflake: the role, or null for the user's default role
 * @param warehouse            Snowflake: the virtual warehouse that runs the statements, or null for the user's default
 * @param privateKey           Snowflake key-pair authentication: the PEM private key (PKCS#8), or null for a password
 * @param privateKeyPassphrase the passphrase of an encrypted private key, or null
 */
public record ConnectionSettings(String url, String user, Password password, int timeoutSeconds, String schema, String database,
                                 String role, String warehouse, Password privateKey, Password privateKeyPassphrase) {

    /** Settings for a database that needs only a URL and perhaps a user and password. */
    public ConnectionSettings(String url, String user, Password password, int timeoutSeconds) {
        this(url, user, password, timeoutSeconds, null, null, null, null, null, null);
    }

    /** The password's value, or null. */
    public String passwordValue() {
        return password == null ? null : password.value();
    }
}
