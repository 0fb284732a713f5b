package io.tidemark.connect.smt.predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import io.tidemark.connect.smt.Props;

class FieldValueMatchesTest {

    private static final Schema ROW = SchemaBuilder.struct().optional()
            .field("status", Schema.OPTIONAL_STRING_SCHEMA)
            .field("amount", Decimal.builder(2).optional().build())
            .field("vip", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .build();
    private static final Schema ENVELOPE = SchemaBuilder.struct()
            .field("before", ROW).field("after", ROW).field("op", Schema.STRING_SCHEMA).build();
    private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();

    @Test
    void matchesANestedFieldOfADebeziumEnvelopeThatEqualsTheValue() {
        FieldValueMatches<SinkRecord> predicate = predicate("field", "value.after.status", "equals", "shipped");
        assertThat(predicate.test(envelope("shipped"))).isTrue();
        assertThat(predicate.test(envelope("Shipped"))).isFalse();
    }

    @Test
    void matchesTheWholeTextAgainstAPattern() {
        FieldValueMatches<SinkRecord> predicate = predicate("field", "value.after.status", "pattern", "(?i)ship.*");
        assertThat(predicate.test(envelope("Shipped"))).isTrue();
        assertThat(predicate.test(envelope("not shipped"))).isFalse();
    }

    @Test
    void comparesNumbersDecimalsAndBooleansInTheirPlainTextForm() {
        Struct after = new Struct(ROW).put("amount", new BigDecimal("1E+2").setScale(2)).put("vip", true);
        SinkRecord record = new SinkRecord("t", 0, KEY, new Struct(KEY).put("id", 42), ENVELOPE,
                new Struct(ENVELOPE).put("op", "c").put("after", after), 0L);
        assertThat(predicate("field", "value.after.amount", "equals", "100.00").test(record)).isTrue();
        assertThat(predicate("field", "value.after.vip", "equals", "true").test(record)).isTrue();
        assertThat(predicate("field", "key.id", "pattern", "4\\d").test(record)).isTrue();
    }

    @Test
    void absentNullAndNonScalarFieldsNeverMatch() {
        assertThat(predicate("field", "value.after.status", "pattern", ".*").test(envelope(null))).isFalse();
        assertThat(predicate("field", "value.before.status", "pattern", ".*").test(envelope("x"))).isFalse();
        assertThat(predicate("field", "value.after.nope", "pattern", ".*").test(envelope("x"))).isFalse();
        assertThat(predicate("field", "value.after", "pattern", ".*").test(envelope("x"))).isFalse();
    }

    @Test
    void readsSchemalessMapsAndHeaders() {
        Map<String, Object> value = Map.of("customer", Map.of("country", "FR"), "tags", List.of("a"));
        SinkRecord record = new SinkRecord("t", 0, null, null, null, value, 0L, 0L, null,
                new ConnectHeaders().addString("tenant", "acme"));
        assertThat(predicate("field", "value.customer.country", "equals", "FR").test(record)).isTrue();
        assertThat(predicate("field", "header.tenant", "equals", "acme").test(record)).isTrue();
        assertThat(predicate("field", "header.other", "pattern", ".*").test(record)).isFalse();
    }

    @Test
    void needsExactlyOneOfEqualsAndPattern() {
        assertThatThrownBy(() -> predicate("field", "value.a")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> predicate("field", "value.a", "equals", "x", "pattern", "x"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("exactly one");
    }

    @Test
    void refusesABadPatternOrFieldWhenConfigured() {
        assertThatThrownBy(() -> predicate("field", "value.a", "pattern", "(")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not a valid regular expression");
        assertThatThrownBy(() -> predicate("field", "after.a", "equals", "x")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("key.<path>");
    }

    private static SinkRecord envelope(String status) {
        Struct value = new Struct(ENVELOPE).put("op", "u").put("after", new Struct(ROW).put("status", status));
        return new SinkRecord("t", 0, KEY, new Struct(KEY).put("id", 1), ENVELOPE, value, 0L);
    }

    private static FieldValueMatches<SinkRecord> predicate(String... keysAndValues) {
        FieldValueMatches<SinkRecord> predicate = new FieldValueMatches<>();
        predicate.configure(Props.of(keysAndValues));
        return predicate;
    }
}
