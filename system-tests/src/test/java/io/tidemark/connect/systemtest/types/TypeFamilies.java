package io.tidemark.connect.systemtest.types;

import java.util.ArrayList;
import java.util.List;

/**
 * The tables of the type-fidelity suite: one per family of PostgreSQL types, each column with ordinary,
 * boundary and special values (row k of a table holds the k-th value of each column, NULL where a column
 * has fewer values; NOT NULL columns repeat their first value).
 */
final class TypeFamilies {

    /** A column: its name, its type as written in CREATE TABLE, and its values as SQL literals. */
    record TypedColumn(String name, String type, List<String> values) {
        boolean notNull() {
            return type.endsWith("NOT NULL");
        }

        /** The type without NOT NULL, as the README names it. */
        String typeName() {
            return notNull() ? type.substring(0, type.length() - " NOT NULL".length()) + " (NOT NULL)" : type;
        }
    }

    /** A table of one family. */
    record Family(String table, List<TypedColumn> columns) {
        int rowCount() {
            return columns.stream().mapToInt(column -> column.values().size()).max().orElse(0);
        }

        String createTable() {
            List<String> definitions = new ArrayList<>();
            definitions.add("id int PRIMARY KEY");
            columns.forEach(column -> definitions.add(column.name() + " " + column.type()));
            return "CREATE TABLE public." + table + " (" + String.join(", ", definitions) + ")";
        }

        /** INSERT of row k (0-based) under the given id. */
        String insert(int row, int id) {
            List<String> values = new ArrayList<>();
            values.add(Integer.toString(id));
            for (TypedColumn column : columns) {
                List<String> own = column.values();
                values.add(row < own.size() ? own.get(row) : column.notNull() ? own.get(0) : "NULL");
            }
            return "INSERT INTO public." + table + " VALUES (" + String.join(", ", values) + ")";
        }

        /** UPDATE of the row with the given id to the values of row k (0-based). */
        String update(int row, int id) {
            List<String> assignments = new ArrayList<>();
            for (TypedColumn column : columns) {
                List<String> own = column.values();
                assignments.add(column.name() + " = " + (row < own.size() ? own.get(row) : column.notNull() ? own.get(0) : "NULL"));
            }
            return "UPDATE public." + table + " SET " + String.join(", ", assignments) + " WHERE id = " + id;
        }
    }

    private static TypedColumn column(String name, String type, String... values) {
        return new TypedColumn(name, type, List.of(values));
    }

    /** The contrib extensions whose types the contrib family uses; created in the source database first. */
    static final List<String> EXTENSIONS = List.of("citext", "hstore", "ltree", "isn");

