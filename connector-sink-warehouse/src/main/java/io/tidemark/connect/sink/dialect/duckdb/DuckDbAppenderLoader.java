package io.tidemark.connect.sink.dialect.duckdb;

import io.tidemark.connect.sink.dialect.StagingTable;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Loads staging rows with DuckDB's Appender, its fast path (JDBC batches run at a few thousand rows per
 * second). The staging table is temporary, so it lives in catalog "temp", schema "main".
 */
final class DuckDbAppenderLoader {

    private DuckDbAppenderLoader() {
    }

    static void load(Connection connection, StagingTable staging, List<Object[]> rows) throws SQLException {
        int width = staging.columns().size();
        boolean[] asText = new boolean[width];
        for (int i = 0; i < width; i++) {
            asText[i] = DuckDbTypes.storedAsText(staging.columns().get(i).type());
        }
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        try (DuckDBAppender appender = duck.createAppender("temp", "main", staging.name().name())) {
            for (Object[] row : rows) {
                appender.beginRow();
                for (int i = 0; i < width; i++) {
                    append(appender, row[i], asText[i]);
                }
                appender.endRow();
            }
        }
    }

    private static void append(DuckDBAppender appender, Object value, boolean asText) throws SQLException {
        if (value == null) {
            appender.appendNull();
        } else if (asText) {
            appender.append(value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString());
        } else if (value instanceof String text) {
            appender.append(text);
        } else if (value instanceof Number number) {
            appendNumber(appender, number);
        } else if (value instanceof Boolean flag) {
            appender.append(flag);
        } else if (value instanceof byte[] bytes) {
            appender.append(bytes);
        } else {
            appendTemporalOrUuid(appender, value);
        }
    }

    private static void appendNumber(DuckDBAppender appender, Number number) throws SQLException {
        if (number instanceof Long value) {
            appender.append(value);
        } else if (number instanceof Integer value) {
            appender.append(value);
        } else if (number instanceof Short value) {
            appender.append(value);
        } else if (number instanceof Byte value) {
            appender.append(value);
        } else if (number instanceof Double value) {
            appender.append(value);
        } else if (number instanceof Float value) {
            appender.append(value);
        } else if (number instanceof BigDecimal value) {
            appender.append(value);
        } else {
            throw new SQLException("Unexpected number type " + number.getClass().getName() + " for the DuckDB appender");
        }
    }

    private static void appendTemporalOrUuid(DuckDBAppender appender, Object value) throws SQLException {
        if (value instanceof LocalDateTime timestamp) {
            appender.append(timestamp);
        } else if (value instanceof OffsetDateTime timestamp) {
            // TIMESTAMPTZ takes an OffsetDateTime (an Instant is not accepted).
            appender.append(timestamp);
        } else if (value instanceof LocalDate date) {
            appender.append(date);
        } else if (value instanceof LocalTime time) {
            appender.append(time);
        } else if (value instanceof UUID uuid) {
            appender.append(uuid);
        } else {
            throw new SQLException("Unexpected value type " + value.getClass().getName() + " for the DuckDB appender");
        }
    }
}
