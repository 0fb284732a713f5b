package io.tidemark.connect.source.values;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.postgresql.PGStatement;
import org.postgresql.util.PGobject;

import io.debezium.connector.postgresql.UnchangedToastedReplicationMessageColumn;
import io.debezium.data.SpecialValueDecimal;
import io.debezium.data.VariableScaleDecimal;
import io.debezium.spi.converter.CustomConverter;
import io.debezium.spi.converter.RelationalColumn;

/**
 * The columns whose values Debezium 3.6 drops or alters, converted so that every value PostgreSQL accepts
 * arrives exactly (Debezium calls this converter for every column and uses Debezium's own conversion for
 * the columns it does not register):
 *
 * <ul>
 * <li>{@code box}, {@code circle}, {@code line}, {@code lseg}, {@code path}, {@code polygon} and
 * {@code tsquery}, which Debezium leaves out of the record, and {@code pg_lsn}, which Debezium gives as the
 * bytes of its text: their PostgreSQL text form, a string named {@value #TEXT_FORM} with the source type in
 * parameter {@value #SOURCE_TYPE}.</li>
 * <li>{@code bit(n)} and {@code bit varying}, which Debezium gives as little-endian bytes (losing leading
 * zeros and the empty string's length): the bit string ({@code 0001}) as {@value #TEXT_FORM}, the source
 * type with its declared length ({@code bit(4)}, {@code bit varying(8)}, {@code bit varying}).</li>
 * <li>{@code point}, which Debezium gives as a struct of doubles and WKB, and the geometric types, whose
 * coordinates the JDBC driver reprints the Java way: their text as PostgreSQL prints it ({@link GeometricText}).</li>
 * <li>{@code inet}, {@code cidr}, {@code macaddr}, {@code macaddr8}, the range types and {@code char(n)}
 * (its padded value, the source type {@code character(n)}), which Debezium gives as plain strings: the same
 * text as {@value #TEXT_FORM}, so that a PostgreSQL warehouse stores them as these types.</li>
 * <li>{@code json}: Debezium's {@code Json} with the source type {@code json}, so that a PostgreSQL warehouse
 * keeps its text as written (a {@code jsonb} column reorders keys and drops spacing).</li>
 * <li>{@code money}: a {@code Decimal} with Debezium's scale ({@value #MONEY_SCALE_OPTION}) and the source
 * type {@code money}.</li>
 * <li>arrays (unless array.handling.mode is debezium): PostgreSQL's text of the array as {@value #TEXT_FORM},
 * the array type in {@link ArrayTypes}' spelling ({@code integer[]}); Debezium's Connect arrays hold dates as
 * day numbers, drop numeric arrays holding NaN and do not read multi-dimensional arrays.</li>
 * <li>{@code date}: Debezium's {@code io.debezium.time.Date} (days since 1970-01-01), also for
 * dates before Christ in a snapshot (Debezium's own conversion is off there by centuries) and with
 * {@code infinity} and {@code -infinity} as {@link #DATE_POSITIVE_INFINITY} and
 * {@link #DATE_NEGATIVE_INFINITY}, day numbers far outside PostgreSQL's range (Debezium overflows).</li>
 * <li>{@code numeric}: Debezium's schemas ({@code Decimal} with its precision, or
 * {@code VariableScaleDecimal}); {@code NaN}, {@code Infinity} and {@code -Infinity}, which Debezium turns
 * into null, become a {@link NumericSpecialValues marker} that the reshaping replaces by null and an entry
 * of the {@code tidemark.special} header.</li>
 * </ul>
 */
public final class ExactColumnValues implements CustomConverter<SchemaBuilder, RelationalColumn> {

    public static final String TEXT_FORM = "io.tidemark.data.PostgresText";
    public static final String SOURCE_TYPE = "tidemark.source.type";
    public static final int DATE_POSITIVE_INFINITY = Integer.MAX_VALUE;
    public static final int DATE_NEGATIVE_INFINITY = Integer.MIN_VALUE;

