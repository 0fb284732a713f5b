package io.tidemark.connect.systemtest.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.Arrays;

/**
 * Compares a customer table, as a sink left it, with the state it must have: every expected row present with
 * exactly the values of its last change, and no other row.
 */
final class CustomerTableCheck {

    private CustomerTableCheck() {
    }

    /** The number of wrong, missing or extra rows (0 when the table is exactly right). */
    static long mismatches(Connection connection, String table, long[] finalVersions) throws SQLException {
        long[] expected = finalVersions.clone();
        long wrong = 0;
        String query = "SELECT " + String.join(", ", CustomerRows.COLUMNS) + " FROM " + table;
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(10_000);
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (ResultSet rows = statement.executeQuery(query)) {
                while (rows.next()) {
                    long id = rows.getLong(1);
                    long version = id >= 0 && id < expected.length ? expected[(int) id] : 0;
                    if (version == 0 || !Arrays.equals(read(rows), CustomerRows.values(id, version))) {
                        wrong++;
                    }
                    if (version != 0) {
                        expected[(int) id] = -1;
                    }
                }
            } finally {
                connection.commit();
                connection.setAutoCommit(autoCommit);
            }
        }
        return wrong + Arrays.stream(expected).filter(version -> version > 0).count();
    }

    private static Object[] read(ResultSet rows) throws SQLException {
        return new Object[] {
            rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5), rows.getInt(6),
            rows.getBoolean(7), rows.getObject(8, LocalDateTime.class), rows.getString(9),
        };
    }

    /** Whether the row of {@code id} exists (false also when the table does not exist yet). */
    static boolean hasRow(Connection connection, String table, long id) {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM " + table + " WHERE id = ?")) {
            statement.setLong(1, id);
            try (ResultSet row = statement.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            return false;
        }
    }
}
