package io.tidemark.connect.smt.mask;

import static io.tidemark.connect.smt.mask.MaskFieldsStructTest.record;
import static io.tidemark.connect.smt.mask.MaskFieldsStructTest.valueMask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.tidemark.connect.smt.LogCapture;

/**
 * Every way a record can fail masking, each with personal data in the record: the message explains the failure by
 * rule, path and schema, and never carries a value (Connect logs these messages and writes them to DLQ headers);
 * nothing logged on the way carries one either.
 */
class MaskFieldsErrorMessagesTest {

    private static final String PII = "alice.secret@example.com";

    private static final Schema ADDRESS = SchemaBuilder.struct().field("street", Schema.STRING_SCHEMA).build();
    private static final Schema ROW = SchemaBuilder.struct().name("customers")
            .field("email", Schema.STRING_SCHEMA)
            .field("age", Schema.INT32_SCHEMA)
            .field("address", ADDRESS)
            .field("scores", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
            .field("byId", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build())
            .build();

    private static final Struct VALUE = new Struct(ROW).put("email", PII).put("age", 42)
            .put("address", new Struct(ADDRESS).put("street", PII)).put("scores", Map.of(PII, 1))
            .put("byId", Map.of(1, PII));

    @Test
    void nullingARequiredNumber() {
        assertFailsWithoutValue(record(ROW, VALUE), "names a required INT32 field", "rules", "r", "rules.r.fields",
                "age", "rules.r.strategy", "redact", "rules.r.non.string", "nullify");
    }

    @Test
    void nullingARequiredString() {
        assertFailsWithoutValue(record(ROW, VALUE), "names a required field", "rules", "r", "rules.r.fields",
                "email", "rules.r.strategy", "redact", "rules.r.nullify", "true");
    }

    @Test
    void aPathEndingAtAStruct() {
        assertFailsWithoutValue(record(ROW, VALUE), "names a STRUCT", "rules", "r", "rules.r.fields", "address",
                "rules.r.strategy", "partial");
    }

    @Test
    void retypingOneEntryOfAMap() {
        assertFailsWithoutValue(record(ROW, VALUE), "every value of its map", "rules", "r", "rules.r.fields",
                "scores.x", "rules.r.strategy", "hash");
    }

    @Test
    void aPathIntoAMapWithoutStringKeys() {
        assertFailsWithoutValue(record(ROW, VALUE), "keys are not strings", "rules", "r", "rules.r.fields",
                "byId.1", "rules.r.strategy", "hash");
    }

    @Test
    void aMissingPathUnderFail() {
        assertFailsWithoutValue(record(ROW, VALUE), "not in the value schema 'customers'", "rules", "r",
                "rules.r.fields", "phone", "rules.r.strategy", "hash", "on.missing", "fail");
    }

    @Test
    void aMissingSchemalessPathUnderFail() {
        SourceRecord record = record(null, Map.of("email", PII));
        assertFailsWithoutValue(record, "not in the record", "rules", "r", "rules.r.fields", "phone",
                "rules.r.strategy", "hash", "on.missing", "fail");
    }

    @Test
    void aSchemalessPathEndingAtAMap() {
        SourceRecord record = record(null, Map.of("address", Map.of("street", PII)));
        assertFailsWithoutValue(record, "names a nested record", "rules", "r", "rules.r.fields", "address",
                "rules.r.strategy", "hash");
    }

    @Test
    void aValueThatIsNotARecord() {
        assertFailsWithoutValue(record(Schema.STRING_SCHEMA, PII), "Struct or Map", "rules", "r", "rules.r.fields",
                "email", "rules.r.strategy", "hash");
        assertFailsWithoutValue(record(null, PII), "Struct or Map", "rules", "r", "rules.r.fields", "email",
                "rules.r.strategy", "hash");
    }

    private static void assertFailsWithoutValue(SourceRecord record, String reason, String... props) {
        DataException failure;
        try (LogCapture logs = LogCapture.start()) {
            MaskFields<SourceRecord> mask = valueMask(props);
            failure = catchThrowableOfType(DataException.class, () -> mask.apply(record));
            assertThat(logs.lines()).noneMatch(line -> line.contains(PII));
        }
        assertThat(failure).as("masking fails").isNotNull();
        assertThat(failure.getMessage()).contains(reason).doesNotContain(PII).doesNotContain("alice")
                .doesNotContain("42");
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            assertThat(String.valueOf(cause.getMessage())).doesNotContain(PII);
        }
    }
}
