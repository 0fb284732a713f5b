package io.tidemark.connect.source.values;

import java.util.Locale;
import java.util.Map;

/**
 * Array column types as Debezium names them (PostgreSQL's internal names, {@code _int4}) and as the source
 * type of their text form ({@code integer[]}, a name PostgreSQL's CREATE TABLE takes). Element types with a
 * length or precision become their unconstrained form ({@code bpchar[]}, {@code bit varying[]},
 * {@code numeric[]}): Debezium does not report an array's element modifier, and the unconstrained type holds
 * every value with the same text. Other element types (enums, domains, extensions) keep their own name.
 */
final class ArrayTypes {

    private static final Map<String, String> ELEMENTS = Map.ofEntries(
            Map.entry("int2", "smallint"), Map.entry("int4", "integer"), Map.entry("int8", "bigint"),
            Map.entry("float4", "real"), Map.entry("float8", "double precision"), Map.entry("numeric", "numeric"),
            Map.entry("bool", "boolean"), Map.entry("text", "text"), Map.entry("varchar", "character varying"),
            Map.entry("bpchar", "bpchar"), Map.entry("name", "name"), Map.entry("date", "date"),
            Map.entry("time", "time"), Map.entry("timetz", "time with time zone"), Map.entry("timestamp", "timestamp"),
            Map.entry("timestamptz", "timestamp with time zone"), Map.entry("interval", "interval"),
            Map.entry("uuid", "uuid"), Map.entry("json", "json"), Map.entry("jsonb", "jsonb"), Map.entry("bytea", "bytea"),
            Map.entry("inet", "inet"), Map.entry("cidr", "cidr"), Map.entry("macaddr", "macaddr"),
            Map.entry("macaddr8", "macaddr8"), Map.entry("money", "money"), Map.entry("bit", "bit varying"),
            Map.entry("varbit", "bit varying"), Map.entry("oid", "oid"), Map.entry("xml", "xml"),
            Map.entry("point", "point"), Map.entry("box", "box"), Map.entry("circle", "circle"), Map.entry("line", "line"),
            Map.entry("lseg", "lseg"), Map.entry("path", "path"), Map.entry("polygon", "polygon"),
            Map.entry("tsvector", "tsvector"), Map.entry("tsquery", "tsquery"), Map.entry("pg_lsn", "pg_lsn"),
            Map.entry("int4range", "int4range"), Map.entry("int8range", "int8range"), Map.entry("numrange", "numrange"),
            Map.entry("tsrange", "tsrange"), Map.entry("tstzrange", "tstzrange"), Map.entry("daterange", "daterange"));

    private ArrayTypes() {
    }

    static boolean isArray(String typeName) {
        return typeName.length() > 1 && typeName.charAt(0) == '_';
    }

    static String sourceType(String typeName) {
        String element = typeName.substring(1).toLowerCase(Locale.ROOT);
        return ELEMENTS.getOrDefault(element, element) + "[]";
    }
}
