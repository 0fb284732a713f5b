package io.tidemark.connect.sink.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC reads for tests. */
public final class Jdbc {

    private Jdbc() {
    }

    public static List<List<String>> query(Connection connection, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int width = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= width; i++) {
                    int type = result.getMetaData().getColumnType(i);
                    boolean bool = type == Types.BOOLEAN || type == Types.BIT;
                    row.add(String.valueOf(bool ? result.getObject(i) : result.getString(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    public static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
