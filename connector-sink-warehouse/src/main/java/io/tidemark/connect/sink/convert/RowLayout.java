package io.tidemark.connect.sink.convert;

import io.tidemark.connect.sink.table.Column;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of rows converted from one record schema: key columns first. Shared by all rows of that
 * schema, so a row is just an array of values.
 */
public final class RowLayout {

    private final List<Column> columns;
    private final int keyCount;
    private final Map<String, Integer> positions = new HashMap<>();

    public RowLayout(List<Column> keys, List<Column> data) {
        this.columns = concat(keys, data);
        this.keyCount = keys.size();
        for (int i = 0; i < columns.size(); i++) {
            positions.put(columns.get(i).name(), i);
        }
    }

    private static List<Column> concat(List<Column> keys, List<Column> data) {
        List<Column> all = new java.util.ArrayList<>(keys);
        all.addAll(data);
        return List.copyOf(all);
    }

    public List<Column> columns() {
        return columns;
    }

    public int keyCount() {
        return keyCount;
    }

    public List<Column> keys() {
        return columns.subList(0, keyCount);
    }

    public List<Column> data() {
        return columns.subList(keyCount, columns.size());
    }

    /** Position of a column, or -1 when rows of this layout do not have it. */
    public int indexOf(String name) {
        return positions.getOrDefault(name, -1);
    }
}
