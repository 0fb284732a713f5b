package io.tidemark.connect.sink.dialect.duckdb;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.connect.errors.DataException;

/**
 * An interval in the ISO 8601 form the source sends ({@code P-178000000Y1M-2DT0H0M1.5S}, each part signed)
 * as the text DuckDB casts to its INTERVAL: {@code <months> months <days> days <microseconds> microseconds}.
 * DuckDB does not read ISO 8601 intervals, and its INTERVAL has PostgreSQL's three parts (32-bit months and
 * days, 64-bit microseconds), so every PostgreSQL interval fits.
 */
final class DuckDbIntervalText {

    private static final Pattern ISO = Pattern.compile(
            "P(-?\\d+)Y(-?\\d+)M(-?\\d+)DT(-?\\d+)H(-?\\d+)M(-?\\d+(?:\\.\\d+)?)S");
    private static final BigInteger MONTHS_PER_YEAR = BigInteger.valueOf(12);
    private static final BigDecimal MICROS_PER_SECOND = BigDecimal.valueOf(1_000_000);

    private DuckDbIntervalText() {
    }

    static String of(String iso) {
        Matcher parts = ISO.matcher(iso);
        if (!parts.matches()) {
            throw new DataException("An interval arrived as '" + iso + "', not in the ISO 8601 form PnYnMnDTnHnMnS");
        }
        BigInteger months = new BigInteger(parts.group(1)).multiply(MONTHS_PER_YEAR).add(new BigInteger(parts.group(2)));
        BigInteger days = new BigInteger(parts.group(3));
        BigDecimal seconds = new BigDecimal(parts.group(4)).multiply(BigDecimal.valueOf(3600))
                .add(new BigDecimal(parts.group(5)).multiply(BigDecimal.valueOf(60))).add(new BigDecimal(parts.group(6)));
        BigInteger micros = seconds.multiply(MICROS_PER_SECOND).toBigIntegerExact();
        return months + " months " + days + " days " + micros + " microseconds";
    }
}
