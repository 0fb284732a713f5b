package io.tidemark.connect.systemtest.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A row's primary key, shown as {@code id=42}. Reports name rows by key only, never by other values,
 * so a report can be logged even when the key's table holds personal data in other columns.
 */
public record RowKey(List<String> columns, List<String> values) {

    public RowKey {
        columns = List.copyOf(columns);
        values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
    }

    static RowKey of(List<String> keyColumns, Map<String, String> row) {
        List<String> values = new ArrayList<>(keyColumns.size());
        for (String column : keyColumns) {
            if (!row.containsKey(column)) {
                throw new IllegalStateException("The table has no key column " + column);
            }
            values.add(row.get(column));
        }
        return new RowKey(keyColumns, values);
    }

    /** A key of one column. */
    public static RowKey of(String column, Object value) {
        return new RowKey(List.of(column), List.of(CanonicalValues.of(value, false)));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            text.append(i == 0 ? "" : ",").append(columns.get(i)).append('=').append(values.get(i));
        }
        return text.toString();
    }
}
