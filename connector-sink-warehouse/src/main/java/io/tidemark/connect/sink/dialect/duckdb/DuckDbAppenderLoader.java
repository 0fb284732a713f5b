package io.tidemark.connect.sink.dialect.duckdb;

import io.tidemark.connect.sink.dialect.StagingTable;
import io.tidemark.connect.sink.table.Column;
import io.tidemark.connect.sink.table.ColumnType;
import io.tidemark.connect.sink.table.SpecialValue;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Loads staging rows with DuckDB's Appender, its fast path (JDBC batches run at a few thousand rows per
 * second). The staging table is temporary, so it lives in catalog "temp", schema "main".
 */
final class DuckDbAppenderLoader {

    private static final long END_OF_DAY_MICROS = 86_400_000_000L;

    private DuckDbAppenderLoader() {
    }

    static void load(Connection connection, StagingTable staging, List<Object[]> rows) throws SQLException {
        int width = staging.columns().size();
        boolean[] asText = new boolean[width];
        boolean[] interval = new boolean[width];
        String[] list = new String[width];
        ColumnType[] types = new ColumnType[width];
        for (int i = 0; i < width; i++) {
            types[i] = staging.columns().get(i).type();
            asText[i] = DuckDbTypes.storedAsText(types[i]);
            interval[i] = DuckDbTypes.isInterval(types[i]);
            list[i] = DuckDbLists.listName(types[i]);
        }
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        try (DuckDBAppender appender = duck.createAppender("temp", "main", staging.name().name())) {
            for (Object[] row : rows) {
                appender.beginRow();
                for (int i = 0; i < width; i++) {
                    if (interval[i] && row[i] != null) {
                        appender.append(DuckDbIntervalText.of((String) row[i]));
                    } else if (list[i] != null && row[i] != null) {
                        appender.append(DuckDbLists.json((String) row[i], staging.columns().get(i).name(), list[i]));
                    } else if (row[i] instanceof SpecialValue special && !asText[i]) {
                        appendSpecial(appender, special, staging.columns().get(i));
                    } else {
                        append(appender, row[i], asText[i]);
                    }
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

    /**
     * DuckDB's infinities are its largest value and the negation of it (DATE: days, TIMESTAMP and
     * TIMESTAMPTZ: microseconds); its TIME holds 24:00:00 as a day's microseconds.
     */
    private static void appendSpecial(DuckDBAppender appender, SpecialValue special, Column column) throws SQLException {
        ColumnType.Kind kind = column.type().kind();
        boolean positive = special.equals(SpecialValue.INFINITY);
        if (special.isInfinite() && kind == ColumnType.Kind.DATE) {
            appender.appendEpochDays(positive ? Integer.MAX_VALUE : -Integer.MAX_VALUE);
        } else if (special.isInfinite() && (kind == ColumnType.Kind.TIMESTAMP || kind == ColumnType.Kind.TIMESTAMPTZ)) {
            appender.appendEpochMicros(positive ? Long.MAX_VALUE : -Long.MAX_VALUE);
        } else if (special.equals(SpecialValue.END_OF_DAY) && kind == ColumnType.Kind.TIME) {
            appender.appendDayMicros(END_OF_DAY_MICROS);
        } else {
            // Worded as a data error ("out of range"), so the row alone goes to the dead-letter queue.
            throw new SQLException("The value " + special.text() + " is out of range for DuckDB column " + column.name()
                    + " of type " + DuckDbTypes.name(column.type()) + ", which cannot hold it", "22003");
        }
    }

    private static void appendTemporalOrUuid(DuckDBAppender appender, Object value) throws SQLException {
        if (value instanceof LocalDateTime timestamp) {
            // Microseconds exactly, in every year DuckDB holds (the LocalDateTime and OffsetDateTime
            // overloads go through milliseconds at the edges of the range).
            appender.appendEpochMicros(epochMicros(timestamp.toInstant(ZoneOffset.UTC)));
        } else if (value instanceof OffsetDateTime timestamp) {
            appender.appendEpochMicros(epochMicros(timestamp.toInstant()));
        } else if (value instanceof LocalDate date) {
            appender.appendEpochDays(Math.toIntExact(date.toEpochDay()));
        } else if (value instanceof LocalTime time) {
            appender.append(time);
        } else if (value instanceof UUID uuid) {
            appender.append(uuid);
        } else {
            throw new SQLException("Unexpected value type " + value.getClass().getName() + " for the DuckDB appender");
        }
    }

    /** DuckDB's timestamps are 64-bit microseconds: they end in 294247 (PostgreSQL's go on to 294276). */
    private static long epochMicros(Instant instant) throws SQLException {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
        } catch (ArithmeticException e) {
            throw new SQLException("The timestamp " + instant + " is out of range for DuckDB, whose timestamps end in the "
                    + "year 294247", "22008", e);
        }
    }
}
