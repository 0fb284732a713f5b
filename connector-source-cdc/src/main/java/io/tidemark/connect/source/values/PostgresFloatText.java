package io.tidemark.connect.source.values;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A double in PostgreSQL's spelling (float8out with the default extra_float_digits = 1): the shortest
 * decimal strictly nearer to the double than to its neighbours (PostgreSQL's Ryu never takes a decimal exactly
 * halfway, though it would read back), the closest one if several are as short, written in fixed
 * notation when its decimal exponent is between -4 and 14 and otherwise as {@code 1e+20}, {@code 5e-324}.
 *
 * <p>The JDBC driver and Debezium parse geometric values into doubles and print them the Java way
 * ({@code 1.0E20}, and on Java 17 not always the shortest digits: {@code 4.9E-324}); a warehouse that keeps
 * the text must receive PostgreSQL's own.
 */
final class PostgresFloatText {

    private static final int MAX_DIGITS = 17;
    private static final int FIXED_MIN_EXPONENT = -4;
    private static final int FIXED_MAX_EXPONENT = 14;

    private PostgresFloatText() {
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        BigDecimal shortest = shortest(value);
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String sign = value < 0 ? "-" : "";
        if (exponent >= FIXED_MIN_EXPONENT && exponent <= FIXED_MAX_EXPONENT) {
            return sign + shortest.abs().toPlainString();
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exponentDigits = Integer.toString(Math.abs(exponent));
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (exponentDigits.length() < 2 ? "0" : "") + exponentDigits;
    }

    /** The fewest significant digits strictly inside {@code value}'s rounding interval; of two such, the closer. */
    private static BigDecimal shortest(double value) {
        BigDecimal exact = new BigDecimal(value);
        double magnitude = Math.abs(value);
        BigDecimal halfGapBelow = exact.abs().subtract(new BigDecimal(Math.nextDown(magnitude))).divide(BigDecimal.valueOf(2));
        BigDecimal halfGapAbove = magnitude == Double.MAX_VALUE ? halfGapBelow
                : new BigDecimal(Math.nextUp(magnitude)).subtract(exact.abs()).divide(BigDecimal.valueOf(2));
        BigDecimal low = exact.subtract(value < 0 ? halfGapAbove : halfGapBelow);
        BigDecimal high = exact.add(value < 0 ? halfGapBelow : halfGapAbove);
        for (int precision = 1; precision <= MAX_DIGITS; precision++) {
            BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
            boolean downReads = down.compareTo(low) > 0;
            boolean upReads = up.compareTo(high) < 0;
            if (downReads && upReads) {
                int closer = exact.subtract(down).compareTo(up.subtract(exact));
                BigDecimal chosen = closer < 0 ? down : closer > 0 ? up : evenLastDigit(down, up);
                return chosen.stripTrailingZeros();
            }
            if (downReads || upReads) {
                return (downReads ? down : up).stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(MAX_DIGITS, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    private static BigDecimal evenLastDigit(BigDecimal down, BigDecimal up) {
        return down.unscaledValue().testBit(0) ? up : down;
    }
}
