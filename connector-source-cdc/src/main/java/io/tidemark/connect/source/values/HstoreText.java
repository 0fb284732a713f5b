package io.tidemark.connect.source.values;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * PostgreSQL's text form of an hstore the JDBC driver read into a Map (the snapshot; streaming gives the
 * text itself): {@code "key"=>"value"} pairs joined by {@code ", "}, NULL values unquoted, {@code "} and
 * {@code \} escaped with a backslash, in hstore's own order, shorter keys first and keys of one length by
 * their bytes.
 */
final class HstoreText {

    private HstoreText() {
    }

    static String of(Map<?, ?> map) {
        List<Map.Entry<?, ?>> pairs = new ArrayList<>(map.entrySet());
        pairs.sort((a, b) -> compareKeys(bytes(a.getKey()), bytes(b.getKey())));
        StringJoiner text = new StringJoiner(", ");
        for (Map.Entry<?, ?> pair : pairs) {
            text.add(quoted(pair.getKey()) + "=>" + (pair.getValue() == null ? "NULL" : quoted(pair.getValue())));
        }
        return text.toString();
    }

    private static int compareKeys(byte[] a, byte[] b) {
        return a.length != b.length ? Integer.compare(a.length, b.length) : Arrays.compareUnsigned(a, b);
    }

    private static byte[] bytes(Object key) {
        return String.valueOf(key).getBytes(StandardCharsets.UTF_8);
    }

    private static String quoted(Object text) {
        return "\"" + String.valueOf(text).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
