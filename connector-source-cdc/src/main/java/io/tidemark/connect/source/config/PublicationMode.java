package io.tidemark.connect.source.config;

import java.util.Arrays;
import java.util.Locale;

/** Who creates the publication; see {@link PostgresCdcSourceConfig#PUBLICATION_AUTOCREATE_MODE}. */
public enum PublicationMode {
    /** The connector creates it for the captured tables only and keeps it in step with the table lists. */
    FILTERED,
    /** A database administrator created it; the connector only reads it. */
    DISABLED;

    /** The value of Debezium's {@code publication.autocreate.mode} (the same words). */
    public String debeziumValue() {
        return configValue();
    }

    String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static String[] configValues() {
        return Arrays.stream(values()).map(PublicationMode::configValue).toArray(String[]::new);
    }

    static PublicationMode of(String configValue) {
        return valueOf(configValue.trim().toUpperCase(Locale.ROOT));
    }
}
