package io.tidemark.connect.smt.mask;

import static io.tidemark.connect.smt.mask.MaskFieldsStructTest.record;
import static io.tidemark.connect.smt.mask.MaskFieldsStructTest.valueMask;
import static io.tidemark.connect.smt.mask.MaskStrategiesTest.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.tidemark.connect.smt.LogCapture;
import io.tidemark.connect.smt.Props;

class MaskFieldsLoggingTest {

    private static final String PII = "alice.private@example.com";

    @Test
    void warnsOnceForEachSchemaThatLacksARulesPath() {
        Schema v1 = SchemaBuilder.struct().name("customers.v1").field("id", Schema.INT64_SCHEMA).build();
        Schema v2 = SchemaBuilder.struct().name("customers.v2").field("id", Schema.INT64_SCHEMA)
                .field("note", Schema.OPTIONAL_STRING_SCHEMA).build();
        MaskFields<SourceRecord> mask = valueMask("rules", "pii", "rules.pii.fields", "email",
                "rules.pii.strategy", "redact");

        try (LogCapture logs = LogCapture.start()) {
            for (int i = 0; i < 5; i++) {
                mask.apply(record(v1, new Struct(v1).put("id", (long) i)));
                mask.apply(record(v2, new Struct(v2).put("id", (long) i).put("note", PII)));
            }

            assertThat(logs.warnings()).hasSize(2);
            assertThat(logs.warnings().get(0)).contains("rule 'pii' path 'email'", "'customers.v1'");
            assertThat(logs.warnings().get(1)).contains("rule 'pii' path 'email'", "'customers.v2'");
            assertThat(logs.lines()).noneMatch(line -> line.contains(PII));
        }
    }

    @Test
    void warnsAtStartAboutKeyRulesThatCanMergeDistinctKeys() {
        try (LogCapture logs = LogCapture.start()) {
            new MaskFields.Key<SourceRecord>().configure(Props.of("rules", "id", "rules.id.fields", "id",
                    "rules.id.strategy", "partial"));
            new MaskFields.Key<SourceRecord>().configure(Props.of("rules", "email", "rules.email.fields", "email",
                    "rules.email.strategy", "hmac", "hmac.secret", SECRET));
            new MaskFields.Value<SourceRecord>().configure(Props.of("rules", "id", "rules.id.fields", "id",
                    "rules.id.strategy", "partial"));

            assertThat(logs.warnings()).singleElement().asString().contains("MaskFields$Key rule 'id'");
        }
    }
}
