package io.tidemark.connect.smt.mask;

import static io.tidemark.connect.smt.mask.MaskFieldsStructTest.valueMask;
import static io.tidemark.connect.smt.mask.MaskStrategiesTest.ALICE_HMAC_HEX;
import static io.tidemark.connect.smt.mask.MaskStrategiesTest.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.tidemark.connect.smt.Props;

class MaskFieldsNestedTest {

    private static final Schema ROW = SchemaBuilder.struct().name("dbserver1.inventory.customers.Value").optional()
            .field("id", Schema.INT32_SCHEMA)
            .field("email", Schema.OPTIONAL_STRING_SCHEMA)
            .field("tier", Schema.OPTIONAL_INT32_SCHEMA)
            .build();
    private static final Schema SOURCE = SchemaBuilder.struct().field("table", Schema.STRING_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("dbserver1.inventory.customers.Envelope")
            .field("before", ROW).field("after", ROW).field("source", SOURCE).field("op", Schema.STRING_SCHEMA)
            .build();

    private static final Schema ITEM = SchemaBuilder.struct().field("sku", Schema.STRING_SCHEMA)
            .field("card", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema ORDER = SchemaBuilder.struct().name("orders")
            .field("items", SchemaBuilder.array(ITEM).optional().build())
            .field("aliases", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).build())
            .field("codes", SchemaBuilder.array(Schema.INT32_SCHEMA).build())
            .field("attrs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).build())
            .build();

    private static final String[] ENVELOPE_RULES = {
        "rules", "email",
        "hmac.secret", SECRET,
        "rules.email.fields", "before.email,after.email",
        "rules.email.strategy", "hmac",
    };

    @Test
    void masksTheBeforeAndAfterImagesOfADebeziumEnvelope() {
        Struct value = new Struct(ENVELOPE).put("op", "u")
                .put("before", new Struct(ROW).put("id", 1).put("email", "old@example.com"))
                .put("after", new Struct(ROW).put("id", 1).put("email", "alice@example.com"))
                .put("source", new Struct(SOURCE).put("table", "customers"));

        Struct masked = (Struct) valueMask(ENVELOPE_RULES).apply(record(ENVELOPE, value)).value();

        assertThat(masked.getStruct("after").getString("email")).isEqualTo(ALICE_HMAC_HEX);
        assertThat(masked.getStruct("before").getString("email")).hasSize(64).isNotEqualTo(ALICE_HMAC_HEX);
        assertThat(masked.getString("op")).isEqualTo("u");
        assertThat(masked.getStruct("source")).isSameAs(value.getStruct("source"));
        assertThat(value.getStruct("after").getString("email")).isEqualTo("alice@example.com");
    }

    @Test
    void anInsertWithoutABeforeImageIsNotMissingAnything() {
        Struct value = new Struct(ENVELOPE).put("op", "c")
                .put("after", new Struct(ROW).put("id", 1).put("email", "alice@example.com"))
                .put("source", new Struct(SOURCE).put("table", "customers"));
        String[] failOnMissing = Arrays.copyOf(ENVELOPE_RULES, ENVELOPE_RULES.length + 2);
        failOnMissing[ENVELOPE_RULES.length] = "on.missing";
        failOnMissing[ENVELOPE_RULES.length + 1] = "fail";

        Struct masked = (Struct) valueMask(failOnMissing).apply(record(ENVELOPE, value)).value();

        assertThat(masked.get("before")).isNull();
        assertThat(masked.getStruct("after").getString("email")).isEqualTo(ALICE_HMAC_HEX);
    }

    @Test
    void convertingANestedFieldRetypesItInsideTheEnvelopeSchema() {
        Struct value = new Struct(ENVELOPE).put("op", "c").put("after", new Struct(ROW).put("id", 1).put("tier", 2))
                .put("source", new Struct(SOURCE).put("table", "customers"));

        SourceRecord masked = valueMask("rules", "tier", "rules.tier.fields", "after.tier,before.tier",
                "rules.tier.strategy", "redact").apply(record(ENVELOPE, value));

        Schema after = masked.valueSchema().field("after").schema();
        assertThat(after.field("tier").schema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(after.name()).isEqualTo("dbserver1.inventory.customers.Value");
        assertThat(after.isOptional()).isTrue();
        assertThat(masked.valueSchema().field("before").schema()).isEqualTo(after);
        assertThat(((Struct) masked.value()).getStruct("after").getString("tier")).isEqualTo("***");
    }

    @Test
    void masksAFieldInEveryStructOfAnArray() {
        Struct order = order();
        Struct masked = (Struct) valueMask("rules", "card", "rules.card.fields", "items.card",
                "rules.card.strategy", "partial").apply(record(ORDER, order)).value();

        List<Struct> items = masked.getArray("items");
        assertThat(items).extracting(item -> item.getString("card")).containsExactly("************1111", null);
        assertThat(items).extracting(item -> item.getString("sku")).containsExactly("A-1", "B-2");
        assertThat(order.<Struct>getArray("items").get(0).getString("card")).isEqualTo("4111111111111111");
    }

    @Test
    void masksEveryStringOfAnArrayOfStrings() {
        Struct masked = (Struct) valueMask("rules", "aliases", "rules.aliases.fields", "aliases",
                "rules.aliases.strategy", "partial", "rules.aliases.keep.first", "1", "rules.aliases.keep.last", "0")
                .apply(record(ORDER, order())).value();
        assertThat(masked.<String>getArray("aliases")).containsExactly("a****", null, "b**");
    }

    @Test
    void convertsEveryNumberOfAnArrayRetypingTheArray() {
        SourceRecord masked = valueMask("rules", "codes", "rules.codes.fields", "codes", "rules.codes.strategy",
                "redact").apply(record(ORDER, order()));
        assertThat(masked.valueSchema().field("codes").schema().valueSchema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(((Struct) masked.value()).<String>getArray("codes")).containsExactly("***", "***");
    }

    @Test
    void masksNamedEntriesOfAMapField() {
        Struct masked = (Struct) valueMask("rules", "attr", "rules.attr.fields", "attrs.ssn",
                "rules.attr.strategy", "redact").apply(record(ORDER, order())).value();
        assertThat(masked.<String, String>getMap("attrs")).containsEntry("ssn", "***").containsEntry("colour", "red");
    }

    @Test
    void masksKeyFieldsDeterministicallySoEqualKeysStayOnOnePartition() {
        Schema keySchema = SchemaBuilder.struct().name("customers.Key").field("email", Schema.STRING_SCHEMA).build();
        Map<String, String> props = Props.of("rules", "email", "hmac.secret", SECRET, "rules.email.fields", "email",
                "rules.email.strategy", "hmac");
        MaskFields<SinkRecord> first = new MaskFields.Key<>();
        first.configure(props);
        MaskFields<SinkRecord> restarted = new MaskFields.Key<>();
        restarted.configure(props);
        SinkRecord record = new SinkRecord("customers", 5, keySchema,
                new Struct(keySchema).put("email", "alice@example.com"), null, "v", 10L);

        SinkRecord masked = first.apply(record);
        SinkRecord again = restarted.apply(record);

        assertThat(((Struct) masked.key()).getString("email")).isEqualTo(ALICE_HMAC_HEX);
        assertThat(again.key()).isEqualTo(masked.key());
        assertThat(masked.kafkaPartition()).isEqualTo(5);
        assertThat(masked.value()).isEqualTo("v");
    }

    private static Struct order() {
        return new Struct(ORDER)
                .put("items", List.of(new Struct(ITEM).put("sku", "A-1").put("card", "4111111111111111"),
                        new Struct(ITEM).put("sku", "B-2")))
                .put("aliases", Arrays.asList("alice", null, "bob"))
                .put("codes", List.of(1, 2))
                .put("attrs", Map.of("ssn", "123-45-6789", "colour", "red"));
    }

    private static SourceRecord record(Schema schema, Struct value) {
        return MaskFieldsStructTest.record(schema, value);
    }
}
