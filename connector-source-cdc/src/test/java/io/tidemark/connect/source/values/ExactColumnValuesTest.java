package io.tidemark.connect.source.values;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;

import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

import io.debezium.spi.converter.RelationalColumn;

class ExactColumnValuesTest {

    /** A column of the given type, as Debezium describes it to converters. */
    private static RelationalColumn column(String typeName) {
        return (RelationalColumn) Proxy.newProxyInstance(RelationalColumn.class.getClassLoader(),
                new Class<?>[] {RelationalColumn.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "typeName":
                            return typeName;
                        case "isOptional":
                            return true;
                        case "length":
                        case "scale":
                            return OptionalInt.empty();
                        default:
                            return null;
                    }
                });
    }

    private static List<SchemaBuilder> registered(ExactColumnValues converter, String typeName) {
        List<SchemaBuilder> schemas = new ArrayList<>();
        converter.converterFor(column(typeName), (schema, conversion) -> schemas.add(schema));
        return schemas;
    }

    @Test
    void takesNumericColumnsUnlessTheUserChoseDebeziumsDecimalHandling() {
        ExactColumnValues defaults = new ExactColumnValues();
        defaults.configure(new Properties());
        assertThat(registered(defaults, "numeric")).extracting(SchemaBuilder::name)
                .containsExactly("io.debezium.data.VariableScaleDecimal");

        Properties off = new Properties();
        off.setProperty(ExactColumnValues.NUMERIC_OPTION, "false");
        ExactColumnValues userChoice = new ExactColumnValues();
        userChoice.configure(off);
        assertThat(registered(userChoice, "numeric")).isEmpty();
        assertThat(registered(userChoice, "box")).extracting(SchemaBuilder::name)
                .containsExactly(ExactColumnValues.TEXT_FORM);
    }

    @Test
    void leavesTheTypesDebeziumHandlesExactlyToDebezium() {
        ExactColumnValues converter = new ExactColumnValues();
        converter.configure(new Properties());
        for (String type : new String[] {"int4", "text", "timestamptz", "jsonb", "varchar"}) {
            assertThat(registered(converter, type)).as(type).isEmpty();
        }
    }

    @Test
    void takesArrayColumnsUnlessTheUserChoseDebeziumsArrays() {
        ExactColumnValues defaults = new ExactColumnValues();
        defaults.configure(new Properties());
        assertThat(registered(defaults, "_int4")).extracting(schema -> schema.parameters().get(ExactColumnValues.SOURCE_TYPE))
                .containsExactly("integer[]");
        assertThat(registered(defaults, "_mood")).extracting(schema -> schema.parameters().get(ExactColumnValues.SOURCE_TYPE))
                .containsExactly("mood[]");

        Properties debezium = new Properties();
        debezium.setProperty(ExactColumnValues.ARRAYS_OPTION, "false");
        ExactColumnValues userChoice = new ExactColumnValues();
        userChoice.configure(debezium);
        assertThat(registered(userChoice, "_int4")).isEmpty();
    }

    @Test
    void readsPostgresDatesWithEraAndInfinity() {
        assertThat(ExactColumnValues.parseDate("infinity")).isEqualTo(Integer.MAX_VALUE);
        assertThat(ExactColumnValues.parseDate("-infinity")).isEqualTo(Integer.MIN_VALUE);
        assertThat(ExactColumnValues.parseDate("4713-01-01 BC")).isEqualTo(-2_440_550);
        assertThat(ExactColumnValues.parseDate("1970-01-02")).isEqualTo(1);
    }
}
