package io.tidemark.connect.systemtest.quickstart;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A query's rows as a plain text table, long values shortened, for the quickstart's console. */
final class TablePrinter {

    private static final int MAX_WIDTH = 28;

    private TablePrinter() {
    }

    static String render(Connection connection, String query) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            ResultSetMetaData meta = result.getMetaData();
            int columns = meta.getColumnCount();
            String[] header = new String[columns];
            for (int i = 0; i < columns; i++) {
                header[i] = meta.getColumnLabel(i + 1);
            }
            rows.add(header);
            while (result.next()) {
                String[] row = new String[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = shorten(result.getString(i + 1));
                }
                rows.add(row);
            }
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            text.append("    ");
            for (int i = 0; i < widths.length; i++) {
                text.append(String.format("%-" + widths[i] + "s  ", rows.get(r)[i]));
            }
            text.setLength(text.length() - 2);
            text.append('\n');
            if (r == 0) {
                text.append("    ");
                for (int width : widths) {
                    text.append("-".repeat(width)).append("  ");
                }
                text.setLength(text.length() - 2);
                text.append('\n');
            }
        }
        return text.toString();
    }

    private static String shorten(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= MAX_WIDTH ? value : value.substring(0, MAX_WIDTH - 3) + "...";
    }
}
