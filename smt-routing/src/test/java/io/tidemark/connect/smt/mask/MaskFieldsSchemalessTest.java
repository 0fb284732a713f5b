package io.tidemark.connect.smt.mask;

import static io.tidemark.connect.smt.mask.MaskFieldsStructTest.valueMask;
import static io.tidemark.connect.smt.mask.MaskStrategiesTest.ALICE_HMAC_HEX;
import static io.tidemark.connect.smt.mask.MaskStrategiesTest.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Maps as JsonConverter with schemas.enable=false gives them. */
@SuppressWarnings("unchecked")
class MaskFieldsSchemalessTest {

    @Test
    void masksNestedMapEntriesAndCopiesOnlyWhatItChanges() {
        Map<String, Object> shipping = Map.of("country", "FR");
        Map<String, Object> value = Map.of("customer", Map.of("email", "alice@example.com", "name", "Alice"),
                "shipping", shipping);

        Map<String, Object> masked = (Map<String, Object>) apply(value, "rules", "email", "hmac.secret", SECRET,
                "rules.email.fields", "customer.email", "rules.email.strategy", "hmac");

        assertThat((Map<String, Object>) masked.get("customer")).containsEntry("email", ALICE_HMAC_HEX)
                .containsEntry("name", "Alice");
        assertThat(masked.get("shipping")).isSameAs(shipping);
        assertThat((Map<String, Object>) value.get("customer")).containsEntry("email", "alice@example.com");
    }

    @Test
    void masksFieldsInEveryMapOfAListAndEveryStringOfAList() {
        Map<String, Object> value = Map.of(
                "items", List.of(Map.of("card", "4111111111111111"), Map.of("sku", "no card")),
                "aliases", Arrays.asList("alice", null));

        Map<String, Object> masked = (Map<String, Object>) apply(value, "rules", "card,alias",
                "rules.card.fields", "items.card", "rules.card.strategy", "partial",
                "rules.alias.fields", "aliases", "rules.alias.strategy", "redact");

        assertThat((List<Object>) masked.get("items")).containsExactly(Map.of("card", "************1111"),
                Map.of("sku", "no card"));
        assertThat((List<Object>) masked.get("aliases")).containsExactly("***", null);
    }

    @Test
    void masksTheTextOfNonStringValuesOrNullsThem() {
        Map<String, Object> value = Map.of("phone", 33612345678L, "age", 42);

        Map<String, Object> masked = (Map<String, Object>) apply(value, "rules", "phone,age",
                "rules.phone.fields", "phone", "rules.phone.strategy", "partial", "rules.phone.keep.last", "2",
                "rules.age.fields", "age", "rules.age.strategy", "hmac", "rules.age.non.string", "nullify",
                "hmac.secret", SECRET);

        assertThat(masked.get("phone")).isEqualTo("*********78");
        assertThat(masked.containsKey("age")).isTrue();
        assertThat(masked.get("age")).isNull();
    }

    @Test
    void ignoresOrFailsOnAMissingPathRecordByRecord() {
        String[] rules = {"rules", "email", "rules.email.fields", "email", "rules.email.strategy", "redact"};
        Map<String, Object> without = Map.of("id", 1);
        assertThat(apply(without, rules)).isSameAs(without);

        String[] failing = Arrays.copyOf(rules, rules.length + 2);
        failing[rules.length] = "on.missing";
        failing[rules.length + 1] = "fail";
        assertThatThrownBy(() -> apply(without, failing)).isInstanceOf(DataException.class)
                .hasMessageContaining("rule 'email' path 'email'");
        assertThat(apply(Map.of("email", "a@b.c"), failing)).isEqualTo(Map.of("email", "***"));
    }

    @Test
    void aPresentNullIsNotMissing() {
        Map<String, Object> value = new HashMap<>();
        value.put("email", null);
        assertThat(apply(value, "rules", "email", "rules.email.fields", "email", "rules.email.strategy", "redact",
                "on.missing", "fail")).isSameAs(value);
    }

    @Test
    void aValueThatIsNeitherStructNorMapFailsWithoutShowingIt() {
        assertThatThrownBy(() -> apply("alice@example.com", "rules", "e", "rules.e.fields", "email",
                "rules.e.strategy", "redact")).isInstanceOf(DataException.class)
                .hasMessageContaining("Struct or Map").hasMessageNotContaining("alice");
    }

    private static Object apply(Object value, String... props) {
        SourceRecord record = new SourceRecord(Map.of(), Map.of(), "t", null, null, null, null, value);
        SourceRecord masked = valueMask(props).apply(record);
        return masked.value();
    }
}
