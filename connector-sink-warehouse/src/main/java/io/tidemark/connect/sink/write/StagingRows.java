package io.tidemark.connect.sink.write;

import io.tidemark.connect.sink.convert.RowChange;
import io.tidemark.connect.sink.convert.RowLayout;
import io.tidemark.connect.sink.convert.SchemalessValues;
import io.tidemark.connect.sink.dialect.StagingTable;
import io.tidemark.connect.sink.table.Column;
import io.tidemark.connect.sink.table.ColumnType;
import io.tidemark.connect.sink.table.DeleteMode;
import io.tidemark.connect.sink.table.MetadataColumns;
import io.tidemark.connect.sink.table.TableId;
import io.tidemark.connect.sink.table.WriteMode;
import org.apache.kafka.connect.errors.DataException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A batch laid out for its staging table: the {@link StagingTable} and one value array per row, aligned
 * with its columns. Schemaless values get their column's type here; a row whose value cannot is
 * rejected (and reported by the task), the others are written.
 */
final class StagingRows {

    static final TableId STAGING_NAME = new TableId(null, "__tm_stage");

    private final StagingTable table;
    private final List<Object[]> rows;
    private final List<RowChange> written;
    private final List<RejectedRow> rejected;

    private StagingRows(StagingTable table, List<Object[]> rows, List<RowChange> written, List<RejectedRow> rejected) {
        this.table = table;
        this.rows = rows;
        this.written = written;
        this.rejected = rejected;
    }

    StagingTable table() {
        return table;
    }

    List<Object[]> rows() {
        return rows;
    }

    /** The changes whose rows are in {@link #rows()}. */
    List<RowChange> written() {
        return written;
    }

    List<RejectedRow> rejected() {
        return rejected;
    }

    static StagingRows build(TableId target, List<RowChange> changes, BatchColumns batch, Map<String, ColumnType> stagingTypes,
                             MetadataColumns meta, WriteMode writeMode, DeleteMode deleteMode, SchemalessValues schemaless) {
        List<Column> keys = typed(batch.keys(), stagingTypes);
        List<Column> data = typed(batch.data(), stagingTypes);
        StagingTable table = writeMode == WriteMode.APPEND
                ? StagingTable.forAppend(target, STAGING_NAME, keys, data, meta)
                : StagingTable.forMerge(target, STAGING_NAME, keys, data, valueVersions(changes, data, deleteMode, keys), meta, deleteMode);
        List<Object[]> rows = new ArrayList<>(changes.size());
        List<RowChange> written = new ArrayList<>(changes.size());
        List<RejectedRow> rejected = new ArrayList<>();
        Map<RowLayout, int[]> positions = new IdentityHashMap<>();
        boolean[] schemalessColumn = new boolean[keys.size() + data.size()];
        for (int i = 0; i < schemalessColumn.length; i++) {
            schemalessColumn[i] = isSchemaless(table.columns().get(i).name(), batch);
        }
        Slots slots = Slots.of(table);
        for (RowChange change : changes) {
            int[] from = positions.computeIfAbsent(change.layout(), layout -> positionsIn(layout, table, schemalessColumn.length));
            try {
                rows.add(row(change, from, table, slots, schemalessColumn, schemaless));
                written.add(change);
            } catch (DataException e) {
                rejected.add(new RejectedRow(change, e.getMessage()));
            }
        }
        return new StagingRows(table, rows, written, rejected);
    }

    private static boolean isSchemaless(String name, BatchColumns batch) {
        return batch.keys().stream().anyMatch(c -> c.name().equals(name) && c.type().kind() == ColumnType.Kind.SCHEMALESS)
                || batch.data().stream().anyMatch(c -> c.name().equals(name) && c.type().kind() == ColumnType.Kind.SCHEMALESS);
    }

    private static List<Column> typed(List<Column> columns, Map<String, ColumnType> stagingTypes) {
        return columns.stream().map(column -> new Column(column.name(), stagingTypes.getOrDefault(column.name(), column.type()))).toList();
    }

