package io.tidemark.connect.systemtest.reconcile;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything a table holds, the sink's own columns ({@code __version}, {@code __deleted}, ...)
 * included, as sorted rows of canonical text: two readings are equal exactly when the table did not
 * change in between (e.g. across a replay).
 */
public final class TableContent {

    private TableContent() {
    }

    /** The rows of {@code schema.table} (schema null: the current one), header row first. */
    public static List<List<String>> read(Connection connection, String schema, String table) throws SQLException {
        String name = (schema == null ? "" : quote(schema) + ".") + quote(table);
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT * FROM " + name)) {
            ResultSetMetaData meta = result.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                header.add(meta.getColumnName(i));
            }
            while (result.next()) {
                List<String> row = new ArrayList<>(header.size());
                for (int i = 1; i <= header.size(); i++) {
                    row.add(CanonicalValues.read(result, i));
                }
                rows.add(row);
            }
        }
        rows.sort(Comparator.comparing(Object::toString));
        rows.add(0, header);
        return rows;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
