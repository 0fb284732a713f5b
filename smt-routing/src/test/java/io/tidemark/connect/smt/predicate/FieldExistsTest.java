package io.tidemark.connect.smt.predicate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class FieldExistsTest {

    private static final Schema V1 = SchemaBuilder.struct().name("customers").field("id", Schema.INT64_SCHEMA).build();
    private static final Schema V2 = SchemaBuilder.struct().name("customers").field("id", Schema.INT64_SCHEMA)
            .field("email", Schema.OPTIONAL_STRING_SCHEMA).build();

    @Test
    void isTrueOnlyForSchemasThatHaveTheField() {
        FieldExists<SourceRecord> predicate = predicate(Map.of("field", "value.email"));
        assertThat(predicate.test(record(V1, new Struct(V1).put("id", 1L)))).isFalse();
        assertThat(predicate.test(record(V2, new Struct(V2).put("id", 1L).put("email", "a@b.c")))).isTrue();
    }

    @Test
    void countsAPresentNullAsExistingUnlessToldOtherwise() {
        Struct nullEmail = new Struct(V2).put("id", 1L);
        assertThat(predicate(Map.of("field", "value.email")).test(record(V2, nullEmail))).isTrue();
        assertThat(predicate(Map.of("field", "value.email", "null.is.absent", "true")).test(record(V2, nullEmail)))
                .isFalse();
    }

    @Test
    void looksIntoSchemalessMapsKeysAndHeaders() {
        Map<String, Object> value = new HashMap<>();
        value.put("email", null);
        SourceRecord record = new SourceRecord(null, null, "t", null, null, Map.of("tenant", Map.of("id", 3)),
                null, value, 0L, new ConnectHeaders().addString("tidemark.table", "customers"));
        assertThat(predicate(Map.of("field", "value.email")).test(record)).isTrue();
        assertThat(predicate(Map.of("field", "value.phone")).test(record)).isFalse();
        assertThat(predicate(Map.of("field", "key.tenant.id")).test(record)).isTrue();
        assertThat(predicate(Map.of("field", "header.tidemark.table")).test(record)).isTrue();
        assertThat(predicate(Map.of("field", "header.tidemark.schema")).test(record)).isFalse();
    }

    @Test
    void aPathThroughANullDoesNotExist() {
        Schema envelope = SchemaBuilder.struct().field("before", SchemaBuilder.struct().optional()
                .field("email", Schema.OPTIONAL_STRING_SCHEMA).build()).field("after", SchemaBuilder.struct()
                .optional().field("email", Schema.OPTIONAL_STRING_SCHEMA).build()).build();
        Struct delete = new Struct(envelope).put("before", new Struct(envelope.field("before").schema())
                .put("email", "a@b.c"));
        assertThat(predicate(Map.of("field", "value.after.email")).test(record(envelope, delete))).isFalse();
        assertThat(predicate(Map.of("field", "value.before.email")).test(record(envelope, delete))).isTrue();
        assertThat(predicate(Map.of("field", "value.after")).test(record(envelope, delete))).isTrue();
    }

    @Test
    void aTombstoneHasNoValueFields() {
        SourceRecord tombstone = new SourceRecord(null, null, "t", null, null, "k", null, null);
        assertThat(predicate(Map.of("field", "value.email")).test(tombstone)).isFalse();
    }

    private static SourceRecord record(Schema schema, Struct value) {
        return new SourceRecord(null, null, "t", null, null, null, schema, value);
    }

    private static FieldExists<SourceRecord> predicate(Map<String, String> props) {
        FieldExists<SourceRecord> predicate = new FieldExists<>();
        predicate.configure(props);
        return predicate;
    }
}
