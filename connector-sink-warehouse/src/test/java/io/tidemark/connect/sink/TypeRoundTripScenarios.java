package io.tidemark.connect.sink;

import io.tidemark.connect.sink.testing.ChangeEvents;
import io.tidemark.connect.sink.testing.ScenarioBase;
import io.tidemark.connect.sink.testing.SinkHarness;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Connect type, logical type and Debezium semantic type the sink maps, with the column type each
 * dialect creates and the value read back as text: one table, one row per mapping, both databases.
 */
abstract class TypeRoundTripScenarios extends ScenarioBase {

    /** One mapping: the field, its schema and value, and per dialect the column type and the value read back. */
    record Mapping(String field, Schema schema, Object value, String postgresType, String postgresText, String duckDbType,
                   String duckDbText) {
    }

    private static final Schema VARIABLE_SCALE = SchemaBuilder.struct().name("io.debezium.data.VariableScaleDecimal").optional()
            .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).build();
    private static final Schema POINT = SchemaBuilder.struct().optional().field("x", Schema.FLOAT64_SCHEMA)
            .field("y", Schema.FLOAT64_SCHEMA).build();

    /** Stands for the PostgreSQL warehouse's own spelling of the money value. */
    static final String MONEY_TEXT = "(-92233720368547758.08)::money";

    static final List<Mapping> MAPPINGS = List.of(
            new Mapping("c_boolean", Schema.OPTIONAL_BOOLEAN_SCHEMA, true, "boolean", "true", "BOOLEAN", "true"),
            new Mapping("c_int8", Schema.OPTIONAL_INT8_SCHEMA, (byte) -8, "smallint", "-8", "TINYINT", "-8"),
            new Mapping("c_int16", Schema.OPTIONAL_INT16_SCHEMA, (short) 1234, "smallint", "1234", "SMALLINT", "1234"),
            new Mapping("c_int32", Schema.OPTIONAL_INT32_SCHEMA, 123_456, "integer", "123456", "INTEGER", "123456"),
            new Mapping("c_int64", Schema.OPTIONAL_INT64_SCHEMA, 9_007_199_254_740_993L, "bigint", "9007199254740993", "BIGINT",
                    "9007199254740993"),
            new Mapping("c_float32", Schema.OPTIONAL_FLOAT32_SCHEMA, 1.5f, "real", "1.5", "FLOAT", "1.5"),
            new Mapping("c_float64", Schema.OPTIONAL_FLOAT64_SCHEMA, 2.25, "double precision", "2.25", "DOUBLE", "2.25"),
            new Mapping("c_string", Schema.OPTIONAL_STRING_SCHEMA, "tab\there\nline \\ quote\" ünïcødé ✓ 𝄞",
                    "text", "tab\there\nline \\ quote\" ünïcødé ✓ 𝄞", "VARCHAR", "tab\there\nline \\ quote\" ünïcødé ✓ 𝄞"),
            new Mapping("c_bytes", Schema.OPTIONAL_BYTES_SCHEMA, new byte[] {0, 1, 2, (byte) 255}, "bytea", "\\x000102ff", "BLOB",
                    "\\x00\\x01\\x02\\xFF"),
            new Mapping("c_decimal", Decimal.builder(2).parameter("connect.decimal.precision", "10").optional().build(),
                    new BigDecimal("12345678.90"), "numeric", "12345678.90", "DECIMAL(10,2)", "12345678.90"),
            new Mapping("c_decimal_any", Decimal.builder(3).optional().build(), new BigDecimal("-1.234"), "numeric", "-1.234",
                    "DECIMAL(38,3)", "-1.234"),
            new Mapping("c_variable_decimal", VARIABLE_SCALE, new Struct(VARIABLE_SCALE).put("scale", 5)
                    .put("value", BigInteger.valueOf(-1234567891L).toByteArray()), "numeric", "-12345.67891", "VARCHAR", "-12345.67891"),
            new Mapping("c_date", Date.builder().optional().build(), new java.util.Date(19_782L * 86_400_000L), "date", "2024-02-29",
                    "DATE", "2024-02-29"),
            new Mapping("c_time", Time.builder().optional().build(), new java.util.Date(3_723_004L), "time without time zone",
                    "01:02:03.004", "TIME", "01:02:03.004"),
            new Mapping("c_timestamp", Timestamp.builder().optional().build(), new java.util.Date(1_700_000_000_123L),
                    "timestamp without time zone", "2023-11-14 22:13:20.123", "TIMESTAMP", "2023-11-14 22:13:20.123"),
            new Mapping("c_dbz_date", named(Schema.INT32_SCHEMA, "io.debezium.time.Date"), 19_782, "date", "2024-02-29", "DATE",
                    "2024-02-29"),
            new Mapping("c_dbz_micro_time", named(Schema.INT64_SCHEMA, "io.debezium.time.MicroTime"), 3_723_000_005L,
                    "time without time zone", "01:02:03.000005", "TIME", "01:02:03.000005"),
            new Mapping("c_dbz_micro_timestamp", named(Schema.INT64_SCHEMA, "io.debezium.time.MicroTimestamp"), 1_700_000_000_123_456L,
                    "timestamp without time zone", "2023-11-14 22:13:20.123456", "TIMESTAMP", "2023-11-14 22:13:20.123456"),
            new Mapping("c_dbz_nano_timestamp", named(Schema.INT64_SCHEMA, "io.debezium.time.NanoTimestamp"), 1_700_000_000_654_321_000L,
                    "timestamp without time zone", "2023-11-14 22:13:20.654321", "TIMESTAMP", "2023-11-14 22:13:20.654321"),
            new Mapping("c_dbz_zoned_timestamp", named(Schema.STRING_SCHEMA, "io.debezium.time.ZonedTimestamp"),
                    "2024-03-01T10:15:30.5+02:00", "timestamp with time zone", "2024-03-01 08:15:30.5+00", "TIMESTAMP WITH TIME ZONE",
                    "2024-03-01 08:15:30.5+00"),
            new Mapping("c_dbz_json", named(Schema.STRING_SCHEMA, "io.debezium.data.Json"), "{\"a\": [1, 2]}", "jsonb", "{\"a\": [1, 2]}",
                    "JSON", "{\"a\": [1, 2]}"),
            new Mapping("c_dbz_uuid", named(Schema.STRING_SCHEMA, "io.debezium.data.Uuid"), "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "uuid",
                    "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "UUID", "1b4e28ba-2fa1-11d2-883f-0016d3cca427"),
            new Mapping("c_dbz_enum", named(Schema.STRING_SCHEMA, "io.debezium.data.Enum"), "gold", "text", "gold", "VARCHAR", "gold"),
            new Mapping("c_array", SchemaBuilder.array(Schema.INT32_SCHEMA).optional().build(), List.of(1, 2), "jsonb", "[1, 2]", "JSON",
                    "[1,2]"),
            new Mapping("c_map", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).optional().build(), Map.of("k", 1), "jsonb",
                    "{\"k\": 1}", "JSON", "{\"k\":1}"),
            new Mapping("c_struct", POINT, new Struct(POINT).put("x", 1.0).put("y", -2.5), "jsonb", "{\"x\": 1.0, \"y\": -2.5}", "JSON",
                    "{\"x\":1.0,\"y\":-2.5}"),
            new Mapping("c_null", Schema.OPTIONAL_STRING_SCHEMA, null, "text", "null", "VARCHAR", "null"));

    /** Values at the edges of PostgreSQL's types, as the Tidemark source (or Debezium) encodes them. */
    static final List<Mapping> EDGE_MAPPINGS = List.of(
            new Mapping("c_float64_nan", Schema.OPTIONAL_FLOAT64_SCHEMA, Double.NaN, "double precision", "NaN", "DOUBLE", "nan"),
            new Mapping("c_float64_infinity", Schema.OPTIONAL_FLOAT64_SCHEMA, Double.POSITIVE_INFINITY, "double precision", "Infinity",
                    "DOUBLE", "inf"),
            new Mapping("c_float32_negative_infinity", Schema.OPTIONAL_FLOAT32_SCHEMA, Float.NEGATIVE_INFINITY, "real", "-Infinity",
                    "FLOAT", "-inf"),
            new Mapping("c_dbz_date_infinity", named(Schema.INT32_SCHEMA, "io.debezium.time.Date"), Integer.MAX_VALUE, "date", "infinity",
                    "DATE", "infinity"),
            new Mapping("c_dbz_date_negative_infinity", named(Schema.INT32_SCHEMA, "io.debezium.time.Date"), Integer.MIN_VALUE, "date",
                    "-infinity", "DATE", "-infinity"),
            new Mapping("c_dbz_date_bc", named(Schema.INT32_SCHEMA, "io.debezium.time.Date"), -2_440_550, "date", "4713-01-01 BC",
                    "DATE", "4713-01-01 (BC)"),
            new Mapping("c_dbz_date_year_10000", named(Schema.INT32_SCHEMA, "io.debezium.time.Date"), 2_932_897, "date", "10000-01-01",
                    "DATE", "10000-01-01"),
            new Mapping("c_dbz_micro_time_end_of_day", named(Schema.INT64_SCHEMA, "io.debezium.time.MicroTime"), 86_400_000_000L,
                    "time without time zone", "24:00:00", "TIME", "24:00:00"),
            new Mapping("c_dbz_micro_timestamp_infinity", named(Schema.INT64_SCHEMA, "io.debezium.time.MicroTimestamp"),
                    9223372036825200000L, "timestamp without time zone", "infinity", "TIMESTAMP", "infinity"),
            new Mapping("c_dbz_micro_timestamp_negative_infinity", named(Schema.INT64_SCHEMA, "io.debezium.time.MicroTimestamp"),
                    -9223372036832400000L, "timestamp without time zone", "-infinity", "TIMESTAMP", "-infinity"),
            new Mapping("c_dbz_micro_timestamp_year_10000", named(Schema.INT64_SCHEMA, "io.debezium.time.MicroTimestamp"),
                    253_402_300_800_000_001L, "timestamp without time zone", "10000-01-01 00:00:00.000001", "TIMESTAMP",
                    "10000-01-01 00:00:00.000001"),
            new Mapping("c_dbz_micro_timestamp_bc", named(Schema.INT64_SCHEMA, "io.debezium.time.MicroTimestamp"),
                    -210_863_520_000_000_000L, "timestamp without time zone", "4713-01-01 00:00:00 BC", "TIMESTAMP",
                    "4713-01-01 (BC) 00:00:00"),
            new Mapping("c_dbz_zoned_timestamp_infinity", named(Schema.STRING_SCHEMA, "io.debezium.time.ZonedTimestamp"), "infinity",
                    "timestamp with time zone", "infinity", "TIMESTAMP WITH TIME ZONE", "infinity"),
            new Mapping("c_dbz_zoned_timestamp_year_10000", named(Schema.STRING_SCHEMA, "io.debezium.time.ZonedTimestamp"),
                    "+10000-01-01T00:00:00.999999Z", "timestamp with time zone", "10000-01-01 00:00:00.999999+00",
                    "TIMESTAMP WITH TIME ZONE", "10000-01-01 00:00:00.999999+00"),
            // Text forms of PostgreSQL types: native again in PostgreSQL, the text itself elsewhere.
            new Mapping("c_postgres_box", new SchemaBuilder(Schema.Type.STRING).name("io.tidemark.data.PostgresText")
                    .parameter("tidemark.source.type", "box").optional().build(), "(1,1),(0,-10000000000)", "box",
                    "(1,1),(0,-10000000000)", "VARCHAR", "(1,1),(0,-10000000000)"),
            new Mapping("c_dbz_interval", named(Schema.STRING_SCHEMA, "io.debezium.time.Interval"), "P-178000000Y1M-2DT0H0M1.5S",
                    "interval", "-177999999 years -11 mons -2 days +00:00:01.5", "INTERVAL",
                    "-177999999 years -11 months -2 days 00:00:01.5"),
            // Bit strings keep their declared length in PostgreSQL; DuckDB keeps the digits as text (its BIT
            // type holds no empty string).
            new Mapping("c_postgres_bit", postgresText("bit(4)"), "0001", "bit", "0001", "VARCHAR", "0001"),
            new Mapping("c_postgres_varbit", postgresText("bit varying"), "", "bit varying", "", "VARCHAR", ""),
            new Mapping("c_postgres_varbit8", postgresText("bit varying(8)"), "10110", "bit varying", "10110", "VARCHAR",
                    "10110"),
            new Mapping("c_postgres_pg_lsn", postgresText("pg_lsn"), "16/B374D848", "pg_lsn", "16/B374D848", "VARCHAR",
                    "16/B374D848"),
            new Mapping("c_postgres_point", postgresText("point"), "(0.1,1e+20)", "point", "(0.1,1e+20)", "VARCHAR", "(0.1,1e+20)"),
            // inet: PostgreSQL's cast to text shows the prefix length its output leaves out.
            new Mapping("c_postgres_inet", postgresText("inet"), "::1", "inet", "::1/128", "VARCHAR", "::1"),
            // Arrays: PostgreSQL's text of the array, an array of that type again in PostgreSQL.
            // DuckDB: a LIST of the element type where DuckDB has it (staged as JSON, cast by the MERGE).
            new Mapping("c_postgres_int_array", postgresText("integer[]"), "{1,NULL,3}", "ARRAY", "{1,NULL,3}",
                    "INTEGER[]", "[1, NULL, 3]"),
            // An array of a type the warehouse may not have (an enum): its text.
            new Mapping("c_postgres_enum_array", postgresText("mood[]"), "{happy,NULL}", "text", "{happy,NULL}", "VARCHAR",
                    "{happy,NULL}"),
            new Mapping("c_postgres_text_array", postgresText("text[]"), "{\"a,b\",NULL,\"\",\"x\\\"y\"}", "ARRAY",
                    "{\"a,b\",NULL,\"\",\"x\\\"y\"}", "VARCHAR[]", "['a,b', NULL, '', 'x\"y']"),
            new Mapping("c_postgres_boolean_array", postgresText("boolean[]"), "{t,f,NULL}", "ARRAY", "{t,f,NULL}", "BOOLEAN[]",
                    "[true, false, NULL]"),
            new Mapping("c_postgres_double_array", postgresText("double precision[]"), "{NaN,Infinity,-1.5e+300}", "ARRAY",
                    "{NaN,Infinity,-1.5e+300}", "DOUBLE[]", "[nan, inf, -1.5e+300]"),
            // Dates: DuckDB would read 4713-01-01 BC without its era, so the text stays text there.
            new Mapping("c_postgres_date_array", postgresText("date[]"), "{2024-02-29,infinity,\"4713-01-01 BC\"}", "ARRAY",
                    "{2024-02-29,infinity,\"4713-01-01 BC\"}", "VARCHAR", "{2024-02-29,infinity,\"4713-01-01 BC\"}"),
            new Mapping("c_postgres_int4range", postgresText("int4range"), "[1,10)", "int4range", "[1,10)", "VARCHAR", "[1,10)"),
            // char(n) keeps its padding in both; PostgreSQL's cast to varchar drops it, as for any char(n).
            new Mapping("c_postgres_char", postgresText("character(3)"), "a  ", "character", "a", "VARCHAR", "a  "),
            new Mapping("c_dbz_xml", named(Schema.STRING_SCHEMA, "io.debezium.data.Xml"), "<a>1</a>", "xml", "<a>1</a>", "VARCHAR",
                    "<a>1</a>"),
            new Mapping("c_dbz_tsvector", named(Schema.STRING_SCHEMA, "io.debezium.data.Tsvector"), "'a' 'cat' 'fat'", "tsvector",
                    "'a' 'cat' 'fat'", "VARCHAR", "'a' 'cat' 'fat'"),
            // json as written (from a json column): spacing and key order kept where the warehouse keeps text.
            new Mapping("c_postgres_json", new SchemaBuilder(Schema.Type.STRING).name("io.debezium.data.Json")
                    .parameter("tidemark.source.type", "json").optional().build(), "{\"b\": 1,   \"a\": [1, 2.50]}", "json",
                    "{\"b\": 1,   \"a\": [1, 2.50]}", "JSON", "{\"b\": 1,   \"a\": [1, 2.50]}"),
            // money in PostgreSQL is spelled by the warehouse's lc_monetary: PostgresTypeRoundTripTest asks it.
            new Mapping("c_postgres_money", Decimal.builder(2).parameter("tidemark.source.type", "money").optional().build(),
                    new BigDecimal("-92233720368547758.08"), "money", MONEY_TEXT, "DECIMAL(38,2)", "-92233720368547758.08"));


    private static Schema postgresText(String sourceType) {
        return new SchemaBuilder(Schema.Type.STRING).name("io.tidemark.data.PostgresText")
                .parameter("tidemark.source.type", sourceType).optional().build();
    }

    private static Schema named(Schema base, String name) {
        return new SchemaBuilder(base.type()).name(name).optional().build();
    }

    /** A column name quoted as the sink spells it (identifier.case). */
    String spelled(String column) {
        boolean upper = "upper".equals(config().get("identifier.case"));
        return "\"" + (upper ? column.toUpperCase(java.util.Locale.ROOT) : column) + "\"";
    }

    /** The mappings this database is checked with. */
    List<Mapping> mappings() {
        List<Mapping> all = new ArrayList<>(MAPPINGS);
        all.addAll(EDGE_MAPPINGS);
        return all;
    }

    /** The column type and text of each mapping for this database. */
    abstract String expectedType(Mapping mapping);

    abstract String expectedText(Mapping mapping);

    /** The database's information_schema data_type for the column's type name. */
    String typeOf(String table, String column) throws Exception {
        return warehouse.query("SELECT data_type FROM information_schema.columns WHERE table_name = '" + table
                + "' AND column_name = '" + column + "'").get(0).get(0);
    }

    @Test
    void roundTripsEveryMappedType() throws Exception {
        List<Mapping> mappings = mappings();
        SchemaBuilder builder = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA);
        mappings.forEach(mapping -> builder.field(mapping.field(), mapping.schema()));
        Schema schema = builder.build();
        Struct value = new Struct(schema).put("id", 1L);
        mappings.forEach(mapping -> value.put(mapping.field(), mapping.value()));
        ChangeEvents events = new ChangeEvents("tm.public.all_types", 0);
        SinkHarness sink = register(new SinkHarness(config(), false, new TopicPartition("tm.public.all_types", 0)));
        sink.write(events.record(ChangeEvents.key(1), schema, value, new ConnectHeaders()));

        List<String> expressions = new ArrayList<>();
        mappings.forEach(mapping -> expressions.add("CAST(\"" + mapping.field() + "\" AS VARCHAR)"));
        List<String> row = warehouse.query("SELECT " + String.join(", ", expressions) + " FROM " + warehouse.table("all_types")).get(0);
        for (int i = 0; i < mappings.size(); i++) {
            Mapping mapping = mappings.get(i);
            assertThat(typeOf("all_types", mapping.field())).as(mapping.field() + " type").isEqualTo(expectedType(mapping));
            assertThat(row.get(i)).as(mapping.field() + " value").isEqualTo(expectedText(mapping));
        }

        // A restarted task reads the table's columns back and finds each the type it was created for.
        sink.close();
        Struct second = new Struct(schema).put("id", 2L);
        mappings.forEach(mapping -> second.put(mapping.field(), mapping.value()));
        register(new SinkHarness(config(), false, new TopicPartition("tm.public.all_types", 0)))
                .write(events.record(ChangeEvents.key(2), schema, second, new ConnectHeaders()));
        assertThat(warehouse.query("SELECT \"id\" FROM " + warehouse.table("all_types"))).hasSize(2);
    }

    /**
     * Numeric NaN and the infinities, which no Connect decimal holds, arrive from the source as a null field
     * named in the tidemark.special header; the warehouse column gets the value itself (an unconstrained
     * numeric is numeric in PostgreSQL and exact text in DuckDB).
     */
    @Test
    void storesTheNumericValuesNamedInTheSpecialHeader() throws Exception {
        Schema schema = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).field("n", VARIABLE_SCALE).build();
        ChangeEvents events = new ChangeEvents("tm.public.special_numerics", 0);
        SinkHarness sink = register(new SinkHarness(config(), false, new TopicPartition("tm.public.special_numerics", 0)));
        List<String> texts = List.of("NaN", "Infinity", "-Infinity");
        List<org.apache.kafka.connect.sink.SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            ConnectHeaders headers = new ConnectHeaders();
            headers.addMap("tidemark.special", Map.of("n", texts.get(i)),
                    SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build());
            records.add(events.record(ChangeEvents.key(i + 1), schema, new Struct(schema).put("id", (long) i + 1), headers));
        }
        sink.write(records.toArray(new org.apache.kafka.connect.sink.SinkRecord[0]));

        List<List<String>> rows = warehouse.query("SELECT CAST(\"n\" AS VARCHAR) FROM " + warehouse.table("special_numerics")
                + " ORDER BY \"id\"");
        assertThat(rows).extracting(row -> row.get(0)).containsExactlyElementsOf(texts);
    }

    /**
     * A text column that an earlier version (or a user) created for values the source now marks with their
     * type (an interval, a box) keeps taking their text as it is: no cast into another type's spelling.
     */
    @Test
    void aTextColumnCreatedBeforeTheSourceMarkedItsTypeKeepsTakingTheText() throws Exception {
        Schema schema = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA)
                .field("c_interval", named(Schema.STRING_SCHEMA, "io.debezium.time.Interval"))
                .field("c_box", postgresText("box")).build();
        String text = expectedType(MAPPINGS.stream().filter(mapping -> "c_string".equals(mapping.field())).findFirst().orElseThrow());
        warehouse.execute("CREATE TABLE " + warehouse.table("older_texts") + " (" + spelled("id") + " BIGINT NOT NULL PRIMARY KEY, "
                + spelled("c_interval") + " " + text + ", " + spelled("c_box") + " " + text + ")");
        ChangeEvents events = new ChangeEvents("tm.public.older_texts", 0);
        register(new SinkHarness(config(), false, new TopicPartition("tm.public.older_texts", 0))).write(events.record(
                ChangeEvents.key(1), schema, new Struct(schema).put("id", 1L).put("c_interval", "P0Y1M2DT0H0M1.5S")
                        .put("c_box", "(1,1),(0,0)"), new ConnectHeaders()));
        assertThat(warehouse.query("SELECT " + spelled("c_interval") + ", " + spelled("c_box") + " FROM " + warehouse.table("older_texts")))
                .containsExactly(List.of("P0Y1M2DT0H0M1.5S", "(1,1),(0,0)"));
    }
}
