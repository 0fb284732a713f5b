package io.tidemark.connect.sink.dialect.postgres;

import io.tidemark.connect.sink.table.ColumnType;

import java.util.Set;
import java.util.regex.Pattern;

/** PostgreSQL's names for the neutral column types, both ways. */
final class PostgresTypes {

    /**
     * The PostgreSQL types whose text form a STRING column may carry (ColumnType.sourceType) and that the
     * warehouse then stores natively, so the value is PostgreSQL's own again. A closed list: the name goes
     * into CREATE TABLE.
     */
    private static final Set<String> NATIVE_TEXT_TYPES = Set.of("point", "box", "circle", "line", "lseg", "path",
            "polygon", "tsquery", "tsvector", "xml", "interval", "pg_lsn", "inet", "cidr", "macaddr", "macaddr8",
            "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange", "bpchar");
    /**
     * Bit strings with their declared length, as the source names them: bit(4), bit varying(8), bit varying.
     * Only digits between the parentheses, so the name may go into CREATE TABLE.
     */
    private static final Pattern BIT_STRING_TYPE = Pattern.compile("bit\\([1-9][0-9]{0,7}\\)|bit varying(\\([1-9][0-9]{0,7}\\))?");
    /** char(n) as the source names it: character(3) (bpchar, without a length, is in NATIVE_TEXT_TYPES). */
    private static final Pattern CHARACTER_TYPE = Pattern.compile("character\\([1-9][0-9]{0,7}\\)");
    /**
     * Element types of the arrays whose text a STRING may carry (source type {@code integer[]}), stored as
     * that array type. The source names them unconstrained (bpchar, bit varying, numeric).
     */
    private static final Set<String> NATIVE_ARRAY_ELEMENTS = Set.of("smallint", "integer", "bigint", "real",
            "double precision", "numeric", "boolean", "text", "character varying", "bpchar", "name", "date", "time",
            "time with time zone", "timestamp", "timestamp with time zone", "interval", "uuid", "json", "jsonb", "bytea",
            "inet", "cidr", "macaddr", "macaddr8", "money", "bit varying", "oid", "xml", "point", "box", "circle", "line",
            "lseg", "path", "polygon", "tsvector", "tsquery", "pg_lsn", "int4range", "int8range", "numrange", "tsrange",
            "tstzrange", "daterange");
    private static final String ARRAY_SUFFIX = "[]";
    private static final String MONEY = "money";
    private static final String JSON_AS_WRITTEN = "json";

    private PostgresTypes() {
    }

    static String name(ColumnType type) {
        switch (type.kind()) {
            case BOOLEAN:
                return "boolean";
            case INT8:
            case INT16:
                return "smallint";
            case INT32:
                return "integer";
            case INT64:
                return "bigint";
            case FLOAT32:
                return "real";
            case FLOAT64:
                return "double precision";
            case DECIMAL:
                if (MONEY.equals(type.sourceType())) {
                    return MONEY;
                }
                return type.precision() == ColumnType.UNBOUNDED ? "numeric" : "numeric(" + type.precision() + "," + type.scale() + ")";
            case STRING:
                return isNativeText(type.sourceType()) ? type.sourceType() : "text";
            case BYTES:
                return "bytea";
            case DATE:
                return "date";
            case TIME:
                return "time";
            case TIMESTAMP:
                return "timestamp";
            case TIMESTAMPTZ:
                return "timestamptz";
            case JSON:
                return JSON_AS_WRITTEN.equals(type.sourceType()) ? JSON_AS_WRITTEN : "jsonb";
            case UUID:
                return "uuid";
            default:
                throw new IllegalArgumentException("No PostgreSQL column type for " + type);
        }
    }

    private static boolean isNativeText(String sourceType) {
        return sourceType != null && (NATIVE_TEXT_TYPES.contains(sourceType) || BIT_STRING_TYPE.matcher(sourceType).matches()
                || CHARACTER_TYPE.matcher(sourceType).matches() || sourceType.endsWith(ARRAY_SUFFIX)
                && NATIVE_ARRAY_ELEMENTS.contains(sourceType.substring(0, sourceType.length() - ARRAY_SUFFIX.length())));
    }

    /**
     * information_schema.columns.data_type (with numeric precision and scale, and character_maximum_length,
     * a bit string's length) to a neutral type; null for types we do not map. A column this dialect created
     * reads back as the type it was created for: bit(4) as the text of bit(4).
     */
    static ColumnType read(String dataType, int precision, int scale, int length) {
        switch (dataType) {
            case "boolean":
                return ColumnType.BOOLEAN;
            case "smallint":
                return ColumnType.INT16;
            case "integer":
                return ColumnType.INT32;
            case "bigint":
                return ColumnType.INT64;
            case "real":
                return ColumnType.FLOAT32;
            case "double precision":
                return ColumnType.FLOAT64;
            case "numeric":
                return ColumnType.decimal(precision, precision == ColumnType.UNBOUNDED ? ColumnType.UNBOUNDED : scale);
            case "text":
            case "character varying":
                return ColumnType.STRING;
            case "character":
                return ColumnType.textOf(length == ColumnType.UNBOUNDED ? "bpchar" : "character(" + length + ")");
            case MONEY:
                return ColumnType.decimal(ColumnType.UNBOUNDED, scale).withSourceType(MONEY);
            case "bytea":
                return ColumnType.BYTES;
            case "date":
                return ColumnType.DATE;
            case "time without time zone":
                return ColumnType.TIME;
            case "timestamp without time zone":
                return ColumnType.TIMESTAMP;
            case "timestamp with time zone":
                return ColumnType.TIMESTAMPTZ;
            case JSON_AS_WRITTEN:
                return ColumnType.JSON.withSourceType(JSON_AS_WRITTEN);
            case "jsonb":
                return ColumnType.JSON;
            case "uuid":
                return ColumnType.UUID;
            case "bit":
                return ColumnType.textOf("bit(" + length + ")");
            case "bit varying":
                return ColumnType.textOf(length == ColumnType.UNBOUNDED ? "bit varying" : "bit varying(" + length + ")");
            default:
                return NATIVE_TEXT_TYPES.contains(dataType) ? ColumnType.textOf(dataType) : null;
        }
    }
}
