package io.tidemark.connect.sink.dialect.postgres;

import io.tidemark.connect.sink.table.ColumnType;

import java.util.Set;

/** PostgreSQL's names for the neutral column types, both ways. */
final class PostgresTypes {

    /**
     * The PostgreSQL types whose text form a STRING column may carry (ColumnType.sourceType) and that the
     * warehouse then stores natively, so the value is PostgreSQL's own again. A closed list: the name goes
     * into CREATE TABLE.
     */
    private static final Set<String> NATIVE_TEXT_TYPES = Set.of("box", "circle", "line", "lseg", "path", "polygon",
            "tsquery", "interval");

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
                return type.precision() == ColumnType.UNBOUNDED ? "numeric" : "numeric(" + type.precision() + "," + type.scale() + ")";
            case STRING:
                return type.sourceType() != null && NATIVE_TEXT_TYPES.contains(type.sourceType()) ? type.sourceType() : "text";
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
                return "jsonb";
            case UUID:
                return "uuid";
            default:
                throw new IllegalArgumentException("No PostgreSQL column type for " + type);
        }
    }

    /** information_schema.columns.data_type to a neutral type; null for types we do not map. */
    static ColumnType read(String dataType, int precision, int scale) {
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
            case "character":
                return ColumnType.STRING;
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
            case "json":
            case "jsonb":
                return ColumnType.JSON;
            case "uuid":
                return ColumnType.UUID;
            default:
                return NATIVE_TEXT_TYPES.contains(dataType) ? ColumnType.textOf(dataType) : null;
        }
    }
}
