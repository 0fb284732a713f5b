package io.tidemark.connect.sink.buffer;

import io.tidemark.connect.sink.convert.RowChange;
import io.tidemark.connect.sink.convert.RowKey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The buffered changes of one table. In merge mode one change per key, the newest, which is a
 * correctness requirement: PostgreSQL's and DuckDB's MERGE fail (or, in DuckDB 1.5, silently apply one
 * at random) when two source rows match one target row. In append mode every change, in arrival order.
 */
final class TableBuffer {

    private final boolean deduplicate;
    private final Map<RowKey, RowChange> newest = new LinkedHashMap<>();
    private final List<RowChange> all = new ArrayList<>();
    private int records;
    private long bytes;
    private long firstAddedAt = -1;

    TableBuffer(boolean deduplicate) {
        this.deduplicate = deduplicate;
    }

    /** Adds a change; returns how many bytes the buffer grew by (negative when it shrank). */
    long add(RowChange change, long now) {
        records++;
        if (firstAddedAt < 0) {
            firstAddedAt = now;
        }
        if (!deduplicate) {
            all.add(change);
            bytes += change.sizeBytes();
            return change.sizeBytes();
        }
        RowKey key = change.key();
        RowChange current = newest.get(key);
        if (current == null) {
            newest.put(key, change);
            bytes += change.sizeBytes();
            return change.sizeBytes();
        }
        if (!NewestChangeWins.replaces(change, current)) {
            // An older change arriving late (an incremental snapshot's read) may carry a value the newer one
            // did not; the newer keeps it, marked with the older change's version.
            newest.put(key, current.absorb(change, false));
            return 0;
        }
        newest.put(key, change.absorb(current, true));
        long delta = change.sizeBytes() - current.sizeBytes();
        bytes += delta;
        return delta;
    }

    /** The changes to write, oldest key first. */
    List<RowChange> changes() {
        return deduplicate ? new ArrayList<>(newest.values()) : new ArrayList<>(all);
    }

    int records() {
        return records;
    }

    long bytes() {
        return bytes;
    }

    long firstAddedAt() {
        return firstAddedAt;
    }
}
