package io.tidemark.connect.systemtest.bench;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The row-by-row pattern of the JDBC sinks users pick instead (Debezium's, Confluent's): per flush, a
 * prepared upsert for every inserted or updated row and a prepared DELETE for every deleted one, sent in JDBC
 * batches of {@value #BATCH} statements, upserts first, then deletes, then one commit.
 */
final class UpsertStatements {

    static final int BATCH = 1000;

    private static final List<String> ALL_COLUMNS = allColumns();

    private UpsertStatements() {
    }

    private static List<String> allColumns() {
        List<String> columns = new ArrayList<>(CustomerRows.COLUMNS);
        columns.add("\"__version\"");
        columns.add("\"__source_ts_ms\"");
        return List.copyOf(columns);
    }

    /** PostgreSQL: INSERT ... ON CONFLICT (id) DO UPDATE SET every other column. */
    static String postgresUpsert() {
        return insertInto("INSERT INTO ") + " ON CONFLICT (id) DO UPDATE SET "
            + ALL_COLUMNS.stream().skip(1).map(column -> column + " = EXCLUDED." + column).collect(Collectors.joining(", "));
    }

    /** DuckDB: INSERT OR REPLACE (its upsert by primary key). */
    static String duckDbUpsert() {
        return insertInto("INSERT OR REPLACE INTO ");
    }

    static String delete() {
        return "DELETE FROM " + WriterTable.NAME + " WHERE id = ?";
    }

    private static String insertInto(String verb) {
        return verb + WriterTable.NAME + " (" + String.join(", ", ALL_COLUMNS) + ") VALUES ("
            + ALL_COLUMNS.stream().map(column -> "?").collect(Collectors.joining(", ")) + ")";
    }

    /** The rows of a flush, prepared before the clock starts as a sink would hold them. */
    static Object[][] rows(WriterWorkload.Flush flush) {
        Object[][] rows = new Object[flush.size()][];
        for (int i = 0; i < flush.size(); i++) {
            rows[i] = flush.ops()[i] == 'd' ? null : CustomerRows.values(flush.ids()[i], flush.versions()[i]);
        }
        return rows;
    }

    /** Executes the flush's upserts then deletes in batches; the caller commits. */
    static void write(WriterWorkload.Flush flush, Object[][] rows, PreparedStatement upsert, PreparedStatement delete)
        throws SQLException {
        int pending = 0;
        for (int i = 0; i < flush.size(); i++) {
            if (rows[i] == null) {
                continue;
            }
            bind(upsert, rows[i], flush.versions()[i]);
            upsert.addBatch();
            if (++pending == BATCH) {
                upsert.executeBatch();
                pending = 0;
            }
        }
        if (pending > 0) {
            upsert.executeBatch();
            pending = 0;
        }
        for (int i = 0; i < flush.size(); i++) {
            if (rows[i] != null) {
                continue;
            }
            delete.setLong(1, flush.ids()[i]);
            delete.addBatch();
            if (++pending == BATCH) {
                delete.executeBatch();
                pending = 0;
            }
        }
        if (pending > 0) {
            delete.executeBatch();
        }
    }

    private static void bind(PreparedStatement statement, Object[] row, long version) throws SQLException {
        statement.setLong(1, (Long) row[0]);
        statement.setString(2, (String) row[1]);
        statement.setString(3, (String) row[2]);
        statement.setString(4, (String) row[3]);
        statement.setString(5, (String) row[4]);
        statement.setInt(6, (Integer) row[5]);
        statement.setBoolean(7, (Boolean) row[6]);
        statement.setObject(8, (LocalDateTime) row[7]);
        statement.setString(9, (String) row[8]);
        statement.setLong(10, version);
        statement.setLong(11, CustomerRows.sourceTsMs(version));
    }
}
