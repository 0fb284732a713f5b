package io.tidemark.connect.sink.dialect;

import io.tidemark.connect.sink.table.Column;
import io.tidemark.connect.sink.table.ColumnType;
import io.tidemark.connect.sink.table.DeleteMode;
import io.tidemark.connect.sink.table.MetadataColumns;
import io.tidemark.connect.sink.table.TableId;
import io.tidemark.connect.sink.table.WriteMode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The temporary table one flush loads before it merges into (or appends to) the target, and everything
 * the statements need to know about it. Rows handed to the loader are aligned with {@link #columns()}.
 *
 * <p>Layout: key columns, the batch's data columns, metadata, then one "value version" column per data
 * column that some row of the batch did not send (an unchanged TOAST column, a field the record's schema
 * lacks, a delete's unknown values) or took from an older change: the version of the change that carried
 * the row's value, or NULL where the row has none and the MERGE keeps the stored value.
 */
public final class StagingTable {

    private final TableId target;
    private final TableId name;
    private final List<Column> keys;
    private final List<Column> data;
    private final Map<String, String> valueVersions;
    private final MetadataColumns meta;
    private final WriteMode writeMode;
    private final DeleteMode deleteMode;
    private final List<Column> columns;

    private StagingTable(TableId target, TableId name, List<Column> keys, List<Column> data, Map<String, String> valueVersions,
                         MetadataColumns meta, WriteMode writeMode, DeleteMode deleteMode) {
        this.target = target;
        this.name = name;
        this.keys = List.copyOf(keys);
        this.data = List.copyOf(data);
        this.valueVersions = Collections.unmodifiableMap(new LinkedHashMap<>(valueVersions));
        this.meta = meta;
        this.writeMode = writeMode;
        this.deleteMode = deleteMode;
        this.columns = layout();
    }

    /** A staging table for a MERGE. {@code valueVersions} maps data columns to their value-version column. */
    public static StagingTable forMerge(TableId target, TableId name, List<Column> keys, List<Column> data,
                                        Map<String, String> valueVersions, MetadataColumns meta, DeleteMode deleteMode) {
        return new StagingTable(target, name, keys, data, valueVersions, meta, WriteMode.MERGE, deleteMode);
    }

    /** A staging table for an append (no value versions: every row is inserted as it came). */
    public static StagingTable forAppend(TableId target, TableId name, List<Column> keys, List<Column> data,
                                         MetadataColumns meta) {
        return new StagingTable(target, name, keys, data, Map.of(), meta, WriteMode.APPEND, DeleteMode.NONE);
    }

    private List<Column> layout() {
        List<Column> all = new ArrayList<>(keys);
        all.addAll(data);
        all.addAll(stagingMetadata());
        valueVersions.values().forEach(flag -> all.add(new Column(flag, ColumnType.INT64)));
        return List.copyOf(all);
    }

    private List<Column> stagingMetadata() {
        List<Column> metadata = new ArrayList<>(List.of(
                new Column(meta.version(), ColumnType.INT64),
                new Column(meta.sourceTsMs(), ColumnType.INT64)));
        if (writeMode == WriteMode.MERGE) {
            metadata.add(new Column(meta.deleted(), ColumnType.BOOLEAN));
            metadata.add(new Column(meta.revives(), ColumnType.BOOLEAN));
            metadata.add(new Column(meta.unknownSincePartition(), ColumnType.STRING));
            metadata.add(new Column(meta.unknownSinceOffset(), ColumnType.INT64));
        } else {
            metadata.add(new Column(meta.op(), ColumnType.STRING));
            metadata.add(new Column(meta.kafkaTopic(), ColumnType.STRING));
            metadata.add(new Column(meta.kafkaPartition(), ColumnType.INT32));
            metadata.add(new Column(meta.kafkaOffset(), ColumnType.INT64));
        }
        return metadata;
    }

    /**
     * The metadata columns the target table has: the version and source time always; the deleted flag in
     * soft-delete mode; the operation and Kafka coordinates when appending; in merge mode the list of columns
     * whose value the row never received, which the MERGE computes, and the Kafka position since which records
     * may fill them.
     */
    public List<Column> targetMetadata() {
        List<Column> metadata = new ArrayList<>(stagingMetadata());
        if (writeMode == WriteMode.MERGE) {
            metadata.removeIf(column -> column.name().equals(meta.revives()) || column.name().equals(meta.unknownSincePartition()) || column.name().equals(meta.unknownSinceOffset())
                    || (deleteMode != DeleteMode.SOFT && column.name().equals(meta.deleted())));
            metadata.add(new Column(meta.unknown(), ColumnType.STRING));
            metadata.add(new Column(meta.unknownSincePartition(), ColumnType.STRING));
            metadata.add(new Column(meta.unknownSinceOffset(), ColumnType.INT64));
        }
        return metadata;
    }

    /** The target columns an insert fills: keys, data, then {@link #targetMetadata()}. */
    public List<String> insertedColumns() {
        List<String> names = new ArrayList<>();
        keys.forEach(column -> names.add(column.name()));
        data.forEach(column -> names.add(column.name()));
        targetMetadata().forEach(column -> names.add(column.name()));
        return names;
    }

    public TableId target() {
        return target;
    }

    public TableId name() {
        return name;
    }

    public List<Column> keys() {
        return keys;
    }

    public List<Column> data() {
        return data;
    }

    /** Data column name to the name of its value-version column, for the columns that have one in this batch. */
    public Map<String, String> valueVersions() {
        return valueVersions;
    }

    public MetadataColumns meta() {
        return meta;
    }

    public WriteMode writeMode() {
        return writeMode;
    }

    public DeleteMode deleteMode() {
        return deleteMode;
    }

    /** Every staging column in load order. */
    public List<Column> columns() {
        return columns;
    }

    /** Position of a column in {@link #columns()}, or -1. */
    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }
}
