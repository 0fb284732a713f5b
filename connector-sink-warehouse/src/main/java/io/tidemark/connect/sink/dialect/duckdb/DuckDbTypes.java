package io.tidemark.connect.sink.dialect.duckdb;

import io.tidemark.connect.sink.table.ColumnType;

import java.util.Locale;

/** DuckDB's names for the neutral column types, both ways. */
final class DuckDbTypes {

    /** DuckDB's DECIMAL holds at most 38 digits; wider or variable-scale numbers are kept exactly as text. */
    static final int MAX_DECIMAL_PRECISION = 38;
    private static final String INTERVAL_SOURCE_TYPE = "interval";

    private DuckDbTypes() {
    }

    static String name(ColumnType type) {
        switch (type.kind()) {
            case BOOLEAN:
                return "BOOLEAN";
            case INT8:
                return "TINYINT";
            case INT16:
                return "SMALLINT";
            case INT32:
                return "INTEGER";
            case INT64:
                return "BIGINT";
            case FLOAT32:
                return "FLOAT";
            case FLOAT64:
                return "DOUBLE";
            case DECIMAL:
                return decimal(type);
            case STRING:
                if (INTERVAL_SOURCE_TYPE.equals(type.sourceType())) {
                    return "INTERVAL";
                }
                return DuckDbLists.isList(type) ? DuckDbLists.listName(type) : "VARCHAR";
            case BYTES:
                return "BLOB";
            case DATE:
                return "DATE";
            case TIME:
                return "TIME";
            case TIMESTAMP:
                return "TIMESTAMP";
            case TIMESTAMPTZ:
                return "TIMESTAMP WITH TIME ZONE";
            case JSON:
                return "JSON";
            case UUID:
                return "UUID";
            default:
                throw new IllegalArgumentException("No DuckDB column type for " + type);
        }
    }

    private static String decimal(ColumnType type) {
        if (storedAsText(type)) {
            return "VARCHAR";
        }
        int precision = type.precision() == ColumnType.UNBOUNDED ? MAX_DECIMAL_PRECISION : type.precision();
        return "DECIMAL(" + precision + "," + type.scale() + ")";
    }

    /**
     * The staging column's type: an INTERVAL is staged as text ({@link DuckDbIntervalText}) and a list as
     * JSON ({@link DuckDbLists}), since the Appender cannot write either, and cast by the MERGE.
     */
    static String stagingName(ColumnType type) {
        if (isInterval(type)) {
            return "VARCHAR";
        }
        return DuckDbLists.isList(type) ? "JSON" : name(type);
    }

    static boolean isInterval(ColumnType type) {
        return type.kind() == ColumnType.Kind.STRING && INTERVAL_SOURCE_TYPE.equals(type.sourceType());
    }

    /** Whether a DECIMAL is kept as VARCHAR (variable scale, or more digits than DuckDB's DECIMAL holds). */
    static boolean storedAsText(ColumnType type) {
        return type.kind() == ColumnType.Kind.DECIMAL
                && (type.scale() == ColumnType.UNBOUNDED || type.precision() > MAX_DECIMAL_PRECISION
                || type.scale() > MAX_DECIMAL_PRECISION);
    }

    /** information_schema.columns.data_type to a neutral type; null for types we do not map. */
    static ColumnType read(String dataType, int precision, int scale) {
        String upper = dataType.toUpperCase(Locale.ROOT);
        if (upper.startsWith("DECIMAL")) {
            return ColumnType.decimal(precision, scale);
        }
        switch (upper) {
            case "BOOLEAN":
                return ColumnType.BOOLEAN;
            case "TINYINT":
                return ColumnType.INT8;
            case "SMALLINT":
                return ColumnType.INT16;
            case "INTEGER":
                return ColumnType.INT32;
            case "BIGINT":
                return ColumnType.INT64;
            case "FLOAT":
                return ColumnType.FLOAT32;
            case "DOUBLE":
                return ColumnType.FLOAT64;
            case "VARCHAR":
                return ColumnType.STRING;
            case "BLOB":
                return ColumnType.BYTES;
            case "DATE":
                return ColumnType.DATE;
            case "TIME":
                return ColumnType.TIME;
            case "TIMESTAMP":
                return ColumnType.TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE":
                return ColumnType.TIMESTAMPTZ;
            case "JSON":
                return ColumnType.JSON;
            case "UUID":
                return ColumnType.UUID;
            case "INTERVAL":
                return ColumnType.textOf(INTERVAL_SOURCE_TYPE);
            default:
                return null;
        }
    }
}
