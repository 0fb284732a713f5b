package io.tidemark.connect.sink.convert;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    /** One entry of {n=NaN, m=-Infinity}: the values are only ever these three words. */
    private static final Pattern JAVA_MAP_ENTRY = Pattern.compile("(.+?)=(NaN|Infinity|-Infinity)(?:, |$)");

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

    /**
     * A header that a header converter left as text: {"n":"NaN"} (Connect's own map syntax, from the
     * SimpleHeaderConverter) or {n=NaN, m=-Infinity} (a Java map's toString, from the StringConverter).
     */
    private static Object parse(String text) {
        Object parsed = Values.parseString(text).value();
        String trimmed = text.trim();
        if (parsed instanceof Map<?, ?> || !trimmed.startsWith("{") || !trimmed.endsWith("}")) {
            return parsed;
        }
        Map<String, String> special = new LinkedHashMap<>();
        Matcher entry = JAVA_MAP_ENTRY.matcher(trimmed.substring(1, trimmed.length() - 1));
        while (entry.find()) {
            special.put(entry.group(1), entry.group(2));
        }
        return special.isEmpty() ? parsed : special;
    }
}
