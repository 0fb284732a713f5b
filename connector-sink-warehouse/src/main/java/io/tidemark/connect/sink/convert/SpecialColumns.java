package io.tidemark.connect.sink.convert;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Values;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;

/**
 * Reads the {@code tidemark.special} header: the columns whose value no Connect type of their field holds
 * (a numeric NaN, Infinity or -Infinity), each with its PostgreSQL text; their fields are null.
 */
public final class SpecialColumns {

    public static final String HEADER = "tidemark.special";

    private SpecialColumns() {
    }

    /** Column name to value text; empty when the record has no such header. */
    public static Map<String, String> in(Headers headers) {
        Map<String, String> special = new LinkedHashMap<>();
        if (headers == null) {
            return special;
        }
        for (Iterator<Header> each = headers.allWithName(HEADER); each.hasNext(); ) {
            Object value = each.next().value();
            if (value instanceof String text) {
                value = parse(text);
            } else if (value instanceof byte[] bytes) {
                value = parse(new String(bytes, StandardCharsets.UTF_8));
            }
            if (value instanceof Map<?, ?> map) {
                map.forEach((column, text) -> special.put(String.valueOf(column), String.valueOf(text)));
            } else if (value != null) {
                throw new DataException("its " + HEADER + " header is a " + value.getClass().getSimpleName()
                        + ", not a map of column to value");
            }
        }
        return special;
    }

    /** A header that a string header converter left as text: {"n":"NaN"} (Connect's own map syntax). */
    private static Object parse(String text) {
        return Values.parseString(text).value();
    }
}
