package io.tidemark.connect.sink.convert;

import io.tidemark.connect.sink.dialect.Identifiers;
import io.tidemark.connect.sink.table.IdentifierCase;
import io.tidemark.connect.sink.table.TableId;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableNamingTest {

    private static TableNaming naming(String format) {
        return new TableNaming(format, null, IdentifierCase.AS_IS, new Identifiers("PostgreSQL", 63));
    }

    private static Headers source(String schema, String table) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("tidemark.schema", schema);
        headers.addString("tidemark.table", table);
        return headers;
    }

    @Test
    void theLastPartOfATopicNamesTheTable() {
        assertThat(naming("${topic.last}").tableFor("tm.public.customers", new ConnectHeaders()))
                .isEqualTo(new TableId(null, "customers"));
    }

    @Test
    void aSourceTableWhoseNameHasDotsIsNotCutAtItsLastDot() {
        // Debezium writes the table "Quoted . Table" into the topic as Quoted_._Table.
        TableNaming naming = naming("${topic.last}");

        assertThat(naming.tableFor("tm.public.Quoted_._Table", source("public", "Quoted . Table")))
                .isEqualTo(new TableId(null, "Quoted_._Table"));
        assertThat(naming.tableFor("tm.public._Table", source("public", "_Table"))).isEqualTo(new TableId(null, "_Table"));
    }

    @Test
    void aTopicATransformRenamedIsNamedByItsOwnLastPart() {
        assertThat(naming("${topic.last}").tableFor("warehouse.orders_v2", source("public", "orders")))
                .isEqualTo(new TableId(null, "orders_v2"));
    }

    @Test
    void twoTopicsLandingInOneTableAreRefusedNamingBoth() {
        TableNaming naming = naming("${topic.last}");
        naming.tableFor("tm.sales.orders", source("sales", "orders"));

        assertThatThrownBy(() -> naming.tableFor("tm.hr.orders", source("hr", "orders")))
                .isInstanceOf(TableNameCollisionException.class)
                .hasMessageContaining("tm.sales.orders").hasMessageContaining("tm.hr.orders").hasMessageContaining("orders")
                .hasMessageContaining("table.name.format");
    }

    @Test
    void aFormatWithoutPlaceholdersMergesTopicsOnPurpose() {
        TableNaming naming = naming("all_orders");

        assertThat(naming.tableFor("tm.sales.orders", new ConnectHeaders())).isEqualTo(naming.tableFor("tm.hr.orders", new ConnectHeaders()));
    }
}
