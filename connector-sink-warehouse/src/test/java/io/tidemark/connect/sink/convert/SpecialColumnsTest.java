package io.tidemark.connect.sink.convert;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpecialColumnsTest {

    private static final Schema MAP = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build();
    private static final Map<String, String> SPECIAL = Map.of("price", "NaN", "limit", "-Infinity");

    @Test
    void readsTheHeaderAsTheSourceWritesItAndAsEveryHeaderConverterHandsItOver() {
        ConnectHeaders asWritten = new ConnectHeaders();
        asWritten.addMap(SpecialColumns.HEADER, SPECIAL, MAP);
        assertThat(SpecialColumns.in(asWritten)).isEqualTo(SPECIAL);

        for (var converter : new org.apache.kafka.connect.storage.HeaderConverter[] {new SimpleHeaderConverter(), new StringConverter()}) {
            converter.configure(Map.of("converter.type", "header"));
            byte[] bytes = converter.fromConnectHeader("t", SpecialColumns.HEADER, MAP, SPECIAL);
            SchemaAndValue read = converter.toConnectHeader("t", SpecialColumns.HEADER, bytes);
            ConnectHeaders headers = new ConnectHeaders();
            headers.add(SpecialColumns.HEADER, read.value(), read.schema());
            assertThat(SpecialColumns.in(headers)).as(converter.getClass().getSimpleName()).isEqualTo(SPECIAL);
        }
    }

    @Test
    void aRecordWithoutTheHeaderHasNoSpecialColumns() {
        assertThat(SpecialColumns.in(new ConnectHeaders())).isEmpty();
        assertThat(SpecialColumns.in(null)).isEmpty();
    }

    @Test
    void aHeaderThatIsNoMapIsRefusedNamingTheHeader() {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addInt(SpecialColumns.HEADER, 3);
        assertThatThrownBy(() -> SpecialColumns.in(headers)).isInstanceOf(DataException.class)
                .hasMessageContaining("tidemark.special");
    }

    @Test
    void onlyNanAndTheInfinitiesAreSpecialNumerics() {
        assertThat(io.tidemark.connect.sink.table.SpecialValue.numeric("Infinity").text()).isEqualTo("Infinity");
        assertThatThrownBy(() -> io.tidemark.connect.sink.table.SpecialValue.numeric("1.5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
    }
}
