package io.tidemark.connect.sink.convert;

import io.tidemark.connect.sink.table.ColumnType;
import io.tidemark.connect.sink.table.SpecialValue;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Connect values to the canonical Java values every dialect loads: Boolean, Byte, Short, Integer, Long,
 * Float, Double, BigDecimal, String, byte[], LocalDate, LocalTime, LocalDateTime (UTC wall clock),
 * OffsetDateTime, UUID, JSON as String, and {@link SpecialValue} for what java.time cannot hold (date and
 * timestamp infinities, the time 24:00:00). One place knows every Connect and Debezium logical type.
 */
public final class ConnectValues {

    static final String DEBEZIUM_DATE = "io.debezium.time.Date";
    static final String DEBEZIUM_TIME = "io.debezium.time.Time";
    static final String MICRO_TIME = "io.debezium.time.MicroTime";
    static final String NANO_TIME = "io.debezium.time.NanoTime";
    static final String DEBEZIUM_TIMESTAMP = "io.debezium.time.Timestamp";
    static final String MICRO_TIMESTAMP = "io.debezium.time.MicroTimestamp";
    static final String NANO_TIMESTAMP = "io.debezium.time.NanoTimestamp";
    static final String ZONED_TIMESTAMP = "io.debezium.time.ZonedTimestamp";
    static final String JSON = "io.debezium.data.Json";
    static final String UUID_TYPE = "io.debezium.data.Uuid";
    static final String XML = "io.debezium.data.Xml";
    static final String TSVECTOR = "io.debezium.data.Tsvector";
    static final String VARIABLE_SCALE_DECIMAL = "io.debezium.data.VariableScaleDecimal";
    static final String DECIMAL_PRECISION = "connect.decimal.precision";
    /** The Tidemark source's text form of a PostgreSQL type, with the type in parameter SOURCE_TYPE. */
    static final String POSTGRES_TEXT = "io.tidemark.data.PostgresText";
    static final String SOURCE_TYPE = "tidemark.source.type";
    static final String INTERVAL = "io.debezium.time.Interval";
    private static final long NANOS_PER_DAY = TimeUnit.DAYS.toNanos(1);
    /** org.postgresql.PGStatement's DATE_POSITIVE_INFINITY and DATE_NEGATIVE_INFINITY. */
    static final long PGJDBC_INFINITY = 9223372036825200000L;
    static final long PGJDBC_NEGATIVE_INFINITY = -9223372036832400000L;
    private static final long DAYS_1970_TO_2000 = 10_957;
    static final long DEBEZIUM_STREAMED_DATE_INFINITY = (int) (Integer.MAX_VALUE + DAYS_1970_TO_2000);
    static final long DEBEZIUM_STREAMED_DATE_NEGATIVE_INFINITY = (int) (Integer.MIN_VALUE + DAYS_1970_TO_2000);

    private final JsonConverter json = new JsonConverter();

    public ConnectValues() {
        json.configure(Map.of("schemas.enable", "false", "decimal.format", "NUMERIC", "converter.type", "value"));
    }

    /** The neutral column type for a Connect schema. */
    public ColumnType columnType(Schema schema) {
        String logical = schema.name();
        if (logical != null) {
            ColumnType type = logicalType(logical, schema);
            if (type != null) {
                return type;
            }
        }
        switch (schema.type()) {
            case INT8:
                return ColumnType.INT8;
            case INT16:
                return ColumnType.INT16;
            case INT32:
                return ColumnType.INT32;
            case INT64:
                return ColumnType.INT64;
            case FLOAT32:
                return ColumnType.FLOAT32;
            case FLOAT64:
                return ColumnType.FLOAT64;
            case BOOLEAN:
                return ColumnType.BOOLEAN;
            case STRING:
                return ColumnType.STRING;
            case BYTES:
                return ColumnType.BYTES;
            default:
                // ARRAY, MAP and STRUCT values are kept whole as JSON.
                return ColumnType.JSON;
        }
    }

