package io.tidemark.connect.sink.dialect.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.sink.dialect.ExistingColumn;
import io.tidemark.connect.sink.table.ColumnType;
import org.junit.jupiter.api.Test;

class SnowflakeTypesTest {

    @Test
    void aPostgresArrayIsAnArrayColumnStagedAsTextExceptBoxArrays() {
        assertThat(SnowflakeTypes.name(ColumnType.textOf("integer[]"))).isEqualTo("ARRAY");
        assertThat(SnowflakeTypes.name(ColumnType.textOf("date[]"))).isEqualTo("ARRAY");
        assertThat(SnowflakeTypes.stagingName(ColumnType.textOf("integer[]"))).isEqualTo("VARCHAR");
        assertThat(SnowflakeTypes.name(ColumnType.textOf("box[]"))).isEqualTo("VARCHAR");
        assertThat(SnowflakeTypes.name(ColumnType.textOf("box"))).isEqualTo("VARCHAR");
    }

    @Test
    void aVariantColumnTakesArraysAndNothingElseTakesThemByThisRule() {
        SnowflakeDialect dialect = new SnowflakeDialect();
        ExistingColumn variant = new ExistingColumn("TAGS", "VARIANT", ColumnType.JSON);
        assertThat(dialect.takes(variant, ColumnType.textOf("text[]"))).isTrue();
        assertThat(dialect.takes(variant, ColumnType.textOf("box"))).isFalse();
        assertThat(dialect.takes(new ExistingColumn("TAGS", "VARCHAR", ColumnType.STRING), ColumnType.textOf("text[]"))).isFalse();
    }
}
