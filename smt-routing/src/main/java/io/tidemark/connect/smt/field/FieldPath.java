package io.tidemark.connect.smt.field;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;

/**
 * A path to a nested field, parsed once from its configured text: names separated by dots
 * ({@code customer.address.city}); a name that itself contains dots goes in backticks
 * ({@code `geo.region`.code}), the convention of Kafka's own nested-field syntax.
 */
public final class FieldPath {

    /** What {@link #resolve} returns when the record has no such field: not the same as a field holding null. */
    public static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "ABSENT";
        }
    };

    private final String text;
    private final String[] names;

    private FieldPath(String text, List<String> names) {
        this.text = text;
        this.names = names.toArray(new String[0]);
    }

    /**
     * @throws IllegalArgumentException when the text is not a path; the message says why and may quote the text,
     *         which is configuration, never record data
     */
    public static FieldPath parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a field path must not be empty");
        }
        List<String> names = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            String name;
            if (text.charAt(i) == '`') {
                int close = text.indexOf('`', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("field path '" + text + "' has an unclosed backtick");
                }
                name = text.substring(i + 1, close);
                i = close + 1;
                if (i < text.length() && text.charAt(i) != '.') {
                    throw new IllegalArgumentException("field path '" + text + "': a backtick-quoted name must be "
                            + "followed by a dot or end the path");
                }
            } else {
                int dot = text.indexOf('.', i);
                int end = dot < 0 ? text.length() : dot;
                name = text.substring(i, end);
                i = end;
            }
            if (name.isEmpty()) {
                throw new IllegalArgumentException("field path '" + text + "' has an empty field name");
            }
            names.add(name);
            if (i < text.length()) {
                i++; // the dot
                if (i == text.length()) {
                    throw new IllegalArgumentException("field path '" + text + "' ends with a dot");
                }
            }
        }
        return new FieldPath(text, names);
    }

    public int length() {
        return names.length;
    }

    public String name(int index) {
        return names[index];
    }

    public List<String> names() {
        return List.of(names);
    }

    /**
     * The value at this path inside a Struct or a schemaless Map, or {@link #ABSENT} when a name along the path is
     * not a field of its Struct's schema (or not a key of its Map), or when the path runs into a null, an array or
     * a scalar before its last name. A field that is present but null resolves to {@code null}. Nulls are read as
     * they are: a field's schema default does not stand in for a null, so routing and predicates see what the
     * source sent.
     */
    public Object resolve(Object root) {
        Object current = root;
        for (String name : names) {
            if (current instanceof Struct) {
                Struct struct = (Struct) current;
                if (struct.schema().field(name) == null) {
                    return ABSENT;
                }
                current = struct.getWithoutDefault(name);
            } else if (current instanceof Map) {
                Map<?, ?> map = (Map<?, ?>) current;
                current = map.get(name);
                if (current == null && !map.containsKey(name)) {
                    return ABSENT;
                }
            } else {
                return ABSENT;
            }
        }
        return current;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath && ((FieldPath) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The path as configured. */
    @Override
    public String toString() {
        return text;
    }
}
