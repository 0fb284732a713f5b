package io.tidemark.connect.sink.dialect.snowflake;

import io.tidemark.connect.sink.table.ColumnType;

import java.util.Locale;

/**
 * Snowflake's names for the neutral column types, both ways, and how each travels through the staging
 * table. Integers are NUMBER(p,0) wide enough for their Connect type (Snowflake's INT is NUMBER(38,0));
 * JSON is VARIANT; a UUID is text (Snowflake has no UUID type).
 */
final class SnowflakeTypes {

    /** NUMBER holds at most 38 digits; wider or variable-scale decimals are kept exactly as text. */
    static final int MAX_NUMBER_PRECISION = 38;
    private static final String ARRAY_SUFFIX = "[]";
    private static final java.util.Set<String> INTEGER_ARRAYS = java.util.Set.of("smallint[]", "integer[]", "bigint[]");

    private SnowflakeTypes() {
    }

    static String name(ColumnType type) {
        switch (type.kind()) {
            case BOOLEAN:
                return "BOOLEAN";
            case INT8:
                return "NUMBER(3,0)";
            case INT16:
                return "NUMBER(5,0)";
            case INT32:
                return "NUMBER(10,0)";
            case INT64:
                return "NUMBER(19,0)";
            case FLOAT32:
            case FLOAT64:
                // Snowflake's FLOAT is a 64-bit double whatever it is called.
                return "FLOAT";
            case DECIMAL:
                return decimal(type);
            case STRING:
                return isArray(type) ? "ARRAY" : "VARCHAR";
            case UUID:
                return "VARCHAR";
            case BYTES:
                return "BINARY";
            case DATE:
                return "DATE";
            case TIME:
                return "TIME";
            case TIMESTAMP:
                return "TIMESTAMP_NTZ";
            case TIMESTAMPTZ:
                return "TIMESTAMP_TZ";
            case JSON:
                return "VARIANT";
            default:
                throw new IllegalArgumentException("No Snowflake column type for " + type);
        }
    }

    private static String decimal(ColumnType type) {
        if (storedAsText(type)) {
            return "VARCHAR";
        }
        int precision = type.precision() == ColumnType.UNBOUNDED ? MAX_NUMBER_PRECISION : type.precision();
        return "NUMBER(" + precision + "," + type.scale() + ")";
    }

    /** Whether a DECIMAL is kept as VARCHAR (variable scale, or more digits than NUMBER holds). */
    static boolean storedAsText(ColumnType type) {
        return type.kind() == ColumnType.Kind.DECIMAL
                && (type.scale() == ColumnType.UNBOUNDED || type.precision() > MAX_NUMBER_PRECISION || type.scale() > MAX_NUMBER_PRECISION);
    }

    /**
     * The staging column's type. JSON and binary values arrive as text and are converted when they leave
     * the staging table (PARSE_JSON, TO_BINARY): Snowflake accepts no function in an INSERT's VALUES,
     * and an array-bound INSERT is the bulk path.
     */
    static String stagingName(ColumnType type) {
        return arrivesAsText(type) ? "VARCHAR" : name(type);
    }

    /** Whether the staging table holds the value as text that the MERGE or append converts. */
    static boolean arrivesAsText(ColumnType type) {
        return type.kind() == ColumnType.Kind.JSON || type.kind() == ColumnType.Kind.BYTES || isArray(type);
    }

    /**
     * Whether the column is a PostgreSQL array (the source's text form, source type {@code integer[]}) stored as
     * an ARRAY: staged as the JSON array of its elements (integers as numbers, every other element as its
     * PostgreSQL text, which a number or date parse could alter) and parsed by the MERGE. Every dimension fits,
     * since an ARRAY holds ARRAYs. Arrays of box, whose elements PostgreSQL separates by ';', stay text.
     */
    static boolean isArray(ColumnType type) {
        String source = type.kind() == ColumnType.Kind.STRING ? type.sourceType() : null;
        return source != null && source.endsWith(ARRAY_SUFFIX) && !"box[]".equals(source);
    }

    /** Whether an ARRAY column's elements are integers, staged as JSON numbers. */
    static boolean hasIntegerElements(ColumnType type) {
        return INTEGER_ARRAYS.contains(type.sourceType());
    }

    /** information_schema.columns.data_type (with numeric precision and scale) to a neutral type; null for unmapped. */
    static ColumnType read(String dataType, int precision, int scale) {
        switch (dataType.toUpperCase(Locale.ROOT)) {
            case "NUMBER":
            case "DECIMAL":
            case "NUMERIC":
                return ColumnType.decimal(precision, scale);
            case "BOOLEAN":
                return ColumnType.BOOLEAN;
            case "FLOAT":
            case "DOUBLE":
            case "REAL":
                return ColumnType.FLOAT64;
            case "TEXT":
            case "VARCHAR":
            case "STRING":
            case "CHAR":
                return ColumnType.STRING;
            case "BINARY":
            case "VARBINARY":
                return ColumnType.BYTES;
            case "DATE":
                return ColumnType.DATE;
            case "TIME":
                return ColumnType.TIME;
            case "TIMESTAMP_NTZ":
                return ColumnType.TIMESTAMP;
            case "TIMESTAMP_TZ":
                return ColumnType.TIMESTAMPTZ;
            case "VARIANT":
                return ColumnType.JSON;
            default:
                // TIMESTAMP_LTZ, OBJECT, ARRAY, GEOGRAPHY, ...: values are handed over as they are.
                return null;
        }
    }
}
