package io.tidemark.connect.sink.dialect;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's text of an array ({@code {1,NULL,3}}, {@code {{"a,b",NULL},{"",x}}}, {@code [0:1]={1,2}}, as the
 * source sends it) read into nested lists of the elements' text, for warehouses that hold arrays as lists
 * (DuckDB LIST, Snowflake ARRAY), and written out as a JSON array. Elements are separated by commas (every
 * element type but box, whose arrays a dialect keeps as text); quoted elements have their backslash escapes
 * undone; an unquoted NULL is null.
 *
 * @param elements   the outer list: each item a String, null, or a nested List
 * @param dimensions how deep the lists go (0 for the empty array)
 * @param lowerBounds the bounds decoration ({@code [0:1]}) when the array does not start at index 1, else null
 */
public record PostgresArrayText(List<Object> elements, int dimensions, String lowerBounds) {

    /** Reads the text; fails with IllegalArgumentException on text that is not an array's. */
    public static PostgresArrayText parse(String text) {
        String bounds = null;
        String body = text;
        if (text.startsWith("[")) {
            int equals = text.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("Not an array's text: bounds without '='");
            }
            bounds = text.substring(0, equals);
            body = text.substring(equals + 1);
        }
        Reader reader = new Reader(body);
        List<Object> elements = reader.list();
        if (reader.position != body.length()) {
            throw new IllegalArgumentException("Not an array's text: characters after the closing brace");
        }
        return new PostgresArrayText(elements, depth(elements), bounds);
    }

    /** The elements as a JSON array; with {@code bareNumbers}, elements are written as JSON numbers (integers). */
    public String json(boolean bareNumbers) {
        StringBuilder json = new StringBuilder();
        write(json, elements, bareNumbers);
        return json.toString();
    }

    private static void write(StringBuilder json, List<Object> list, boolean bareNumbers) {
        json.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            Object item = list.get(i);
            if (item == null) {
                json.append("null");
            } else if (item instanceof List<?> nested) {
                @SuppressWarnings("unchecked")
                List<Object> inner = (List<Object>) nested;
                write(json, inner, bareNumbers);
            } else if (bareNumbers) {
                json.append(item);
            } else {
                quote(json, (String) item);
            }
        }
        json.append(']');
    }

    /** How deep the lists go: 0 for the empty array; an empty inner list still counts as a dimension. */
    private static int depth(List<?> list) {
        if (list.isEmpty()) {
            return 0;
        }
        return list.get(0) instanceof List<?> nested ? 1 + Math.max(1, depth(nested)) : 1;
    }

    private static void quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }

    /** A cursor over the text of one array. */
    private static final class Reader {
        private final String text;
        private int position;

        Reader(String text) {
            this.text = text;
        }

        List<Object> list() {
            expect('{');
            List<Object> items = new ArrayList<>();
            if (peek() == '}') {
                position++;
                return items;
            }
            while (true) {
                items.add(item());
                char next = next();
                if (next == '}') {
                    return items;
                }
                if (next != ',') {
                    throw new IllegalArgumentException("Not an array's text: '" + next + "' between elements");
                }
            }
        }

        private Object item() {
            char first = peek();
            if (first == '{') {
                return list();
            }
            if (first == '"') {
                position++;
                StringBuilder element = new StringBuilder();
                for (char c = next(); c != '"'; c = next()) {
                    element.append(c == '\\' ? next() : c);
                }
                return element.toString();
            }
            int end = position;
            while (end < text.length() && text.charAt(end) != ',' && text.charAt(end) != '}') {
                end++;
            }
            if (end == text.length()) {
                throw new IllegalArgumentException("Not an array's text: it ends early");
            }
            String element = text.substring(position, end).trim();
            position = end;
            return "NULL".equalsIgnoreCase(element) ? null : element;
        }

        private char next() {
            char c = peek();
            position++;
            return c;
        }

        private char peek() {
            if (position >= text.length()) {
                throw new IllegalArgumentException("Not an array's text: it ends early");
            }
            return text.charAt(position);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("Not an array's text: expected '" + c + "'");
            }
            position++;
        }
    }
}
