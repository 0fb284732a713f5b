package io.tidemark.connect.smt.field;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.header.Header;

/**
 * A reference to one value of a record, as users write it in a template or a predicate: {@code key},
 * {@code key.<path>}, {@code value}, {@code value.<path>} or {@code header.<name>} (a header name is taken whole,
 * dots included, because header names are flat strings such as {@code tidemark.table}).
 */
public final class RecordField {

    private static final String KEY = "key";
    private static final String VALUE = "value";
    private static final String HEADER_PREFIX = "header.";

    private enum Part { KEY, VALUE, HEADER }

    private final String text;
    private final Part part;
    private final FieldPath path;
    private final String headerName;

    private RecordField(String text, Part part, FieldPath path, String headerName) {
        this.text = text;
        this.part = part;
        this.path = path;
        this.headerName = headerName;
    }

    /** @throws IllegalArgumentException when the text names no part of a record */
    public static RecordField parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a record field must not be empty");
        }
        if (text.equals(KEY) || text.equals(VALUE)) {
            return new RecordField(text, text.equals(KEY) ? Part.KEY : Part.VALUE, null, null);
        }
        if (text.startsWith(KEY + ".")) {
            return new RecordField(text, Part.KEY, FieldPath.parse(text.substring(KEY.length() + 1)), null);
        }
        if (text.startsWith(VALUE + ".")) {
            return new RecordField(text, Part.VALUE, FieldPath.parse(text.substring(VALUE.length() + 1)), null);
        }
        if (text.startsWith(HEADER_PREFIX) && text.length() > HEADER_PREFIX.length()) {
            return new RecordField(text, Part.HEADER, null, text.substring(HEADER_PREFIX.length()));
        }
        throw new IllegalArgumentException("'" + text + "' names no part of a record: write key, key.<path>, value, "
                + "value.<path> or header.<name>");
    }

    /**
     * The referenced value, {@code null} when it is present but null, or {@link FieldPath#ABSENT} when the record
     * does not have it (see {@link FieldPath#resolve}). For a header, the last header of that name counts, as Connect
     * itself reads headers.
     */
    public Object resolve(ConnectRecord<?> record) {
        switch (part) {
            case KEY:
                return path == null ? record.key() : path.resolve(record.key());
            case VALUE:
                return path == null ? record.value() : path.resolve(record.value());
            default:
                Header header = record.headers().lastWithName(headerName);
                return header == null ? FieldPath.ABSENT : header.value();
        }
    }

    /** The reference as configured. */
    @Override
    public String toString() {
        return text;
    }
}
