package io.tidemark.connect.sink.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class PostgresArrayTextTest {

    @Test
    void readsElementsQuotesEscapesAndNulls() {
        PostgresArrayText array = PostgresArrayText.parse("{\"a,b\",NULL,\"\",\"x\\\"y\",\"NULL\", plain }");
        assertThat(array.elements()).isEqualTo(Arrays.asList("a,b", null, "", "x\"y", "NULL", "plain"));
        assertThat(array.dimensions()).isEqualTo(1);
        assertThat(array.lowerBounds()).isNull();
        assertThat(array.json(false)).isEqualTo("[\"a,b\",null,\"\",\"x\\\"y\",\"NULL\",\"plain\"]");
    }

    @Test
    void readsDimensionsAndBoundsAndWritesIntegersBare() {
        PostgresArrayText matrix = PostgresArrayText.parse("{{1,2},{3,NULL}}");
        assertThat(matrix.dimensions()).isEqualTo(2);
        assertThat(matrix.json(true)).isEqualTo("[[1,2],[3,null]]");
        assertThat(matrix.elements()).isEqualTo(List.of(List.of("1", "2"), Arrays.asList("3", null)));

        PostgresArrayText shifted = PostgresArrayText.parse("[0:1]={7,8}");
        assertThat(shifted.lowerBounds()).isEqualTo("[0:1]");
        assertThat(PostgresArrayText.parse("{}").dimensions()).isZero();
        assertThat(PostgresArrayText.parse("{}").json(false)).isEqualTo("[]");
    }

    @Test
    void refusesTextThatIsNotAnArraysNamingWhy() {
        assertThatThrownBy(() -> PostgresArrayText.parse("1,2")).hasMessageContaining("expected '{'");
        assertThatThrownBy(() -> PostgresArrayText.parse("{1,2")).hasMessageContaining("ends early");
        assertThatThrownBy(() -> PostgresArrayText.parse("{1}x")).hasMessageContaining("after the closing brace");
    }
}
