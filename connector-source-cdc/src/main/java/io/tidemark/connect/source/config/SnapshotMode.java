package io.tidemark.connect.source.config;

import java.util.Arrays;
import java.util.Locale;

/** What the connector reads before it streams changes; see {@link PostgresCdcSourceConfig#SNAPSHOT_MODE}. */
public enum SnapshotMode {
    INITIAL("initial"),
    WHEN_NEEDED("when_needed"),
    NO_DATA("no_data"),
    /**
     * Older Debezium versions called "never" what Debezium 3 calls no_data: for PostgreSQL both
     * stream from the slot's position without reading any rows (there is no schema history to build).
     */
    NEVER("no_data");

    private final String debeziumValue;

    SnapshotMode(String debeziumValue) {
        this.debeziumValue = debeziumValue;
    }

    /** The value of Debezium's {@code snapshot.mode} this mode stands for. */
    public String debeziumValue() {
        return debeziumValue;
    }

    String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static String[] configValues() {
        return Arrays.stream(values()).map(SnapshotMode::configValue).toArray(String[]::new);
    }

    static SnapshotMode of(String configValue) {
        return valueOf(configValue.trim().toUpperCase(Locale.ROOT));
    }
}
