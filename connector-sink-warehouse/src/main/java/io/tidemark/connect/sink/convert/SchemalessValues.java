package io.tidemark.connect.sink.convert;

import io.tidemark.connect.sink.table.ColumnType;
import org.apache.kafka.connect.errors.DataException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Values of schemaless records (JSON maps: Long, Double, BigDecimal, String, Boolean, Map, List) take
 * the type of the existing column they go into. A value that cannot become that type is a data error of
 * its record; messages name the types, never the value.
 */
public final class SchemalessValues {

    private final ConnectValues connectValues;

    public SchemalessValues(ConnectValues connectValues) {
        this.connectValues = connectValues;
    }

    /**
     * The canonical value for a column of {@code type}; {@code type} null (a column type we do not map)
     * passes scalars as they are and JSON-encodes structures.
     *
     * @throws DataException when the value does not fit
     */
    public Object coerce(Object value, ColumnType type) {
        if (value == null) {
            return null;
        }
        try {
            return type == null ? passThrough(value) : toType(value, type);
        } catch (ArithmeticException | NumberFormatException | DateTimeParseException | ClassCastException e) {
            throw new DataException("a " + value.getClass().getSimpleName() + " value does not fit a " + type + " column", e);
        }
    }

    private Object passThrough(Object value) {
        return value instanceof Map || value instanceof List ? connectValues.json(null, value) : value;
    }

    private Object toType(Object value, ColumnType type) {
        switch (type.kind()) {
            case BOOLEAN:
                return value instanceof Boolean ? value : parseBoolean(value.toString());
            case INT8:
                return decimal(value).byteValueExact();
            case INT16:
                return decimal(value).shortValueExact();
            case INT32:
                return decimal(value).intValueExact();
            case INT64:
                return decimal(value).longValueExact();
            case FLOAT32:
                return value instanceof Number number ? number.floatValue() : Float.parseFloat(value.toString());
            case FLOAT64:
                return value instanceof Number number ? number.doubleValue() : Double.parseDouble(value.toString());
            case DECIMAL:
                BigDecimal decimal = decimal(value);
                return type.scale() == ColumnType.UNBOUNDED ? decimal : decimal.setScale(type.scale(), RoundingMode.UNNECESSARY);
            case STRING:
            case JSON:
                return value instanceof String ? value : connectValues.json(null, value);
            case BYTES:
                return value instanceof byte[] ? value : Base64.getDecoder().decode((String) value);
            case UUID:
                return UUID.fromString((String) value);
            default:
                return temporal(value, type);
        }
    }

    private static Object temporal(Object value, ColumnType type) {
        switch (type.kind()) {
            case DATE:
                return value instanceof Number days ? LocalDate.ofEpochDay(days.longValue()) : LocalDate.parse((String) value);
            case TIME:
                return LocalTime.parse((String) value);
            case TIMESTAMP:
                return value instanceof Number millis
                        ? ConnectValues.utc(Instant.ofEpochMilli(millis.longValue()))
                        : LocalDateTime.parse(((String) value).replace(' ', 'T'));
            case TIMESTAMPTZ:
                return value instanceof Number millis
                        ? OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis.longValue()), ZoneOffset.UTC)
                        : OffsetDateTime.parse(((String) value).replace(' ', 'T'), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            default:
                throw new DataException("schemaless values cannot fill a " + type + " column");
        }
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue());
        }
        if (value instanceof Number number) {
            return BigDecimal.valueOf(number.longValue());
        }
        return new BigDecimal(value.toString().trim());
    }

    private static Boolean parseBoolean(String text) {
        if ("true".equalsIgnoreCase(text)) {
            return Boolean.TRUE;
        }
        if ("false".equalsIgnoreCase(text)) {
            return Boolean.FALSE;
        }
        throw new NumberFormatException("not a boolean");
    }
}
