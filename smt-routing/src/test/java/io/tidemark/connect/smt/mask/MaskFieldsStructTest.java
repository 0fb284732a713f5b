package io.tidemark.connect.smt.mask;

import static io.tidemark.connect.smt.mask.MaskStrategiesTest.ALICE_HMAC_HEX;
import static io.tidemark.connect.smt.mask.MaskStrategiesTest.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.tidemark.connect.smt.Props;

class MaskFieldsStructTest {

    /** A row of our CDC source: table columns plus the contract's metadata fields. */
    static final Schema CUSTOMER = SchemaBuilder.struct().name("pg.public.customers.Value")
            .field("id", Schema.INT64_SCHEMA)
            .field("email", Schema.OPTIONAL_STRING_SCHEMA)
            .field("phone", Schema.STRING_SCHEMA)
            .field("card", Schema.OPTIONAL_STRING_SCHEMA)
            .field("tier", Schema.OPTIONAL_INT32_SCHEMA)
            .field("balance", Decimal.builder(2).optional().build())
            .field("signup", Timestamp.builder().optional().build())
            .field("__op", Schema.STRING_SCHEMA)
            .field("__source_ts_ms", Schema.INT64_SCHEMA)
            .field("__position", Schema.INT64_SCHEMA)
            .field("__deleted", Schema.BOOLEAN_SCHEMA)
            .build();

    static Struct customer(String email) {
        return new Struct(CUSTOMER).put("id", 7L).put("email", email).put("phone", "+33612345678")
                .put("card", "4111111111111111").put("tier", 3).put("balance", new BigDecimal("1250.50"))
                .put("signup", new Date(1_700_000_000_000L)).put("__op", "u").put("__source_ts_ms", 1_700_000_000_123L)
                .put("__position", 987_654_321L).put("__deleted", false);
    }

    static SourceRecord record(Schema schema, Object value) {
        return new SourceRecord(Map.of(), Map.of(), "pg.public.customers", null, null, null, schema, value, 0L,
                new ConnectHeaders().addString("tidemark.table", "customers"));
    }

    static MaskFields<SourceRecord> valueMask(String... keysAndValues) {
        MaskFields<SourceRecord> mask = new MaskFields.Value<>();
        mask.configure(Props.of(keysAndValues));
        return mask;
    }

    private static final String[] PII_RULES = {
        "rules", "email,phone,card",
        "hmac.secret", SECRET,
        "rules.email.fields", "email",
        "rules.email.strategy", "hmac",
        "rules.phone.fields", "phone",
        "rules.phone.strategy", "partial",
        "rules.phone.keep.first", "3",
        "rules.phone.keep.last", "2",
        "rules.card.fields", "card",
        "rules.card.strategy", "partial",
    };

    @Test
    void masksEachRulesFieldsWithItsStrategyAndCopiesTheOthers() {
        SourceRecord masked = valueMask(PII_RULES).apply(record(CUSTOMER, customer("alice@example.com")));

        Struct value = (Struct) masked.value();
        assertThat(value.getString("email")).isEqualTo(ALICE_HMAC_HEX);
        assertThat(value.getString("phone")).isEqualTo("+33*******78");
        assertThat(value.getString("card")).isEqualTo("************1111");
        assertThat(value.getInt64("id")).isEqualTo(7L);
        assertThat(value.get("balance")).isEqualTo(new BigDecimal("1250.50"));
        assertThat(masked.valueSchema()).as("no type changed, so the schema is the input's").isSameAs(CUSTOMER);
    }

    @Test
    void neverModifiesTheInputRecord() {
        Struct input = customer("alice@example.com");
        SourceRecord record = record(CUSTOMER, input);

        SourceRecord masked = valueMask(PII_RULES).apply(record);

        assertThat(masked.value()).isNotSameAs(input);
        assertThat(input).isEqualTo(customer("alice@example.com"));
        assertThat(record.value()).isSameAs(input);
    }

