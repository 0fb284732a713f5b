package io.tidemark.connect.sink.convert;

import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads the {@code tidemark.unchanged} header: the columns the source database did not send (TOAST
 * values an UPDATE did not touch). Header converters hand it over as a List, as JSON array text
 * {@code ["a","b"]}, or as {@code a,b}; all three are accepted.
 */
public final class UnchangedColumns {

    public static final String HEADER = "tidemark.unchanged";

    private UnchangedColumns() {
    }

    /** The column names in the header, or an empty list when there is none. */
    public static List<String> in(Headers headers) {
        List<String> names = new ArrayList<>();
        if (headers == null) {
            return names;
        }
        for (Iterator<Header> each = headers.allWithName(HEADER); each.hasNext(); ) {
            addNames(each.next().value(), names);
        }
        return names;
    }

    private static void addNames(Object value, List<String> names) {
        if (value instanceof List<?> list) {
            list.stream().filter(item -> item != null).forEach(item -> names.add(item.toString()));
        } else if (value instanceof String text) {
            parseText(text.trim(), names);
        } else if (value instanceof byte[] bytes) {
            parseText(new String(bytes, java.nio.charset.StandardCharsets.UTF_8).trim(), names);
        }
    }

    private static void parseText(String text, List<String> names) {
        String body = text;
        if (body.startsWith("[") && body.endsWith("]")) {
            body = body.substring(1, body.length() - 1);
        }
        for (String part : body.split(",")) {
            String name = part.trim();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
            }
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
    }
}
