package io.tidemark.connect.sink.buffer;

import io.tidemark.connect.sink.convert.RowChange;
import io.tidemark.connect.sink.table.TableId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes waiting to be written, per table. It counts the records it accepted and the heap its changes
 * hold; superseded changes are released at once, so a hot key costs one change, not one per update.
 */
public final class ChangeBuffer {

    private final boolean deduplicate;
    private final Map<TableId, TableBuffer> tables = new LinkedHashMap<>();
    private int records;
    private long bytes;

    /** @param deduplicate true in merge mode (newest change per key), false in append mode (every change) */
    public ChangeBuffer(boolean deduplicate) {
        this.deduplicate = deduplicate;
    }

    public void add(RowChange change, long now) {
        bytes += tables.computeIfAbsent(change.table(), table -> new TableBuffer(deduplicate)).add(change, now);
        records++;
    }

    /** Tables with buffered changes, in the order they first received one. */
    public List<TableId> tables() {
        return new ArrayList<>(tables.keySet());
    }

    /** The changes buffered for a table (one per key in merge mode), without removing them. */
    public List<RowChange> changes(TableId table) {
        TableBuffer buffer = tables.get(table);
        return buffer == null ? List.of() : buffer.changes();
    }

    /** Forgets a table's changes, after they were written (or must be dropped). */
    public void remove(TableId table) {
        TableBuffer buffer = tables.remove(table);
        if (buffer != null) {
            records -= buffer.records();
            bytes -= buffer.bytes();
        }
    }

    public void clear() {
        tables.clear();
        records = 0;
        bytes = 0;
    }

    public boolean isEmpty() {
        return tables.isEmpty();
    }

    /** Records accepted since their tables were last written. */
    public int records() {
        return records;
    }

    /** Estimated heap held by the buffered changes and their records. */
    public long bytes() {
        return bytes;
    }

    /** When the longest-waiting table received its first change, or -1 when empty. */
    public long oldestAddedAt() {
        return tables.values().stream().mapToLong(TableBuffer::firstAddedAt).min().orElse(-1);
    }
}
