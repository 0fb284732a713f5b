package io.tidemark.connect.sink.dialect;

import org.apache.kafka.common.config.types.Password;

/**
 * What a dialect needs to open a session.
 *
 * @param url            the JDBC URL
 * @param user           user name, or null when the URL or the database needs none
 * @param password       password, or null; {@link Password#toString()} never shows it
 * @param timeoutSeconds how long connecting may take before it counts as failed
 */
public record ConnectionSettings(String url, String user, Password password, int timeoutSeconds) {

    /** The password's value, or null. */
    public String passwordValue() {
        return password == null ? null : password.value();
    }
}