    static final List<Family> FAMILIES = List.of(
            new Family("fid_numbers", List.of(
                    column("c_smallint", "smallint", "-32768", "32767", "0"),
                    column("c_integer", "integer", "-2147483648", "2147483647"),
                    column("c_bigint", "bigint", "-9223372036854775808", "9223372036854775807"),
                    column("c_real", "real", "'NaN'", "'Infinity'", "'-Infinity'", "1.5", "-3.4e38", "1e-37"),
                    column("c_double", "double precision", "'NaN'", "'Infinity'", "'-Infinity'", "0.1",
                            "1.7976931348623157e308", "5e-324"),
                    column("c_numeric", "numeric", "'NaN'", "'Infinity'", "'-Infinity'", "1e-20",
                            "123456789012345678901234567890.123456789", "-0.5"),
                    column("c_numeric_10_2", "numeric(10,2)", "99999999.99", "-99999999.99", "0.01"),
                    column("c_numeric_not_null", "numeric(6,2) NOT NULL", "1.5", "-9999.99"),
                    column("c_money", "money", "12.34", "-92233720368547758.08"))),
            // NaN in a numeric(p,s): PostgreSQL holds it, DuckDB's DECIMAL does not (the rows are refused there).
            new Family("fid_numeric_nan", List.of(
                    column("c_numeric_nan_10_2", "numeric(10,2)", "'NaN'", "1.5"),
                    column("c_numeric_nan_not_null", "numeric(6,2) NOT NULL", "'NaN'", "2.5"))),
            new Family("fid_times", List.of(
                    column("c_date", "date", "'infinity'", "'-infinity'", "'4713-01-01 BC'", "'0001-01-01'",
                            "'9999-12-31'", "'10000-01-01'", "'5874897-12-31'", "'2024-02-29'"),
                    column("c_date_not_null", "date NOT NULL", "'2024-02-29'", "'infinity'", "'1000-01-01 BC'"),
                    column("c_time", "time", "'24:00:00'", "'00:00:00'", "'23:59:59.999999'", "'12:34:56.5'"),
                    column("c_time_not_null", "time NOT NULL", "'01:02:03'", "'24:00:00'"),
                    column("c_timetz", "timetz", "'10:00:00+05'", "'23:59:59.999999-14:59'", "'00:00:00+00'"),
                    column("c_timestamp", "timestamp", "'infinity'", "'-infinity'", "'4713-01-01 00:00:00 BC'",
                            "'0001-01-01 00:00:00'", "'10000-01-01 00:00:00.000001'", "'2024-02-29 12:34:56.789012'"),
                    column("c_timestamptz", "timestamptz", "'infinity'", "'-infinity'", "'4713-01-01 00:00:00+00 BC'",
                            "'10000-01-01 00:00:00.999999+00'", "'2024-02-29 12:34:56.789012+02'"),
                    column("c_interval", "interval", "'-178000000 years'", "'178000000 years'",
                            "'1 mon 2 days 00:00:01.5'", "'-1 day'", "'00:00:00.000001'"))),
            new Family("fid_geometry", List.of(
                    column("c_point_not_null", "point NOT NULL", "'(1,2)'", "'(0.1,1e20)'", "'(-1.5,0)'"),
                    column("c_box", "box", "'(1,1),(0,0)'", "'(0.1,0.2),(-1e10,3)'"),
                    column("c_circle", "circle", "'<(1,2),3>'"),
                    column("c_line", "line", "'{1,2,3}'"),
                    column("c_lseg", "lseg", "'[(0,0),(1,1)]'"),
                    column("c_path_open", "path", "'[(0,0),(1,1),(2,0)]'"),
                    column("c_path_closed", "path", "'((0,0),(1,1),(2,0))'"),
                    column("c_polygon", "polygon", "'((0,0),(1,1),(2,0))'"))),
            new Family("fid_text", List.of(
                    column("c_text", "text", "''", "'tab\tline\nquote\" back\\ ünï 𝄞'"),
                    column("c_varchar", "varchar(5)", "'abcde'"),
                    column("c_char", "char(3)", "'a'"),
                    column("c_name", "name", "'pg_catalog'"),
                    column("c_bytea", "bytea", "'\\x00ff10'", "''"),
                    column("c_boolean", "boolean", "true", "false"),
                    column("c_uuid", "uuid", "'1b4e28ba-2fa1-11d2-883f-0016d3cca427'"),
                    column("c_json", "json", "'{\"b\": 1,   \"a\": [1, 2.50]}'"),
                    column("c_jsonb", "jsonb", "'{\"b\": 1,   \"a\": [1, 2.50]}'"),
                    column("c_xml", "xml", "'<a>1</a>'"),
                    column("c_tsvector", "tsvector", "'a fat cat'"),
                    column("c_tsquery", "tsquery", "'cat & (dog | !mouse)'"),
                    column("c_bit", "bit(4)", "B'1010'", "B'0001'"),
                    column("c_varbit", "varbit", "B'101'", "B''"),
                    column("c_inet", "inet", "'192.168.0.1/24'", "'::1'"),
                    column("c_cidr", "cidr", "'10.0.0.0/8'"),
                    column("c_macaddr", "macaddr", "'08:00:2b:01:02:03'"),
                    column("c_macaddr8", "macaddr8", "'08:00:2b:01:02:03:04:05'"),
                    column("c_int4range", "int4range", "'[1,10)'", "'empty'"),
                    column("c_tstzrange", "tstzrange", "'[2024-01-01 00:00:00+00,infinity)'"),
                    column("c_pg_lsn", "pg_lsn", "'16/B374D848'"),
                    column("c_oid", "oid", "4294967295"))),
            new Family("fid_contrib", List.of(
                    column("c_citext", "citext", "'MiXeD Case'", "''"),
                    column("c_hstore", "hstore", "'b=>1, a=>NULL, \"k\\\"q\"=>\"v\\\\w\", aa=>\"\"'", "''"),
                    column("c_ltree", "ltree", "'Top.Science.Astronomy'", "''"),
                    column("c_isbn", "isbn", "'0-393-04002-X'"),
                    column("c_ean13", "ean13", "'978-0-393-04002-9'"))),
            new Family("fid_arrays", List.of(
                    column("c_int_array", "int[]", "'{1,NULL,3}'", "'{}'"),
                    column("c_text_array", "text[]", "'{\"a,b\",NULL,\"\"}'"),
                    column("c_date_array", "date[]", "'{2024-02-29,infinity}'"),
                    column("c_numeric_array", "numeric[]", "'{1.5,NaN}'"),
                    column("c_jsonb_array", "jsonb[]", "ARRAY['{\"a\": 1}'::jsonb]"),
                    column("c_bytea_array", "bytea[]", "ARRAY['\\x00ff'::bytea]"),
                    column("c_double_array", "double precision[]", "'{NaN,Infinity,1.5}'"),
                    column("c_boolean_array", "boolean[]", "'{t,f,NULL}'"),
                    column("c_text_quoted_array", "text[]", "'{\"x\\\\\\\"y\", \"NULL\", \" a \", \"{}\"}'"))),
            // A DuckDB list has one dimension and starts at 1: such rows are refused there (to the DLQ).
            new Family("fid_array_shapes", List.of(
                    column("c_int_matrix", "int[]", "'{{1,2},{3,4}}'", "'{5}'"),
                    column("c_lower_bound_array", "int[]", "'{7}'", "'{8}'", "'[0:1]={1,2}'"))));

    private TypeFamilies() {
    }
}
