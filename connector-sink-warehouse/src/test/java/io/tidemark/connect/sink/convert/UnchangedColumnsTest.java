package io.tidemark.connect.sink.convert;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The header arrives as a list, JSON array text or comma-separated text, depending on the header converter. */
class UnchangedColumnsTest {

    @Test
    void acceptsAListOfStrings() {
        ConnectHeaders headers = new ConnectHeaders();
        headers.add(UnchangedColumns.HEADER, List.of("bio", "photo"), SchemaBuilder.array(Schema.STRING_SCHEMA).build());

        assertThat(UnchangedColumns.in(headers)).containsExactly("bio", "photo");
    }

    @Test
    void acceptsJsonArrayText() {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(UnchangedColumns.HEADER, "[\"bio\", \"photo\"]");

        assertThat(UnchangedColumns.in(headers)).containsExactly("bio", "photo");
    }

    @Test
    void acceptsCommaSeparatedText() {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(UnchangedColumns.HEADER, "bio, photo");

        assertThat(UnchangedColumns.in(headers)).containsExactly("bio", "photo");
    }

    @Test
    void isEmptyWithoutTheHeader() {
        assertThat(UnchangedColumns.in(new ConnectHeaders())).isEmpty();
        assertThat(UnchangedColumns.in(null)).isEmpty();
    }
}
