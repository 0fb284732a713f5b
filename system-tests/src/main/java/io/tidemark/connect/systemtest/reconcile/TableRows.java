package io.tidemark.connect.systemtest.reconcile;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The rows of one table by primary key, every value in its {@link CanonicalValues canonical} text
 * form. Read from the source database as it is, and from the warehouse without the sink's own
 * {@code __} columns (and, in soft-delete mode, without the rows it marked deleted).
 */
public final class TableRows {

    private static final String SINK_COLUMN_PREFIX = "__";
    private static final String SOFT_DELETED_COLUMN = "__deleted";

    private final List<String> keyColumns;
    private final List<String> columns;
    private final Map<RowKey, Map<String, String>> rows;
    private final boolean exists;

    TableRows(List<String> keyColumns, List<String> columns, Map<RowKey, Map<String, String>> rows, boolean exists) {
        this.keyColumns = List.copyOf(keyColumns);
        this.columns = List.copyOf(columns);
        this.rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        this.exists = exists;
    }

    /** A source table, keyed by its primary key. */
    public static TableRows readSource(Connection connection, String schema, String table) throws SQLException {
        List<String> keys = primaryKey(connection, schema, table);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("Source table " + schema + "." + table
                + " does not exist or has no primary key; the reconciliation compares rows by key");
        }
        return read(connection, schema, table, keys, false);
    }

    /**
     * A warehouse table, keyed like its source table. A table that does not exist reads as empty (every
     * source row is then missing).
     *
     * @param schema      the table's schema, or null for the connection's current one
     * @param softDeletes true in soft-delete mode: rows with {@code __deleted = true} are left out
     */
    public static TableRows readWarehouse(Connection connection, String schema, String table, List<String> keyColumns,
                                          boolean softDeletes) throws SQLException {
        return readWarehouse(connection, schema, table, keyColumns, softDeletes, false);
    }

    /**
     * Like {@link #readWarehouse(Connection, String, String, List, boolean)}, for a sink with
     * {@code identifier.case=upper} when {@code upperCaseNames}: the table and its columns are read under their
     * upper-case names and reported under the source's lower-case ones.
     */
    public static TableRows readWarehouse(Connection connection, String schema, String table, List<String> keyColumns,
                                          boolean softDeletes, boolean upperCaseNames) throws SQLException {
        UnaryOperator<String> warehouseName = upperCaseNames ? name -> name.toUpperCase(Locale.ROOT) : name -> name;
        UnaryOperator<String> sourceName = upperCaseNames ? name -> name.toLowerCase(Locale.ROOT) : name -> name;
        return read(connection, schema, table, keyColumns, softDeletes, warehouseName, sourceName);
    }

    private static TableRows read(Connection connection, String schema, String table, List<String> keyColumns,
                                  boolean softDeletes) throws SQLException {
        return read(connection, schema, table, keyColumns, softDeletes, name -> name, name -> name);
    }

    private static TableRows read(Connection connection, String schema, String table, List<String> keyColumns,
                                  boolean softDeletes, UnaryOperator<String> warehouseName,
                                  UnaryOperator<String> sourceName) throws SQLException {
        if (!exists(connection, schema, warehouseName.apply(table))) {
            return new TableRows(keyColumns, List.of(), Map.of(), false);
        }
        String query = "SELECT * FROM " + qualified(schema, warehouseName.apply(table)) + " ORDER BY "
            + String.join(", ", keyColumns.stream().map(warehouseName).map(TableRows::quote).toList());
        Map<RowKey, Map<String, String>> rows = new LinkedHashMap<>();
        List<String> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            ResultSetMetaData meta = result.getMetaData();
            int deletedColumn = 0;
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String name = sourceName.apply(meta.getColumnName(i));
                names.add(name);
                if (name.equals(SOFT_DELETED_COLUMN)) {
                    deletedColumn = i;
                }
                if (!name.startsWith(SINK_COLUMN_PREFIX)) {
                    columns.add(name);
                }
            }
            if (softDeletes && deletedColumn == 0) {
                throw new IllegalStateException(qualified(schema, warehouseName.apply(table)) + " has no " + SOFT_DELETED_COLUMN
                    + " column: it was not written in soft-delete mode");
            }
            while (result.next()) {
                if (softDeletes && result.getBoolean(deletedColumn)) {
                    continue;
                }
                Map<String, String> row = new TreeMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    if (!names.get(i - 1).startsWith(SINK_COLUMN_PREFIX)) {
                        row.put(names.get(i - 1), CanonicalValues.read(result, i));
                    }
                }
                rows.put(RowKey.of(keyColumns, row), row);
            }
        }
        return new TableRows(keyColumns, columns, rows, true);
    }

    private static boolean exists(Connection connection, String schema, String table) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, schema, table, null)) {
            while (tables.next()) {
                if (table.equals(tables.getString("TABLE_NAME"))) {
                    return true;
                }
            }
            return false;
        }
    }

    private static List<String> primaryKey(Connection connection, String schema, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        Map<Integer, String> bySequence = new TreeMap<>();
        try (ResultSet keys = meta.getPrimaryKeys(null, schema, table)) {
            while (keys.next()) {
                bySequence.put(keys.getInt("KEY_SEQ"), keys.getString("COLUMN_NAME"));
            }
        }
        return List.copyOf(bySequence.values());
    }

    private static String qualified(String schema, String table) {
        return schema == null ? quote(table) : quote(schema) + "." + quote(table);
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    public List<String> keyColumns() {
        return keyColumns;
    }

    /** Every data column, in table order. */
    public List<String> columns() {
        return columns;
    }

    /** Rows by key, in key order; each row maps column names to canonical values (null for NULL). */
    public Map<RowKey, Map<String, String>> rows() {
        return rows;
    }

    /** False when the table does not exist (in the warehouse: nothing ever arrived). */
    public boolean exists() {
        return exists;
    }

    public int size() {
        return rows.size();
    }
}
