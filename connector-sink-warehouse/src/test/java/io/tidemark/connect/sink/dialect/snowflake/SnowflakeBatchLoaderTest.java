package io.tidemark.connect.sink.dialect.snowflake;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The text each canonical value is bound as; Snowflake casts it to the staging column's type. */
class SnowflakeBatchLoaderTest {

    @Test
    void bindsValuesAsTheTextSnowflakeCastsExactly() {
        assertThat(SnowflakeBatchLoader.text(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(SnowflakeBatchLoader.text(new BigDecimal("-12345.67891"))).isEqualTo("-12345.67891");
        assertThat(SnowflakeBatchLoader.text(1.1f)).isEqualTo("1.1");
        assertThat(SnowflakeBatchLoader.text(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(SnowflakeBatchLoader.text(Double.NaN)).isEqualTo("NaN");
        assertThat(SnowflakeBatchLoader.text(9_007_199_254_740_993L)).isEqualTo("9007199254740993");
        assertThat(SnowflakeBatchLoader.text(true)).isEqualTo("true");
        assertThat(SnowflakeBatchLoader.text(new byte[] {0, 1, 2, (byte) 255})).isEqualTo("000102ff");
        assertThat(SnowflakeBatchLoader.text(UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427")))
                .isEqualTo("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
    }

    @Test
    void writesDatesAndTimesInIsoFormWithSecondsAlwaysAndTheFractionOnlyWhereThereIsOne() {
        assertThat(SnowflakeBatchLoader.text(LocalDate.of(2024, 2, 29))).isEqualTo("2024-02-29");
        assertThat(SnowflakeBatchLoader.text(LocalTime.of(1, 2))).isEqualTo("01:02:00");
        assertThat(SnowflakeBatchLoader.text(LocalTime.of(1, 2, 3, 5_000))).isEqualTo("01:02:03.000005");
        assertThat(SnowflakeBatchLoader.text(LocalDateTime.of(2023, 11, 14, 22, 13, 20, 123_000_000))).isEqualTo("2023-11-14 22:13:20.123");
        assertThat(SnowflakeBatchLoader.text(OffsetDateTime.of(2024, 3, 1, 10, 15, 30, 500_000_000, ZoneOffset.ofHours(2))))
                .isEqualTo("2024-03-01T10:15:30.5+02:00");
        assertThat(SnowflakeBatchLoader.text(OffsetDateTime.of(2024, 3, 1, 10, 15, 0, 0, ZoneOffset.UTC))).isEqualTo("2024-03-01T10:15:00+00:00");
    }
}
