package io.tidemark.connect.source.reshape;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AvroNamesTest {

    @Test
    void legalPartsStayAsTheyAre() {
        assertThat(AvroNames.part("orders_2024")).isEqualTo("orders_2024");
        assertThat(AvroNames.part("_x")).isEqualTo("_x");
    }

    @Test
    void illegalCharactersBecomeUnderscoresAndALeadingDigitGetsOneInFront() {
        assertThat(AvroNames.part("1st order")).isEqualTo("_1st_order");
        assertThat(AvroNames.part("Sales-2024")).isEqualTo("Sales_2024");
        assertThat(AvroNames.part("Ünïcode")).isEqualTo("_n_code");
        assertThat(AvroNames.part("")).isEqualTo("_");
    }

    @Test
    void thePrefixKeepsItsDotsButSchemaAndTableDotsAreReplaced() {
        assertThat(AvroNames.schemaName("acme-prod.cdc", "my.schema", "2024.orders", "Value"))
                .isEqualTo("acme_prod.cdc.my_schema._2024_orders.Value");
    }
}
