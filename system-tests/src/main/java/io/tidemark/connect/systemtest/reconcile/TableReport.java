package io.tidemark.connect.systemtest.reconcile;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How one warehouse table differs from its source table. Rows are named by key, columns by name;
 * values never appear, so the report can be printed even for tables with personal data.
 *
 * @param missing        keys in the source that the warehouse lacks (lost changes)
 * @param extra          keys in the warehouse that the source lacks (lost deletes, rows that should not be there)
 * @param stale          keys whose row differs, with the columns that differ (lost or misapplied updates,
 *                       a wrong or missing mask)
 * @param missingColumns source columns the warehouse table lacks
 * @param extraColumns   warehouse data columns the source table lacks
 */
public record TableReport(String table, int sourceRows, int warehouseRows, List<RowKey> missing, List<RowKey> extra,
                          Map<RowKey, List<String>> stale, List<String> missingColumns, List<String> extraColumns) {

    private static final int SHOWN_KEYS = 10;

    public TableReport {
        missing = List.copyOf(missing);
        extra = List.copyOf(extra);
        stale = Map.copyOf(stale);
        missingColumns = List.copyOf(missingColumns);
        extraColumns = List.copyOf(extraColumns);
    }

    /** The warehouse table holds exactly the source rows (after masking). */
    public boolean isClean() {
        return missing.isEmpty() && extra.isEmpty() && stale.isEmpty() && missingColumns.isEmpty()
            && extraColumns.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(table).append(": ").append(sourceRows).append(" rows in the source, ")
            .append(warehouseRows).append(" in the warehouse: ");
        if (isClean()) {
            return text.append("equal").toString();
        }
        text.append(missing.size()).append(" missing").append(keys(missing))
            .append(", ").append(extra.size()).append(" extra").append(keys(extra))
            .append(", ").append(stale.size()).append(" stale");
        if (!stale.isEmpty()) {
            text.append(" [").append(stale.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(RowKey::toString)))
                    .limit(SHOWN_KEYS)
                    .map(entry -> entry.getKey() + ": " + String.join(", ", entry.getValue()))
                    .collect(Collectors.joining("; ")))
                .append(stale.size() > SHOWN_KEYS ? "; ..." : "").append(']');
        }
        if (!missingColumns.isEmpty()) {
            text.append(", columns missing in the warehouse ").append(missingColumns);
        }
        if (!extraColumns.isEmpty()) {
            text.append(", columns only in the warehouse ").append(extraColumns);
        }
        return text.toString();
    }

    private static String keys(Collection<RowKey> keys) {
        if (keys.isEmpty()) {
            return "";
        }
        return keys.stream().limit(SHOWN_KEYS).map(RowKey::toString)
            .collect(Collectors.joining(", ", " [", keys.size() > SHOWN_KEYS ? ", ...]" : "]"));
    }
}
