package io.tidemark.connect.sink.table;

import java.util.Objects;

/**
 * A value with no java.time or BigDecimal form, in PostgreSQL's spelling: numeric {@code NaN},
 * {@code Infinity} and {@code -Infinity}; date and timestamp {@code infinity} and {@code -infinity};
 * the time {@code 24:00:00}. The canonical value of such a column; each loader writes it as its warehouse
 * spells it, or refuses the row when the warehouse column cannot hold it.
 *
 * @param text PostgreSQL's text for the value
 */
public record SpecialValue(String text) {

    public static final SpecialValue INFINITY = new SpecialValue("infinity");
    public static final SpecialValue NEGATIVE_INFINITY = new SpecialValue("-infinity");
    public static final SpecialValue END_OF_DAY = new SpecialValue("24:00:00");

    public SpecialValue {
        Objects.requireNonNull(text, "text");
    }

    /** Numeric NaN, Infinity or -Infinity as the source's {@code tidemark.special} header names it. */
    public static SpecialValue numeric(String text) {
        switch (text) {
            case "NaN":
            case "Infinity":
            case "-Infinity":
                return new SpecialValue(text);
            default:
                throw new IllegalArgumentException("the special numeric value '" + text + "' is none of NaN, "
                        + "Infinity, -Infinity");
        }
    }

    public boolean isInfinite() {
        return this.equals(INFINITY) || this.equals(NEGATIVE_INFINITY);
    }

    @Override
    public String toString() {
        return text;
    }
}