    @Test
    void leavesCdcMetadataFieldsAndHeadersAloneUnlessARuleNamesThem() {
        SourceRecord record = record(CUSTOMER, customer("alice@example.com"));
        record.headers().add("tidemark.unchanged", List.of("card"), SchemaBuilder.array(Schema.STRING_SCHEMA).build());

        SourceRecord masked = valueMask(PII_RULES).apply(record);

        Struct value = (Struct) masked.value();
        assertThat(value.getString("__op")).isEqualTo("u");
        assertThat(value.getInt64("__source_ts_ms")).isEqualTo(1_700_000_000_123L);
        assertThat(value.getInt64("__position")).isEqualTo(987_654_321L);
        assertThat(value.getBoolean("__deleted")).isFalse();
        assertThat(masked.headers().lastWithName("tidemark.unchanged").value()).isEqualTo(List.of("card"));
        assertThat(masked.headers().lastWithName("tidemark.table").value()).isEqualTo("customers");

        SourceRecord opRedacted = valueMask("rules", "op", "rules.op.fields", "__op", "rules.op.strategy", "redact")
                .apply(record);
        assertThat(((Struct) opRedacted.value()).getString("__op")).isEqualTo("***");
    }

    @Test
    void nullsStayNull() {
        SourceRecord masked = valueMask(PII_RULES).apply(record(CUSTOMER, customer(null)));
        assertThat(((Struct) masked.value()).getString("email")).isNull();
    }

    @Test
    void tombstonesPassAsTheyAre() {
        SourceRecord tombstone = record(CUSTOMER, null);
        assertThat(valueMask(PII_RULES).apply(tombstone)).isSameAs(tombstone);
    }

