package io.tidemark.connect.sink.dialect.snowflake;

import io.tidemark.connect.sink.dialect.Identifiers;
import io.tidemark.connect.sink.dialect.PostgresArrayText;
import io.tidemark.connect.sink.dialect.SqlBuilder;
import io.tidemark.connect.sink.dialect.StagingTable;
import io.tidemark.connect.sink.table.Column;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Loads staging rows with one prepared INSERT and batched parameter binds. snowflake-jdbc sends a batch
 * as one array-bound statement, and above the server's CLIENT_STAGE_ARRAY_BINDING_THRESHOLD it uploads
 * the rows to an internal stage and inserts from there by itself.
 *
 * <p>Every value is bound as text, which Snowflake casts to the staging column's type on insert:
 * numbers in their exact decimal form, dates and times in ISO form, booleans as true/false. One binding
 * type for all columns also meets the driver's rule that a parameter keeps its type across the rows of a
 * batch (nulls included), and keeps values independent of the JVM's time zone (the driver's own
 * timestamp binding is not); the driver's decimal binding with a fraction is refused by fakesnow, and
 * fakesnow cannot take a null in an array-bound number or boolean column. JSON and binary (hex) stay
 * text in staging and are converted by the MERGE.
 */
final class SnowflakeBatchLoader {

    /** Rows per executeBatch: bounds the driver's copy of the bind arrays. */
    static final int ROWS_PER_BATCH = 50_000;

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter OFFSET_DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx");

    private SnowflakeBatchLoader() {
    }

    static void load(Identifiers identifiers, Connection connection, StagingTable staging, List<Object[]> rows) throws SQLException {
        List<Column> columns = staging.columns();
        String insert = new SqlBuilder(identifiers).sql("INSERT INTO ").table(staging.name()).sql(" (")
                .names(columns.stream().map(Column::name).toList()).sql(") VALUES (")
                .each(columns, ", ", (s, column) -> s.sql("?")).sql(")").toString();
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            int pending = 0;
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    Column column = columns.get(i);
                    boolean array = row[i] != null && SnowflakeTypes.isArray(column.type());
                    bind(statement, i + 1, array ? arrayJson((String) row[i], column) : row[i]);
                }
                statement.addBatch();
                if (++pending == ROWS_PER_BATCH) {
                    statement.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                statement.executeBatch();
            }
        }
    }

    /** A PostgreSQL array's text as the JSON array the MERGE parses into an ARRAY; bounds other than 1 do not fit. */
    private static String arrayJson(String arrayText, Column column) throws SQLException {
        PostgresArrayText array;
        try {
            array = PostgresArrayText.parse(arrayText);
        } catch (IllegalArgumentException e) {
            throw outOfRange(column, "this text (" + e.getMessage() + ")");
        }
        if (array.lowerBounds() != null) {
            throw outOfRange(column, "an array with lower bounds other than 1 (" + array.lowerBounds() + ")");
        }
        return array.json(SnowflakeTypes.hasIntegerElements(column.type()));
    }

    private static SQLException outOfRange(Column column, String what) {
        // Worded and classed as a data error, so the row alone goes to the dead-letter queue.
        return new SQLException("The value is out of range for Snowflake column " + column.name() + " of type ARRAY, which cannot hold "
                + what, "22003");
    }

    /** Binds one value as text, or a VARCHAR null. */
    static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, text(value));
        }
    }

    /** A canonical value as the text Snowflake casts to its column type (ISO dates and times, hex for binary). */
    static String text(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return floating(((Number) value).doubleValue(), value);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (value instanceof LocalDateTime timestamp) {
            return withFraction(DATE_TIME.format(timestamp), timestamp.getNano());
        }
        if (value instanceof OffsetDateTime timestamp) {
            return withFraction(OFFSET_DATE_TIME.format(timestamp), timestamp.getNano()) + OFFSET.format(timestamp);
        }
        if (value instanceof LocalTime time) {
            return withFraction(TIME.format(time), time.getNano());
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        // Strings, JSON text, UUIDs, and schemaless values headed for text columns.
        return value.toString();
    }

    /** Snowflake's names for the special values ('inf', '-inf', 'NaN'); a float's own decimal form (1.1f is 1.1). */
    private static String floating(double number, Object value) {
        if (Double.isInfinite(number)) {
            return number > 0 ? "inf" : "-inf";
        }
        return value.toString();
    }

    /** Seconds always, then the fraction without trailing zeros (nanoseconds at most). */
    private static String withFraction(String seconds, int nanos) {
        if (nanos == 0) {
            return seconds;
        }
        String fraction = String.format(Locale.ROOT, "%09d", nanos);
        int end = fraction.length();
        while (fraction.charAt(end - 1) == '0') {
            end--;
        }
        return seconds + "." + fraction.substring(0, end);
    }
}
