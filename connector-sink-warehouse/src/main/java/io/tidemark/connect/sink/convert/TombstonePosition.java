package io.tidemark.connect.sink.convert;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;

import java.nio.charset.StandardCharsets;

/**
 * Reads the {@code tidemark.position} header: the position of the delete a tombstone follows, as decimal
 * text (a number, or bytes of that text, depending on the header converter). With it a tombstone is
 * ordered like any change, so a replayed tombstone cannot delete (or mark deleted) a row stored at a newer
 * version. A tombstone without it (other producers) has no version, as before.
 */
public final class TombstonePosition {

    public static final String HEADER = "tidemark.position";

    private TombstonePosition() {
    }

    /** The position in the header, or null when there is none. */
    public static Long in(Headers headers) {
        if (headers == null) {
            return null;
        }
        Header header = headers.lastWithName(HEADER);
        if (header == null || header.value() == null) {
            return null;
        }
        Object value = header.value();
        if (value instanceof Number number) {
            return number.longValue();
        }
        String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new DataException("its header " + HEADER + " is not a decimal number");
        }
    }
}
