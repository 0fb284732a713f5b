package io.tidemark.connect.sink.testing;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** A real warehouse database for component tests, and a client to look into it. */
public interface TestWarehouse extends AutoCloseable {

    /** Connection options (and table.schema) for the sink. */
    Map<String, String> connectorConfig();

    /** Rows of a query, each column rendered as text (null as "null"). */
    List<List<String>> query(String sql) throws SQLException;

    void execute(String sql) throws SQLException;

    /** The quoted, schema-qualified name of a table written by the sink. */
    String table(String name);

    /** The whole table, ordered by its first column, as text: for byte-for-byte comparisons. */
    default List<List<String>> dump(String name) throws SQLException {
        return query("SELECT * FROM " + table(name) + " ORDER BY 1");
    }

    @Override
    void close() throws Exception;
}
