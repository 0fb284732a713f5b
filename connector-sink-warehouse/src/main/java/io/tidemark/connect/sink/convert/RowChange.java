package io.tidemark.connect.sink.convert;

import io.tidemark.connect.sink.table.Column;
import io.tidemark.connect.sink.table.TableId;
import org.apache.kafka.connect.sink.SinkRecord;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * One record turned into a change of one warehouse row. Immutable: the buffer builds a new change when a
 * newer one absorbs what an older one knew.
 *
 * @param table     target table
 * @param layout    the columns {@code values} are aligned with
 * @param values    canonical Java values (see {@link ConnectValues}); key values first
 * @param unchanged positions of columns whose value the change does not carry (TOAST columns the source
 *                  did not send, a delete's data columns): the stored value must be kept
 * @param version   the order guard, or null when the change has none (a tombstone)
 * @param deleted   whether the change deletes the row
 * @param op        the source operation (c, u, d, r) when known, else null
 * @param sourceTsMs commit time in the source, or null
 * @param origin    original Kafka coordinates
 * @param record    the record, for the errant-record reporter
 * @param sizeBytes estimated heap held by this change and its record
 */
public record RowChange(TableId table, RowLayout layout, Object[] values, BitSet unchanged, Long version, boolean deleted,
                        String op, Long sourceTsMs, KafkaCoordinates origin, SinkRecord record, long sizeBytes) {

    public RowKey key() {
        Object[] key = new Object[layout.keyCount()];
        System.arraycopy(values, 0, key, 0, key.length);
        return new RowKey(key);
    }

    /**
     * This (newer) change, completed with what {@code older} knew: columns this change did not carry take
     * the older change's values, and a change without a version takes the older one's. An older delete
     * contributes nothing, because values from before a delete do not belong to the row created after it.
     */
    public RowChange absorb(RowChange older) {
        Long mergedVersion = version != null ? version : older.version;
        if (older.deleted || (unchanged.isEmpty() && layout == older.layout)) {
            return mergedVersion == version ? this : withVersion(mergedVersion);
        }
        List<Column> extra = new ArrayList<>();
        for (Column column : older.layout.data()) {
            if (layout.indexOf(column.name()) < 0) {
                extra.add(column);
            }
        }
        RowLayout merged = extra.isEmpty() ? layout : extend(extra);
        Object[] mergedValues = new Object[merged.columns().size()];
        System.arraycopy(values, 0, mergedValues, 0, values.length);
        BitSet mergedUnchanged = (BitSet) unchanged.clone();
        for (int i = values.length; i < mergedValues.length; i++) {
            mergedUnchanged.set(i);
        }
        for (int i = mergedUnchanged.nextSetBit(0); i >= 0; i = mergedUnchanged.nextSetBit(i + 1)) {
            int there = older.layout.indexOf(merged.columns().get(i).name());
            if (there >= 0 && !older.unchanged.get(there)) {
                mergedValues[i] = older.values[there];
                mergedUnchanged.clear(i);
            }
        }
        return new RowChange(table, merged, mergedValues, mergedUnchanged, mergedVersion, deleted, op, sourceTsMs, origin, record,
                sizeBytes);
    }

    private RowLayout extend(List<Column> extra) {
        List<Column> data = new ArrayList<>(layout.data());
        data.addAll(extra);
        return new RowLayout(layout.keys(), data);
    }

    private RowChange withVersion(Long newVersion) {
        return new RowChange(table, layout, values, unchanged, newVersion, deleted, op, sourceTsMs, origin, record, sizeBytes);
    }
}