    private static ColumnType logicalType(String logical, Schema schema) {
        switch (logical) {
            case Decimal.LOGICAL_NAME:
                return withSourceType(ColumnType.decimal(decimalPrecision(schema),
                        Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD))), schema);
            case VARIABLE_SCALE_DECIMAL:
                return ColumnType.decimal(ColumnType.UNBOUNDED, ColumnType.UNBOUNDED);
            case Date.LOGICAL_NAME:
            case DEBEZIUM_DATE:
                return ColumnType.DATE;
            case Time.LOGICAL_NAME:
            case DEBEZIUM_TIME:
            case MICRO_TIME:
            case NANO_TIME:
                return ColumnType.TIME;
            case Timestamp.LOGICAL_NAME:
            case DEBEZIUM_TIMESTAMP:
            case MICRO_TIMESTAMP:
            case NANO_TIMESTAMP:
                return ColumnType.TIMESTAMP;
            case ZONED_TIMESTAMP:
                return ColumnType.TIMESTAMPTZ;
            case JSON:
                return withSourceType(ColumnType.JSON, schema);
            case XML:
                return ColumnType.textOf("xml");
            case TSVECTOR:
                return ColumnType.textOf("tsvector");
            case UUID_TYPE:
                return ColumnType.UUID;
            case POSTGRES_TEXT:
                return withSourceType(ColumnType.STRING, schema);
            case INTERVAL:
                // ISO 8601 text (the source's default interval handling), which PostgreSQL reads as an interval.
                return schema.type() == Schema.Type.STRING ? ColumnType.textOf("interval") : null;
            default:
                // Enum, EnumSet, Xml, Year, ... are plain strings or numbers underneath.
                return null;
        }
    }

    /** The type with the Tidemark source's tidemark.source.type parameter (money, json, box, ...), if any. */
    private static ColumnType withSourceType(ColumnType type, Schema schema) {
        String sourceType = schema.parameters() == null ? null : schema.parameters().get(SOURCE_TYPE);
        return sourceType == null ? type : type.withSourceType(sourceType);
    }

    private static int decimalPrecision(Schema schema) {
        String precision = schema.parameters() == null ? null : schema.parameters().get(DECIMAL_PRECISION);
        return precision == null ? ColumnType.UNBOUNDED : Integer.parseInt(precision);
    }

    /**
     * The canonical value of {@code value} for a column of {@code type} read from a field of {@code schema}.
     *
     * @throws DataException when the value does not have the form its schema promises
     */
    public Object canonical(Object value, Schema schema, ColumnType type) {
        if (value == null) {
            return null;
        }
        String logical = schema.name() == null ? "" : schema.name();
        switch (type.kind()) {
            case DATE:
                return value instanceof java.util.Date date ? LocalDate.ofEpochDay(TimeUnit.MILLISECONDS.toDays(date.getTime()))
                        : date(((Number) value).longValue());
            case TIME:
                return time(value, logical);
            case TIMESTAMP:
                return timestamp(value, logical);
            case TIMESTAMPTZ:
                return zonedTimestamp((String) value);
            case DECIMAL:
                return VARIABLE_SCALE_DECIMAL.equals(logical) ? variableScale((Struct) value) : (BigDecimal) value;
            case UUID:
                return value instanceof UUID ? value : UUID.fromString((String) value);
            case JSON:
                return JSON.equals(logical) ? (String) value : json(schema, value);
            case BYTES:
                return value instanceof ByteBuffer buffer ? bytes(buffer) : (byte[]) value;
            default:
                return value;
        }
    }

    /**
     * Days since 1970-01-01. The Tidemark source sends date infinity and -infinity as the largest and
     * smallest int; stock Debezium's streaming sends the two days its 32-bit arithmetic overflows to. All
     * four lie far outside PostgreSQL's dates (4713 BC to 5874897 AD).
     */
    private static Object date(long days) {
        if (days == Integer.MAX_VALUE || days == DEBEZIUM_STREAMED_DATE_INFINITY) {
            return SpecialValue.INFINITY;
        }
        if (days == Integer.MIN_VALUE || days == DEBEZIUM_STREAMED_DATE_NEGATIVE_INFINITY) {
            return SpecialValue.NEGATIVE_INFINITY;
        }
        return LocalDate.ofEpochDay(days);
    }

    /** Debezium sends timestamptz infinity as the text infinity; any other value is ISO 8601. */
    private static Object zonedTimestamp(String value) {
        if ("infinity".equals(value)) {
            return SpecialValue.INFINITY;
        }
        if ("-infinity".equals(value)) {
            return SpecialValue.NEGATIVE_INFINITY;
        }
        return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static Object time(Object value, String logical) {
        if (value instanceof java.util.Date date) {
            return LocalTime.ofNanoOfDay(TimeUnit.MILLISECONDS.toNanos(date.getTime()));
        }
        long amount = ((Number) value).longValue();
        long nanos;
        switch (logical) {
            case MICRO_TIME:
                nanos = TimeUnit.MICROSECONDS.toNanos(amount);
                break;
            case NANO_TIME:
                nanos = amount;
                break;
            default:
                nanos = TimeUnit.MILLISECONDS.toNanos(amount);
        }
        // PostgreSQL's time has 24:00:00, the end of the day, which java.time does not.
        return nanos == NANOS_PER_DAY ? SpecialValue.END_OF_DAY : LocalTime.ofNanoOfDay(nanos);
    }

    private static Object timestamp(Object value, String logical) {
        if (value instanceof java.util.Date date) {
            return utc(date.toInstant());
        }
        long amount = ((Number) value).longValue();
        // Debezium sends timestamp infinity and -infinity as the JDBC driver's infinity constants.
        if (amount == PGJDBC_INFINITY) {
            return SpecialValue.INFINITY;
        }
        if (amount == PGJDBC_NEGATIVE_INFINITY) {
            return SpecialValue.NEGATIVE_INFINITY;
        }
        Instant instant;
        switch (logical) {
            case MICRO_TIMESTAMP:
                instant = Instant.ofEpochSecond(Math.floorDiv(amount, 1_000_000L), Math.floorMod(amount, 1_000_000L) * 1_000L);
                break;
            case NANO_TIMESTAMP:
                instant = Instant.ofEpochSecond(Math.floorDiv(amount, 1_000_000_000L), Math.floorMod(amount, 1_000_000_000L));
                break;
            default:
                instant = Instant.ofEpochMilli(amount);
        }
        return utc(instant);
    }

    /**
     * The instant as a UTC date-time. Not LocalDateTime.ofInstant: on JDK 17 it builds the offset's ZoneRules for
     * every value, which a profile of the sink's task thread showed at 6% of its samples.
     */
    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
    }

    private static BigDecimal variableScale(Struct value) {
        return new BigDecimal(new BigInteger(value.getBytes("value")), value.getInt32("scale"));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }

    /** A Struct, Map or List as JSON text (schemaless values too, with a null schema). */
    public String json(Schema schema, Object value) {
        return new String(json.fromConnectData("", schema, value), StandardCharsets.UTF_8);
    }
}