    /**
     * Types sent as their text form under their own name: the geometric types and tsquery (which Debezium
     * drops, or for point gives as a struct of doubles and WKB), pg_lsn (which it gives as bytes), and the
     * types it gives as plain strings that a PostgreSQL warehouse should hold as the same type again.
     */
    private static final Set<String> TEXT_FORM_TYPES = Set.of("point", "box", "circle", "line", "lseg", "path", "polygon",
            "tsquery", "pg_lsn", "inet", "cidr", "macaddr", "macaddr8", "int4range", "int8range", "numrange", "tsrange",
            "tstzrange", "daterange",
            // contrib: hstore (Debezium's default makes it JSON, reordered and respelled) and isn's types
            // (unknown to Debezium).
            "hstore", "isbn", "isbn13", "ismn", "ismn13", "issn", "issn13", "ean13", "upc");
    /** The length Debezium reports for a character column declared without one (bpchar). */
    private static final int UNCONSTRAINED_CHARACTER_LENGTH = Integer.MAX_VALUE;
    /** The length Debezium reports for a bit varying declared without one. */
    private static final int UNCONSTRAINED_LENGTH = Integer.MAX_VALUE;
    /** PostgreSQL's date output with an optional era: 2024-02-29, 4713-01-01 BC. */
    private static final DateTimeFormatter POSTGRES_DATE = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR_OF_ERA, 4, 9, java.time.format.SignStyle.NORMAL)
            .appendLiteral('-').appendValue(ChronoField.MONTH_OF_YEAR, 2)
            .appendLiteral('-').appendValue(ChronoField.DAY_OF_MONTH, 2)
            .optionalStart().appendLiteral(' ').appendText(ChronoField.ERA, Map.of(0L, "BC", 1L, "AD")).optionalEnd()
            .parseDefaulting(ChronoField.ERA, 1)
            .toFormatter(Locale.ROOT);
    private static final int DAYS_1970_TO_2000 = 10_957;
    private static final long STREAMED_POSITIVE_INFINITY = Integer.MAX_VALUE + DAYS_1970_TO_2000;
    private static final long STREAMED_NEGATIVE_INFINITY = Integer.MIN_VALUE + DAYS_1970_TO_2000;
    /** Debezium's default length for a numeric declared without precision. */
    private static final int UNCONSTRAINED_NUMERIC_LENGTH = 131089;

    /** Whether numeric columns are converted here (false: Debezium's decimal.handling.mode decides). */
    public static final String NUMERIC_OPTION = "numeric";
    private boolean numeric = true;
    /** Digits after the point of a money value: Debezium's money.fraction.digits, which this converter is given. */
    public static final String MONEY_SCALE_OPTION = "money.fraction.digits";
    private static final int DEFAULT_MONEY_SCALE = 2;
    private int moneyScale = DEFAULT_MONEY_SCALE;
    /** Whether array columns are sent as PostgreSQL's text of the array (the source's array.handling.mode). */
    public static final String ARRAYS_OPTION = "arrays.as.text";
    private boolean arraysAsText = true;
    /** The text Debezium writes for an unchanged TOAST value (the task's unavailable.value.placeholder). */
    public static final String PLACEHOLDER_OPTION = "unchanged.placeholder";
    private String unchangedPlaceholder;

    @Override
    public void configure(Properties props) {
        numeric = Boolean.parseBoolean(props.getProperty(NUMERIC_OPTION, "true"));
        moneyScale = Integer.parseInt(props.getProperty(MONEY_SCALE_OPTION, Integer.toString(DEFAULT_MONEY_SCALE)));
        arraysAsText = Boolean.parseBoolean(props.getProperty(ARRAYS_OPTION, "true"));
        unchangedPlaceholder = props.getProperty(PLACEHOLDER_OPTION);
    }

    @Override
    public void converterFor(RelationalColumn column, ConverterRegistration<SchemaBuilder> registration) {
        String type = column.typeName().toLowerCase(Locale.ROOT);
        if (arraysAsText && ArrayTypes.isArray(type)) {
            register(column, registration, SchemaBuilder.string().name(TEXT_FORM).parameter(SOURCE_TYPE, ArrayTypes.sourceType(type)),
                    ExactColumnValues::textForm, "{}");
        } else if (TEXT_FORM_TYPES.contains(type)) {
            register(column, registration, SchemaBuilder.string().name(TEXT_FORM).parameter(SOURCE_TYPE, type),
                    ExactColumnValues::textForm, "");
        } else if ("bpchar".equals(type)) {
            // char(n): the padded value, and the declared length, so that a PostgreSQL warehouse pads and
            // compares it as PostgreSQL does.
            register(column, registration, SchemaBuilder.string().name(TEXT_FORM).parameter(SOURCE_TYPE, characterType(column)),
                    ExactColumnValues::textForm, "");
        } else if ("json".equals(type)) {
            // json keeps its text as written (spacing, key order, duplicate keys); jsonb is Debezium's.
            register(column, registration, io.debezium.data.Json.builder().parameter(SOURCE_TYPE, type),
                    ExactColumnValues::textForm, "null");
        } else if ("money".equals(type)) {
            register(column, registration, Decimal.builder(moneyScale).parameter(SOURCE_TYPE, type),
                    this::money, BigDecimal.ZERO.setScale(moneyScale));
        } else if ("bit".equals(type) || "varbit".equals(type)) {
            register(column, registration, SchemaBuilder.string().name(TEXT_FORM).parameter(SOURCE_TYPE, bitType(column, type)),
                    ExactColumnValues::textForm, "");
        } else if ("date".equals(type)) {
            register(column, registration, io.debezium.time.Date.builder(), ExactColumnValues::epochDay, 0);
        } else if (numeric && ("numeric".equals(type) || "decimal".equals(type))) {
            registerNumeric(column, registration);
        }
    }

    /**
     * Debezium asks a NOT NULL column's converter for a value even where the database sent none (the
     * columns of a delete's key-only before-image); like Debezium's own converters, this one answers with
     * a fallback there, since the field may not be null. The reshaping never emits those fields.
     *
     * <p>For a TOAST column an UPDATE did not send, Debezium hands its converters a marker object instead of
     * a value (its own converters turn it into the placeholder); a text field here gets the placeholder text
     * too, so the reshaping lists the column in tidemark.unchanged.
     */
    private void register(RelationalColumn column, ConverterRegistration<SchemaBuilder> registration,
            SchemaBuilder schema, Converter converter, Object fallback) {
        Converter unchangedAware = schema.type() == Schema.Type.STRING
                ? value -> UnchangedToastedReplicationMessageColumn.isUnchangedToastedValue(value) ? unchangedPlaceholder
                        : converter.convert(value)
                : converter;
        registration.register(schema, column.isOptional() ? unchangedAware
                : value -> value == null ? fallback : unchangedAware.convert(value));
    }

    /** The declared type, {@code bit(4)}, {@code bit varying(8)} or {@code bit varying}, so the warehouse can declare it. */
    private static String bitType(RelationalColumn column, String type) {
        OptionalInt length = column.length();
        boolean declared = length.isPresent() && length.getAsInt() > 0 && length.getAsInt() != UNCONSTRAINED_LENGTH;
        String name = "bit".equals(type) ? "bit" : "bit varying";
        return declared ? name + "(" + length.getAsInt() + ")" : name;
    }

    /** {@code character(3)}, or {@code bpchar} for a character column declared without a length. */
    private static String characterType(RelationalColumn column) {
        OptionalInt length = column.length();
        boolean declared = length.isPresent() && length.getAsInt() > 0 && length.getAsInt() != UNCONSTRAINED_CHARACTER_LENGTH;
        return declared ? "character(" + length.getAsInt() + ")" : "bpchar";
    }

    /** Debezium gives money as a BigDecimal parsed from PostgreSQL's text in snapshot and stream alike. */
    private Object money(Object value) {
        if (value == null) {
            return null;
        }
        BigDecimal amount = value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
        if (amount.stripTrailingZeros().scale() > moneyScale) {
            throw new DataException("A money value has more than " + moneyScale + " digits after the point (the "
                    + "server's lc_monetary); set debezium." + MONEY_SCALE_OPTION + " to its number of fraction digits");
        }
        return amount.setScale(moneyScale);
    }

    private static Object textForm(Object value) {
        if (value == null) {
            return null;
        }
        String geometric = GeometricText.of(value);
        if (geometric != null) {
            return geometric;
        }
        if (value instanceof Map<?, ?> hstore) {
            return HstoreText.of(hstore);
        }
        // The JDBC driver (snapshot) gives PGobjects (PGbox, pg_lsn, varbit, ...) whose value is PostgreSQL's
        // text form, and Strings for bit(n); Debezium's pgoutput decoding (streaming) gives PGobjects for the
        // geometric types and PostgreSQL's text as a String for bit, bit varying and pg_lsn.
        if (value instanceof PGobject object) {
            return object.getValue();
        }
        // Arrays arrive as the driver's PgArray, built from PostgreSQL's text of the array (snapshot and stream),
        // whose toString() is that text. Types Debezium does not know arrive in streaming as their text's
        // bytes (include.unknown.datatypes).
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
    }

    static Object epochDay(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate date) {
            return dayNumber(date);
        }
        if (value instanceof java.sql.Date date) {
            if (date.getTime() == PGStatement.DATE_POSITIVE_INFINITY) {
                return DATE_POSITIVE_INFINITY;
            }
            if (date.getTime() == PGStatement.DATE_NEGATIVE_INFINITY) {
                return DATE_NEGATIVE_INFINITY;
            }
            return dayNumber(calendarDate(date));
        }
        if (value instanceof String text) {
            return parseDate(text);
        }
        if (value instanceof Number number) {
            return number.intValue();
        }
        throw new DataException("A date column's value arrived as " + value.getClass().getName()
                + ", which the connector does not know how to read");
    }

    /**
     * The JDBC driver filled a Julian/Gregorian calendar with PostgreSQL's era, year, month and day; reading
     * those fields back gives the proleptic Gregorian date PostgreSQL means (toLocalDate() loses the era).
     */
    private static LocalDate calendarDate(java.sql.Date date) {
        GregorianCalendar calendar = new GregorianCalendar();
        calendar.setTime(date);
        int year = calendar.get(Calendar.YEAR);
        int prolepticYear = calendar.get(Calendar.ERA) == GregorianCalendar.BC ? 1 - year : year;
        return LocalDate.of(prolepticYear, calendar.get(Calendar.MONTH) + 1, calendar.get(Calendar.DAY_OF_MONTH));
    }

    private static int dayNumber(LocalDate date) {
        long day = date.toEpochDay();
        // Debezium's pgoutput decoding adds the 10 957 days from 1970 to 2000 to PostgreSQL's internal
        // infinity (INT32_MAX) and -infinity (INT32_MIN) in 32 bits: these two overflowed days, both far
        // before PostgreSQL's first date (4713 BC), are the infinities.
        if (date.equals(LocalDate.MAX) || day == STREAMED_POSITIVE_INFINITY) {
            return DATE_POSITIVE_INFINITY;
        }
        if (date.equals(LocalDate.MIN) || day == STREAMED_NEGATIVE_INFINITY) {
            return DATE_NEGATIVE_INFINITY;
        }
        return Math.toIntExact(day);
    }

    static int parseDate(String text) {
        String trimmed = text.trim();
        if ("infinity".equalsIgnoreCase(trimmed)) {
            return DATE_POSITIVE_INFINITY;
        }
        if ("-infinity".equalsIgnoreCase(trimmed)) {
            return DATE_NEGATIVE_INFINITY;
        }
        return dayNumber(LocalDate.from(POSTGRES_DATE.parse(trimmed)));
    }

    private void registerNumeric(RelationalColumn column, ConverterRegistration<SchemaBuilder> registration) {
        OptionalInt length = column.length();
        OptionalInt scale = column.scale();
        boolean constrained = length.isPresent() && length.getAsInt() > 0
                && length.getAsInt() != UNCONSTRAINED_NUMERIC_LENGTH && scale.isPresent();
        if (constrained) {
            int declaredScale = scale.getAsInt();
            SchemaBuilder schema = Decimal.builder(declaredScale)
                    .parameter("connect.decimal.precision", Integer.toString(length.getAsInt()));
            register(column, registration, schema,
                    value -> NumericSpecialValues.fixedScale(decimalOf(value), declaredScale),
                    BigDecimal.ZERO.setScale(declaredScale));
        } else {
            SchemaBuilder schema = VariableScaleDecimal.builder();
            registration.register(schema, value -> NumericSpecialValues.variableScale(schema,
                    value == null && !column.isOptional() ? new SpecialValueDecimal(BigDecimal.ZERO) : decimalOf(value)));
        }
    }

    /** The value as a SpecialValueDecimal (its decimal, or NaN/Infinity/-Infinity), null for null. */
    private static SpecialValueDecimal decimalOf(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof SpecialValueDecimal special) {
            return special;
        }
        if (value instanceof BigDecimal decimal) {
            return new SpecialValueDecimal(decimal);
        }
        if (value instanceof Struct struct) {
            return VariableScaleDecimal.toLogical(struct);
        }
        // Strings ("NaN", "1.50"), PGobjects and Numbers: PostgreSQL's text form.
        return SpecialValueDecimal.valueOf(value instanceof PGobject object ? object.getValue() : value.toString());
    }
}
