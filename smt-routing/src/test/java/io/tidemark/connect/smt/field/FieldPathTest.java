package io.tidemark.connect.smt.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class FieldPathTest {

    private static final Schema ADDRESS = SchemaBuilder.struct().field("city", Schema.OPTIONAL_STRING_SCHEMA).optional()
            .build();
    private static final Schema CUSTOMER = SchemaBuilder.struct()
            .field("address", ADDRESS)
            .field("region", SchemaBuilder.string().optional().defaultValue("eu").build())
            .build();

    @Test
    void splitsNamesOnDotsAndKeepsBacktickedNamesWhole() {
        assertThat(FieldPath.parse("customer.address.city").names()).containsExactly("customer", "address", "city");
        assertThat(FieldPath.parse("`geo.region`.code").names()).containsExactly("geo.region", "code");
        assertThat(FieldPath.parse("a.`b.c`").names()).containsExactly("a", "b.c");
    }

    @Test
    void refusesPathsThatNameNothing() {
        for (String bad : Arrays.asList("", "a..b", ".a", "a.", "`a", "`a`b", null)) {
            assertThatThrownBy(() -> FieldPath.parse(bad)).as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void resolvesNestedStructFields() {
        Struct customer = new Struct(CUSTOMER).put("address", new Struct(ADDRESS).put("city", "Lyon"));
        assertThat(FieldPath.parse("address.city").resolve(customer)).isEqualTo("Lyon");
    }

    @Test
    void resolvesNestedMapEntries() {
        Map<String, Object> address = Map.of("city", "Lyon");
        assertThat(FieldPath.parse("address.city").resolve(Map.of("address", address))).isEqualTo("Lyon");
    }

    @Test
    void tellsAnAbsentFieldFromAFieldHoldingNull() {
        Struct customer = new Struct(CUSTOMER).put("address", new Struct(ADDRESS));
        assertThat(FieldPath.parse("address.city").resolve(customer)).isNull();
        assertThat(FieldPath.parse("address.zip").resolve(customer)).isSameAs(FieldPath.ABSENT);

        Map<String, Object> map = new HashMap<>();
        map.put("city", null);
        assertThat(FieldPath.parse("city").resolve(map)).isNull();
        assertThat(FieldPath.parse("zip").resolve(map)).isSameAs(FieldPath.ABSENT);
    }

    @Test
    void aPathRunningIntoANullAnArrayOrAScalarIsAbsent() {
        Struct noAddress = new Struct(CUSTOMER);
        assertThat(FieldPath.parse("address.city").resolve(noAddress)).isSameAs(FieldPath.ABSENT);
        assertThat(FieldPath.parse("items.sku").resolve(Map.of("items", List.of(Map.of("sku", "x")))))
                .isSameAs(FieldPath.ABSENT);
        assertThat(FieldPath.parse("name.first").resolve(Map.of("name", "Ada"))).isSameAs(FieldPath.ABSENT);
    }

    @Test
    void aNullIsReadAsNullEvenWhenTheSchemaHasADefault() {
        assertThat(FieldPath.parse("region").resolve(new Struct(CUSTOMER))).isNull();
    }
}
