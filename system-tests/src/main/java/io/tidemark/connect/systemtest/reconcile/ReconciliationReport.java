package io.tidemark.connect.systemtest.reconcile;

import java.util.List;
import java.util.stream.Collectors;

/** The comparison of every reconciled table; {@link #toString()} is one line per table. */
public record ReconciliationReport(List<TableReport> tables) {

    public ReconciliationReport {
        tables = List.copyOf(tables);
    }

    /** Every warehouse table equals its source table. */
    public boolean isClean() {
        return tables.stream().allMatch(TableReport::isClean);
    }

    public TableReport table(String name) {
        return tables.stream().filter(table -> table.table().equals(name)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("No table " + name + " in " + this));
    }

    /** Rows compared in the source, over all tables: a clean report of nothing proves nothing. */
    public int sourceRows() {
        return tables.stream().mapToInt(TableReport::sourceRows).sum();
    }

    @Override
    public String toString() {
        return tables.stream().map(TableReport::toString).collect(Collectors.joining("\n"));
    }
}