    /**
     * Data columns needing a value-version column: some row lacks them (another schema), did not send them
     * (unchanged header, a soft delete), or took them from an older change. Hard deletes need none: their
     * row goes away anyway.
     */
    private static Map<String, String> valueVersions(List<RowChange> changes, List<Column> data, DeleteMode deleteMode,
                                                     List<Column> keys) {
        Set<String> flagged = new HashSet<>();
        Set<RowLayout> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (RowChange change : changes) {
            if (change.deleted() && deleteMode != DeleteMode.SOFT) {
                continue;
            }
            if (seen.add(change.layout())) {
                data.stream().filter(column -> change.layout().indexOf(column.name()) < 0).forEach(column -> flagged.add(column.name()));
            }
            for (int i = change.unchanged().nextSetBit(0); i >= 0; i = change.unchanged().nextSetBit(i + 1)) {
                flagged.add(change.layout().columns().get(i).name());
            }
            if (change.carriesOlderValues()) {
                for (int i = change.layout().keyCount(); i < change.values().length; i++) {
                    if (!java.util.Objects.equals(change.versionOf(i), change.version())) {
                        flagged.add(change.layout().columns().get(i).name());
                    }
                }
            }
        }
        Set<String> taken = new HashSet<>();
        keys.forEach(column -> taken.add(column.name()));
        data.forEach(column -> taken.add(column.name()));
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < data.size(); i++) {
            String column = data.get(i).name();
            if (flagged.contains(column)) {
                String flag = "__tm_from_" + i;
                while (taken.contains(flag)) {
                    flag = "_" + flag;
                }
                flags.put(column, flag);
            }
        }
        return flags;
    }

    private static int[] positionsIn(RowLayout layout, StagingTable table, int width) {
        int[] positions = new int[width];
        for (int i = 0; i < width; i++) {
            positions[i] = layout.indexOf(table.columns().get(i).name());
        }
        return positions;
    }

    private static Object[] row(RowChange change, int[] from, StagingTable table, Slots slots, boolean[] schemalessColumn,
                                SchemalessValues schemaless) {
        List<Column> columns = table.columns();
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < from.length; i++) {
            // A value the change does not carry stages as NULL: a revived row holds NULL there.
            Object value = from[i] < 0 || change.unchanged().get(from[i]) ? null : change.values()[from[i]];
            if (schemalessColumn[i] && value != null) {
                try {
                    value = schemaless.coerce(value, columns.get(i).type());
                } catch (DataException e) {
                    throw new DataException("field '" + columns.get(i).name() + "': " + e.getMessage(), e);
                }
            }
            row[i] = value;
        }
        fillMetadata(change, from, table, slots, row);
        return row;
    }

    /** Positions of the metadata and value-version columns, computed once per batch. */
    private record Slots(int version, int sourceTsMs, int deleted, int op, int topic, int partition, int offset,
                         int revives, int sincePartition, int lastOffset, int[] flaggedColumns, int[] flags) {

        static Slots of(StagingTable table) {
            MetadataColumns meta = table.meta();
            int[] flaggedColumns = new int[table.valueVersions().size()];
            int[] flags = new int[flaggedColumns.length];
            int i = 0;
            for (Map.Entry<String, String> flag : table.valueVersions().entrySet()) {
                flaggedColumns[i] = table.indexOf(flag.getKey());
                flags[i++] = table.indexOf(flag.getValue());
            }
            return new Slots(table.indexOf(meta.version()), table.indexOf(meta.sourceTsMs()), table.indexOf(meta.deleted()),
                    table.indexOf(meta.op()), table.indexOf(meta.kafkaTopic()), table.indexOf(meta.kafkaPartition()),
                    table.indexOf(meta.kafkaOffset()), table.indexOf(meta.revives()), table.indexOf(meta.unknownSincePartition()),
                    table.indexOf(meta.unknownSinceOffset()), flaggedColumns, flags);
        }
    }

    /**
     * The version the value at {@code position} came with. A carried value without a version (only a record
     * without any can have one) passes every guard, as its row does.
     */
    private static Long carriedAt(RowChange change, int position) {
        Long version = change.versionOf(position);
        return version == null ? Long.MAX_VALUE : version;
    }

    private static void fillMetadata(RowChange change, int[] from, StagingTable table, Slots slots, Object[] row) {
        row[slots.version()] = change.version();
        row[slots.sourceTsMs()] = change.sourceTsMs();
        if (table.writeMode() == WriteMode.APPEND) {
            row[slots.op()] = change.op() != null ? change.op() : change.deleted() ? "d" : null;
            row[slots.topic()] = change.origin().topic();
            row[slots.partition()] = change.origin().partition();
            row[slots.offset()] = change.origin().offset();
            return;
        }
        row[slots.deleted()] = change.deleted();
        row[slots.revives()] = change.folded().revives();
        row[slots.sincePartition()] = change.origin().topic() + "-" + change.origin().partition();
        row[slots.lastOffset()] = change.folded().lastOffset();
        for (int i = 0; i < slots.flags().length; i++) {
            int there = from[slots.flaggedColumns()[i]];
            row[slots.flags()[i]] = there < 0 || change.unchanged().get(there) ? null : carriedAt(change, there);
        }
    }
}