    @Test
    void convertsNonStringFieldsToMaskedStringsInANewSchema() {
        MaskFields<SourceRecord> mask = valueMask("rules", "numbers", "hmac.secret", SECRET,
                "rules.numbers.fields", "tier,balance,signup", "rules.numbers.strategy", "redact",
                "rules.numbers.replacement", "x");
        MaskFields<SourceRecord> partial = valueMask("rules", "numbers", "rules.numbers.fields", "balance,signup",
                "rules.numbers.strategy", "partial", "rules.numbers.keep.first", "4", "rules.numbers.keep.last", "0");

        Struct redacted = (Struct) mask.apply(record(CUSTOMER, customer("a"))).value();
        Struct kept = (Struct) partial.apply(record(CUSTOMER, customer("a"))).value();

        assertThat(redacted.schema().field("tier").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(redacted.schema().field("balance").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(redacted.getString("tier")).isEqualTo("x");
        assertThat(kept.getString("balance")).as("decimals in plain text").isEqualTo("1250***");
        assertThat(kept.getString("signup")).as("timestamps as ISO-8601").isEqualTo("2023" + "*".repeat(16));
        assertThat(redacted.schema().field("id").schema()).isSameAs(Schema.INT64_SCHEMA);
        assertThat(redacted.schema().name()).isEqualTo("pg.public.customers.Value");
    }

    @Test
    void nullsOptionalNonStringFieldsKeepingTheirSchemaWhenToldTo() {
        SourceRecord masked = valueMask("rules", "tier", "rules.tier.fields", "tier", "rules.tier.strategy", "partial",
                "rules.tier.non.string", "nullify").apply(record(CUSTOMER, customer("a")));
        assertThat(((Struct) masked.value()).get("tier")).isNull();
        assertThat(masked.valueSchema()).isSameAs(CUSTOMER);
    }

    @Test
    void redactsOptionalFieldsToNull() {
        SourceRecord masked = valueMask("rules", "gone", "rules.gone.fields", "email,tier", "rules.gone.strategy",
                "redact", "rules.gone.nullify", "true").apply(record(CUSTOMER, customer("alice@example.com")));
        assertThat(((Struct) masked.value()).get("email")).isNull();
        assertThat(((Struct) masked.value()).get("tier")).isNull();
        assertThat(masked.valueSchema()).isSameAs(CUSTOMER);
    }

    @Test
    void reusesOneOutputSchemaForEveryRecordOfAnInputSchema() {
        MaskFields<SourceRecord> mask = valueMask("rules", "tier", "rules.tier.fields", "tier",
                "rules.tier.strategy", "redact");
        Schema first = mask.apply(record(CUSTOMER, customer("a"))).valueSchema();
        Schema second = mask.apply(record(CUSTOMER, customer("b"))).valueSchema();
        Schema equalCopy = mask.apply(record(copyOf(CUSTOMER), customer("c"))).valueSchema();
        assertThat(second).isSameAs(first);
        assertThat(equalCopy).isSameAs(first);
    }

    @Test
    void followsTheInputSchemaAsItEvolves() {
        Schema v1 = SchemaBuilder.struct().name("customers").field("id", Schema.INT64_SCHEMA).build();
        Schema v2 = SchemaBuilder.struct().name("customers").field("id", Schema.INT64_SCHEMA)
                .field("email", Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema v3 = SchemaBuilder.struct().name("customers").field("id", Schema.INT64_SCHEMA)
                .field("email", Schema.OPTIONAL_STRING_SCHEMA).field("tier", Schema.OPTIONAL_INT32_SCHEMA).build();
        MaskFields<SourceRecord> mask = valueMask("rules", "pii", "rules.pii.fields", "email,tier",
                "rules.pii.strategy", "redact");

        SourceRecord old = mask.apply(record(v1, new Struct(v1).put("id", 1L)));
        SourceRecord added = mask.apply(record(v2, new Struct(v2).put("id", 2L).put("email", "b@x.org")));
        SourceRecord retyped = mask.apply(record(v3, new Struct(v3).put("id", 3L).put("email", "c@x.org")
                .put("tier", 2)));

        assertThat(((Struct) old.value()).getInt64("id")).isEqualTo(1L);
        assertThat(((Struct) added.value()).getString("email")).isEqualTo("***");
        assertThat(((Struct) retyped.value()).getString("email")).isEqualTo("***");
        assertThat(((Struct) retyped.value()).get("tier")).isEqualTo("***");
        assertThat(retyped.valueSchema().field("tier").schema().type()).isEqualTo(Schema.Type.STRING);
    }

    @Test
    void aMissingPathFailsRecordsOfThatSchemaWhenToldTo() {
        Schema v1 = SchemaBuilder.struct().name("customers").field("id", Schema.INT64_SCHEMA).build();
        MaskFields<SourceRecord> mask = valueMask("rules", "pii", "rules.pii.fields", "email",
                "rules.pii.strategy", "redact", "on.missing", "fail");

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> mask.apply(record(v1, new Struct(v1).put("id", 1L))))
                    .isInstanceOf(DataException.class)
                    .hasMessageContaining("rule 'pii' path 'email'").hasMessageContaining("'customers'");
        }
        assertThat(((Struct) mask.apply(record(CUSTOMER, customer("a"))).value()).getString("email"))
                .isEqualTo("***");
    }

    @Test
    void aNullThatTheSchemaHasADefaultForStaysNull() {
        Schema schema = SchemaBuilder.struct()
                .field("region", SchemaBuilder.string().optional().defaultValue("eu").build())
                .field("email", SchemaBuilder.string().optional().defaultValue("nobody@example.com").build())
                .build();
        SourceRecord masked = valueMask("rules", "e", "rules.e.fields", "email", "rules.e.strategy", "redact")
                .apply(record(schema, new Struct(schema).put("email", "a@b.c")));
        Struct value = (Struct) masked.value();
        assertThat(value.getWithoutDefault("region")).isNull();
        assertThat(value.getString("email")).isEqualTo("***");
        assertThat(masked.valueSchema().field("email").schema().defaultValue())
                .as("a masked field's default is data too and is not carried over").isNull();
        assertThat(masked.valueSchema().field("region").schema().defaultValue()).isEqualTo("eu");
    }

    @Test
    void aValueThatIsNotAStructFailsWithoutShowingIt() {
        SourceRecord record = record(Schema.STRING_SCHEMA, "alice@example.com");
        assertThatThrownBy(() -> valueMask(PII_RULES).apply(record)).isInstanceOf(DataException.class)
                .hasMessageContaining("Struct or Map").hasMessageNotContaining("alice");
    }

    @Test
    void reportsTheProjectVersion() {
        assertThat(valueMask(PII_RULES).version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    static Schema copyOf(Schema struct) {
        SchemaBuilder builder = SchemaBuilder.struct().name(struct.name());
        struct.fields().forEach(field -> builder.field(field.name(), field.schema()));
        return builder.build();
    }
}
