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
 * @param valueVersions per position, the version of the change that carried the value, where an older change's
 *                  value was absorbed; null when every carried value is this change's own (see {@link #versionOf})
 * @param folded    the Kafka offsets of the records folded into this change (see {@link FoldedRecords})
 */
public record RowChange(TableId table, RowLayout layout, Object[] values, BitSet unchanged, Long version, boolean deleted,
                        String op, Long sourceTsMs, KafkaCoordinates origin, SinkRecord record, long sizeBytes,
                        Long[] valueVersions, FoldedRecords folded) {

    /** A change made of one record, whose carried values are all its own. */
    public RowChange(TableId table, RowLayout layout, Object[] values, BitSet unchanged, Long version, boolean deleted,
                     String op, Long sourceTsMs, KafkaCoordinates origin, SinkRecord record, long sizeBytes) {
        this(table, layout, values, unchanged, version, deleted, op, sourceTsMs, origin, record, sizeBytes, null,
                FoldedRecords.of(origin));
    }

    /**
     * What the buffer folded into one change, in Kafka's order, where the versions cannot tell it: whether a delete of
     * the key came before this (live) change, so the row it writes is a new one and keeps nothing of the stored row;
     * and the last offset of the folded records in the origin's partition, which decides whether this change may fill
     * a column the row never received (see the README, "What lands in the warehouse").
     *
     * @param revives    a delete of the key arrived before this change, which is live
     * @param lastOffset the highest offset folded in, in the origin's partition
     */
    public record FoldedRecords(boolean revives, long lastOffset) {

        static FoldedRecords of(KafkaCoordinates origin) {
            return new FoldedRecords(false, origin.offset());
        }
    }

    /**
     * The version of the change that carried the value at {@code position}: this change's, or an older one's
     * whose value it absorbed. The warehouse takes an absorbed value only where it is not older than the stored
     * row, or where the stored row never received that column (see the README, "What lands in the warehouse").
     */
    public Long versionOf(int position) {
        return valueVersions == null ? version : valueVersions[position];
    }

    /** Whether some carried value came from an older change than this one. */
    public boolean carriesOlderValues() {
        return valueVersions != null;
    }

    public RowKey key() {
        Object[] key = new Object[layout.keyCount()];
        System.arraycopy(values, 0, key, 0, key.length);
        return new RowKey(key);
    }

    /**
     * This (newer) change, completed with what {@code older} knew: columns this change did not carry take
     * the older change's values (remembering the older change's version for each, see {@link #versionOf}),
     * and a change without a version takes the older one's. An older delete contributes nothing, because
     * values from before a delete do not belong to the row created after it. {@code older} may have arrived
     * after this change (an incremental snapshot's read of a row that a newer streamed change left unchanged);
     * {@code olderArrivedFirst} says which came first in Kafka.
     */
    public RowChange absorb(RowChange older, boolean olderArrivedFirst) {
        Long mergedVersion = version != null ? version : older.version;
        FoldedRecords fold = foldedWith(older, olderArrivedFirst);
        if (older.deleted || (unchanged.isEmpty() && layout == older.layout)) {
            return new RowChange(table, layout, values, unchanged, mergedVersion, deleted, op, sourceTsMs, origin, record, sizeBytes,
                    valueVersions, fold);
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
        Long[] mergedVersions = valueVersions == null ? null : ownVersions(mergedValues.length, mergedVersion);
        for (int i = mergedUnchanged.nextSetBit(0); i >= 0; i = mergedUnchanged.nextSetBit(i + 1)) {
            int there = older.layout.indexOf(merged.columns().get(i).name());
            if (there >= 0 && !older.unchanged.get(there)) {
                mergedValues[i] = older.values[there];
                mergedUnchanged.clear(i);
                Long carriedAt = older.versionOf(there);
                if (mergedVersions == null && !java.util.Objects.equals(carriedAt, mergedVersion)) {
                    mergedVersions = ownVersions(mergedValues.length, mergedVersion);
                }
                if (mergedVersions != null) {
                    mergedVersions[i] = carriedAt;
                }
            }
        }
        return new RowChange(table, merged, mergedValues, mergedUnchanged, mergedVersion, deleted, op, sourceTsMs, origin, record,
                sizeBytes, mergedVersions, fold);
    }

    /**
     * The fold of this change and {@code older}: it revives when a delete arrived before this live change (or
     * {@code older} revived already); the last offset is the higher where both come from the origin's partition.
     */
    private FoldedRecords foldedWith(RowChange older, boolean olderArrivedFirst) {
        boolean revives = !deleted && (folded.revives || older.folded.revives || (older.deleted && olderArrivedFirst));
        boolean samePartition = older.origin.partition() == origin.partition() && older.origin.topic().equals(origin.topic());
        long last = samePartition ? Math.max(folded.lastOffset, older.folded.lastOffset) : folded.lastOffset;
        return new FoldedRecords(revives, last);
    }

    /** Every position at {@code version}, except where this change already carries older values. */
    private Long[] ownVersions(int width, Long ownVersion) {
        Long[] versions = new Long[width];
        for (int i = 0; i < width; i++) {
            versions[i] = i < values.length && valueVersions != null ? valueVersions[i] : ownVersion;
        }
        return versions;
    }

    private RowLayout extend(List<Column> extra) {
        List<Column> data = new ArrayList<>(layout.data());
        data.addAll(extra);
        return new RowLayout(layout.keys(), data);
    }

}
