package io.tidemark.connect.smt.field;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Date;

/**
 * The text form of a scalar field value, shared by routing templates, predicates and masking so that a value reads
 * the same everywhere: numbers and booleans as Java prints them, decimals without exponent, dates and timestamps
 * (Connect's logical types) as ISO-8601 instants, bytes as Base64.
 */
public final class ScalarText {

    private ScalarText() {
    }

    /** The value's text, or {@code null} for null and for values that are not scalars (Struct, Map, List). */
    public static String of(Object value) {
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof Character) {
            return value.toString();
        }
        if (value instanceof Date) {
            return ((Date) value).toInstant().toString();
        }
        if (value instanceof byte[]) {
            return Base64.getEncoder().encodeToString((byte[]) value);
        }
        if (value instanceof ByteBuffer) {
            ByteBuffer buffer = ((ByteBuffer) value).duplicate();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        }
        return null;
    }
}
