package io.tidemark.connect.sink.json;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExactJsonConverterTest {

    private static final Schema POINT = SchemaBuilder.struct().optional().field("x", Schema.FLOAT64_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct().name("tm.public.readings.Value")
            .field("d", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("f", Schema.OPTIONAL_FLOAT32_SCHEMA)
            .field("ordinary", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("text", Schema.OPTIONAL_STRING_SCHEMA)
            .field("list", SchemaBuilder.array(Schema.OPTIONAL_FLOAT64_SCHEMA).optional().build())
            .field("map", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.FLOAT32_SCHEMA).optional().build())
            .field("point", POINT)
            .build();

    private static Struct value() {
        return new Struct(VALUE).put("d", Double.NaN).put("f", Float.NEGATIVE_INFINITY).put("ordinary", 2.5)
                .put("text", "NaN").put("list", java.util.Arrays.asList(1.0, Double.POSITIVE_INFINITY, null))
                .put("map", Map.of("k", Float.NaN)).put("point", new Struct(POINT).put("x", Double.NEGATIVE_INFINITY));
    }

    private static Struct roundTrip(Converter converter) {
        converter.configure(Map.of("schemas.enable", "true"), false);
        return (Struct) converter.toConnectData("t", converter.fromConnectData("t", VALUE, value())).value();
    }

    @Test
    void kafkasJsonConverterReadsTheSpecialFloatsItWroteAsZero() {
        Struct read = roundTrip(new JsonConverter());

        assertThat(read.getFloat64("d")).isEqualTo(0.0);
        assertThat(read.getFloat32("f")).isEqualTo(0.0f);
    }

    @Test
    void readsNanAndTheInfinitiesBackWhereverTheSchemaHasAFloat() {
        Struct read = roundTrip(new ExactJsonConverter());

        assertThat(read.getFloat64("d")).isNaN();
        assertThat(read.getFloat32("f")).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(read.getFloat64("ordinary")).isEqualTo(2.5);
        assertThat(read.getString("text")).isEqualTo("NaN");
        assertThat(read.getArray("list")).containsExactly(1.0, Double.POSITIVE_INFINITY, null);
        assertThat(read.getMap("map")).containsEntry("k", Float.NaN);
        assertThat(read.getStruct("point").getFloat64("x")).isEqualTo(Double.NEGATIVE_INFINITY);
        read.validate();
    }

    @Test
    void leavesRecordsWithoutFloatsAsJsonConverterReadsThem() {
        Schema schema = SchemaBuilder.struct().field("s", Schema.STRING_SCHEMA)
                .field("l", SchemaBuilder.array(Schema.INT32_SCHEMA).build()).build();
        ExactJsonConverter converter = new ExactJsonConverter();
        converter.configure(Map.of("schemas.enable", "true"), false);
        Struct struct = new Struct(schema).put("s", "Infinity").put("l", List.of(1, 2));

        assertThat(converter.toConnectData("t", converter.fromConnectData("t", schema, struct)).value()).isEqualTo(struct);
    }
}
