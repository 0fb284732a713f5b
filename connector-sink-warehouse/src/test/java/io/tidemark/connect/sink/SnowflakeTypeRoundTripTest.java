package io.tidemark.connect.sink;

import io.tidemark.connect.sink.testing.FakesnowExtension;
import io.tidemark.connect.sink.testing.SnowflakeWarehouse;
import io.tidemark.connect.sink.testing.TestWarehouse;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every mapping through fakesnow and snowflake-jdbc: the column type Snowflake reports in
 * information_schema.columns.data_type, and the value read back as VARCHAR.
 */
class SnowflakeTypeRoundTripTest extends TypeRoundTripScenarios {

    @RegisterExtension
    static final FakesnowExtension FAKESNOW = new FakesnowExtension();

    /**
     * Field to {data_type, value as VARCHAR}. NUMBER's precision and scale are read too. The texts are
     * fakesnow's renderings (DuckDB's): Snowflake writes the same binary value as hex (000102FF) and keeps
     * a TIMESTAMP_TZ's offset (2024-03-01 10:15:30.500 +0200) where DuckDB normalises it to UTC.
     */
    private static final Map<String, List<String>> EXPECTED = Map.ofEntries(
            Map.entry("c_boolean", List.of("BOOLEAN", "true")),
            Map.entry("c_int8", List.of("NUMBER(3,0)", "-8")),
            Map.entry("c_int16", List.of("NUMBER(5,0)", "1234")),
            Map.entry("c_int32", List.of("NUMBER(10,0)", "123456")),
            Map.entry("c_int64", List.of("NUMBER(19,0)", "9007199254740993")),
            Map.entry("c_float32", List.of("FLOAT", "1.5")),
            Map.entry("c_float64", List.of("FLOAT", "2.25")),
            Map.entry("c_string", List.of("TEXT", "tab\there\nline \\ quote\" ünïcødé ✓ 𝄞")),
            Map.entry("c_bytes", List.of("BINARY", "\\x00\\x01\\x02\\xFF")),
            Map.entry("c_decimal", List.of("NUMBER(10,2)", "12345678.90")),
            Map.entry("c_decimal_any", List.of("NUMBER(38,3)", "-1.234")),
            Map.entry("c_variable_decimal", List.of("TEXT", "-12345.67891")),
            Map.entry("c_date", List.of("DATE", "2024-02-29")),
            Map.entry("c_time", List.of("TIME", "01:02:03.004")),
            Map.entry("c_timestamp", List.of("TIMESTAMP_NTZ", "2023-11-14 22:13:20.123")),
            Map.entry("c_dbz_date", List.of("DATE", "2024-02-29")),
            Map.entry("c_dbz_micro_time", List.of("TIME", "01:02:03.000005")),
            Map.entry("c_dbz_micro_timestamp", List.of("TIMESTAMP_NTZ", "2023-11-14 22:13:20.123456")),
            Map.entry("c_dbz_nano_timestamp", List.of("TIMESTAMP_NTZ", "2023-11-14 22:13:20.654321")),
            Map.entry("c_dbz_zoned_timestamp", List.of("TIMESTAMP_TZ", "2024-03-01 08:15:30.5+00")),
            Map.entry("c_dbz_json", List.of("VARIANT", "{\"a\":[1,2]}")),
            Map.entry("c_dbz_uuid", List.of("TEXT", "1b4e28ba-2fa1-11d2-883f-0016d3cca427")),
            Map.entry("c_dbz_enum", List.of("TEXT", "gold")),
            Map.entry("c_array", List.of("VARIANT", "[1,2]")),
            Map.entry("c_map", List.of("VARIANT", "{\"k\":1}")),
            Map.entry("c_struct", List.of("VARIANT", "{\"x\":1.0,\"y\":-2.5}")),
            Map.entry("c_null", List.of("TEXT", "null")),
            Map.entry("c_array_integers", List.of("VARIANT", "[1,null,3]")),
            Map.entry("c_array_dates", List.of("VARIANT", "[\"2024-02-29\",\"infinity\",\"4713-01-01 BC\"]")),
            Map.entry("c_array_matrix", List.of("VARIANT", "[[1,2],[3,4]]")),
            Map.entry("c_array_texts", List.of("VARIANT", "[\"a,b\",null,\"\",\"x\\\"y\"]")));

    @Override
    protected TestWarehouse newWarehouse() throws Exception {
        return new SnowflakeWarehouse(FAKESNOW.server());
    }

    /** The sink writes upper-case names (identifier.case=upper), which information_schema holds as they are. */
    @Override
    String typeOf(String table, String column) throws Exception {
        List<String> type = warehouse.query("SELECT data_type, numeric_precision, numeric_scale FROM information_schema.columns"
                + " WHERE table_name = '" + table.toUpperCase(Locale.ROOT) + "' AND column_name = '" + column.toUpperCase(Locale.ROOT) + "'")
                .get(0);
        return "NUMBER".equals(type.get(0)) ? "NUMBER(" + type.get(1) + "," + type.get(2) + ")" : type.get(0);
    }

    /**
     * Without the edge values (NaN, infinities, 24:00, years outside 1-9999): fakesnow stores what DuckDB
     * stores, which says nothing about what Snowflake accepts, so their Snowflake handling is not claimed.
     */
    @Override
    List<Mapping> mappings() {
        List<Mapping> all = new java.util.ArrayList<>(MAPPINGS);
        all.addAll(ARRAYS);
        return all;
    }

    /**
     * PostgreSQL arrays (the source's text form) as ARRAYs: integers as numbers, other elements as their text.
     * fakesnow reports an ARRAY column as VARIANT (both are DuckDB JSON there); SnowflakeTypesTest checks the DDL.
     */
    private static final List<Mapping> ARRAYS = List.of(
            new Mapping("c_array_integers", arrayOf("integer[]"), "{1,NULL,3}", null, null, null, null),
            new Mapping("c_array_dates", arrayOf("date[]"), "{2024-02-29,infinity,\"4713-01-01 BC\"}", null, null, null, null),
            new Mapping("c_array_matrix", arrayOf("integer[]"), "{{1,2},{3,4}}", null, null, null, null),
            new Mapping("c_array_texts", arrayOf("text[]"), "{\"a,b\",NULL,\"\",\"x\\\"y\"}", null, null, null, null));

    private static org.apache.kafka.connect.data.Schema arrayOf(String sourceType) {
        return new org.apache.kafka.connect.data.SchemaBuilder(org.apache.kafka.connect.data.Schema.Type.STRING)
                .name("io.tidemark.data.PostgresText").parameter("tidemark.source.type", sourceType).optional().build();
    }

    @Override
    String expectedType(Mapping mapping) {
        return EXPECTED.get(mapping.field()).get(0);
    }

    @Override
    String expectedText(Mapping mapping) {
        return EXPECTED.get(mapping.field()).get(1);
    }
}
