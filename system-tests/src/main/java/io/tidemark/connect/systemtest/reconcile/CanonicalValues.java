package io.tidemark.connect.systemtest.reconcile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One text form per value, whatever database and driver produced it, so that a source row and its
 * warehouse row compare equal exactly when they hold the same data: numbers without trailing zeros
 * ({@code 12.50} and {@code 12.5} are one amount), instants for timestamps with a time zone (the same
 * moment read as {@code Timestamp} from PostgreSQL or {@code OffsetDateTime} from DuckDB), hex for bytes.
 */
final class CanonicalValues {

    private CanonicalValues() {
    }

    /** The value of column {@code column} (1-based) of the current row, or null for SQL NULL. */
    static String read(ResultSet rows, int column) throws SQLException {
        Object value = rows.getObject(column);
        if (value == null) {
            return null;
        }
        String typeName = rows.getMetaData().getColumnTypeName(column).toLowerCase(Locale.ROOT);
        return of(value, typeName.contains("tz") || typeName.contains("time zone"));
    }

    static String of(Object value, boolean withTimeZone) {
        if (value instanceof BigDecimal || value instanceof BigInteger || value instanceof Long
            || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return number(new BigDecimal(value.toString()));
        }
        if (value instanceof Double || value instanceof Float) {
            return number(BigDecimal.valueOf(((Number) value).doubleValue()));
        }
        if (value instanceof Timestamp timestamp) {
            return withTimeZone ? timestamp.toInstant().toString() : timestamp.toLocalDateTime().toString();
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof ZonedDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof java.sql.Time time) {
            return time.toLocalTime().toString();
        }
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        return value.toString();
    }

    private static String number(BigDecimal number) {
        return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
    }
}
