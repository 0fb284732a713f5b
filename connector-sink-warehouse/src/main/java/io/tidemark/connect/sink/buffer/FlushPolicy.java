package io.tidemark.connect.sink.buffer;

/**
 * When the buffer is written: after {@code maxRecords} records, when its estimated heap reaches
 * {@code maxBytes} (which bounds memory whatever the input rate), or when its oldest record has waited
 * {@code maxAgeMs}. Connect's preCommit flushes as well, outside this policy.
 */
public record FlushPolicy(int maxRecords, long maxBytes, long maxAgeMs) {

    /** The reason to flush now, or null when no threshold is reached. */
    public String reason(ChangeBuffer buffer, long now) {
        if (buffer.isEmpty()) {
            return null;
        }
        if (buffer.records() >= maxRecords) {
            return "buffer.count.records";
        }
        if (buffer.bytes() >= maxBytes) {
            return "buffer.size.bytes";
        }
        if (now - buffer.oldestAddedAt() >= maxAgeMs) {
            return "buffer.flush.time.ms";
        }
        return null;
    }
}
