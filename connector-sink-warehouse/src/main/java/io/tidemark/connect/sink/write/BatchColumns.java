package io.tidemark.connect.sink.write;

import io.tidemark.connect.sink.convert.RowChange;
import io.tidemark.connect.sink.convert.RowLayout;
import io.tidemark.connect.sink.table.Column;
import io.tidemark.connect.sink.table.ColumnType;
import io.tidemark.connect.sink.table.TableId;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns of one batch: the union of its rows' layouts (schemas may change within a batch), key
 * columns first. Where two schemas give one column different types the wider wins; if neither can hold
 * the other, the batch is refused naming the column and both types.
 */
record BatchColumns(List<Column> keys, List<Column> data) {

    static BatchColumns of(TableId table, List<RowChange> changes) {
        Set<RowLayout> layouts = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        changes.forEach(change -> layouts.add(change.layout()));
        List<Column> keys = null;
        Map<String, ColumnType> data = new LinkedHashMap<>();
        for (RowLayout layout : layouts) {
            if (keys == null) {
                keys = layout.keys();
            } else if (!names(keys).equals(names(layout.keys()))) {
                throw new SchemaMismatchException("Records for table " + table + " have different key columns: " + names(keys)
                        + " and " + names(layout.keys()) + ". A table's key cannot change.");
            } else {
                keys = widerKeys(table, keys, layout.keys());
            }
            for (Column column : layout.data()) {
                data.merge(column.name(), column.type(), (current, incoming) -> wider(table, column.name(), current, incoming));
            }
        }
        List<Column> dataColumns = new ArrayList<>();
        data.forEach((name, type) -> dataColumns.add(new Column(name, type)));
        return new BatchColumns(keys == null ? List.of() : keys, dataColumns);
    }

    private static List<Column> widerKeys(TableId table, List<Column> current, List<Column> incoming) {
        List<Column> keys = new ArrayList<>();
        for (int i = 0; i < current.size(); i++) {
            String name = current.get(i).name();
            keys.add(new Column(name, wider(table, name, current.get(i).type(), incoming.get(i).type())));
        }
        return keys;
    }

    private static ColumnType wider(TableId table, String column, ColumnType current, ColumnType incoming) {
        if (current.equals(incoming) || current.canStore(incoming)) {
            return current.kind() == ColumnType.Kind.SCHEMALESS ? incoming : current;
        }
        if (incoming.canStore(current)) {
            return incoming;
        }
        throw new SchemaMismatchException("Column " + column + " of table " + table + " arrives as " + current + " and as "
                + incoming + " in one batch; neither type can hold the other.");
    }

    private static List<String> names(List<Column> columns) {
        return columns.stream().map(Column::name).toList();
    }
}
