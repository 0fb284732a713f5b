package io.tidemark.connect.systemtest.reconcile;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Compares source tables with the warehouse tables a pipeline writes: the same rows by primary key,
 * and in each row the same values, after the masking the pipeline is configured with.
 *
 * <pre>{@code
 * Reconciler reconciler = new Reconciler(MaskingExpectations.fromExample(sourceConfig, secret), false);
 * ReconciliationReport report = reconciler.reconcile(source, "shop", warehouse, "public", List.of("customers", "orders"));
 * assertThat(report.isClean()).as(report.toString()).isTrue();
 * }</pre>
 */
public final class Reconciler {

    private final MaskingExpectations masking;
    private final boolean softDeletes;
    private final boolean upperCaseNames;

    /**
     * @param masking     what each masked column must hold
     * @param softDeletes whether the sink runs with {@code delete.mode=soft} (its deleted rows are then
     *                    not part of the comparison)
     */
    public Reconciler(MaskingExpectations masking, boolean softDeletes) {
        this(masking, softDeletes, false);
    }

    /**
     * @param upperCaseNames whether the sink runs with {@code identifier.case=upper} (the warehouse then names
     *                       tables and columns in upper case)
     */
    public Reconciler(MaskingExpectations masking, boolean softDeletes, boolean upperCaseNames) {
        this.masking = masking;
        this.softDeletes = softDeletes;
        this.upperCaseNames = upperCaseNames;
    }

    /**
     * Reads each table on both sides and compares them.
     *
     * @param warehouseSchema the warehouse tables' schema, or null for the connection's current schema
     */
    public ReconciliationReport reconcile(Connection source, String sourceSchema, Connection warehouse,
                                          String warehouseSchema, List<String> tables) throws SQLException {
        List<TableReport> reports = new ArrayList<>();
        for (String table : tables) {
            TableRows sourceRows = TableRows.readSource(source, sourceSchema, table);
            TableRows warehouseRows = TableRows.readWarehouse(warehouse, warehouseSchema, table,
                sourceRows.keyColumns(), softDeletes, upperCaseNames);
            reports.add(compare(table, sourceRows, warehouseRows, masking.forTable(table)));
        }
        return new ReconciliationReport(reports);
    }

    /** The differences between two readings of one table, source values masked with {@code masks} first. */
    public static TableReport compare(String table, TableRows source, TableRows warehouse, Map<String, ColumnMask> masks) {
        List<String> missingColumns = new ArrayList<>();
        List<String> compared = new ArrayList<>();
        for (String column : source.columns()) {
            if (warehouse.exists() && !warehouse.columns().contains(column)) {
                missingColumns.add(column);
            } else {
                compared.add(column);
            }
        }
        List<String> extraColumns = warehouse.columns().stream().filter(column -> !source.columns().contains(column))
            .toList();

        List<RowKey> missing = new ArrayList<>();
        Map<RowKey, List<String>> stale = new TreeMap<>(java.util.Comparator.comparing(RowKey::toString));
        source.rows().forEach((key, sourceRow) -> {
            Map<String, String> warehouseRow = warehouse.rows().get(key);
            if (warehouseRow == null) {
                missing.add(key);
                return;
            }
            List<String> differing = new ArrayList<>();
            for (String column : compared) {
                if (!Objects.equals(expected(masks.get(column), sourceRow.get(column)), warehouseRow.get(column))) {
                    differing.add(column);
                }
            }
            if (!differing.isEmpty()) {
                stale.put(key, differing);
            }
        });
        List<RowKey> extra = warehouse.rows().keySet().stream().filter(key -> !source.rows().containsKey(key)).toList();
        return new TableReport(table, source.size(), warehouse.size(), missing, extra, stale, missingColumns,
            extraColumns);
    }

    private static String expected(ColumnMask mask, String sourceValue) {
        return mask == null || sourceValue == null ? sourceValue : mask.expected(sourceValue);
    }
}
