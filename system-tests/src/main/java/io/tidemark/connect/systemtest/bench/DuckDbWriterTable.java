package io.tidemark.connect.systemtest.bench;

import io.tidemark.connect.sink.dialect.ConnectionSettings;
import io.tidemark.connect.sink.dialect.Dialect;
import io.tidemark.connect.sink.dialect.Dialects;
import io.tidemark.connect.sink.dialect.WarehouseSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The writer benchmark's table in a DuckDB file. DuckDB lets one instance per process hold a file, so every
 * connection here (setup, the peers) is a session of the sink's own DuckDB dialect, which shares the instance
 * our writer uses.
 */
final class DuckDbWriterTable extends WriterTable {

    private final String url;
    private final Dialect dialect = Dialects.installed().select("duckdb", null);
    private WarehouseSession admin;

    DuckDbWriterTable(String url) {
        this.url = url;
    }

    String url() {
        return url;
    }

    /** A session on the shared instance, auto-commit off; the caller closes it. */
    WarehouseSession session() throws SQLException {
        return dialect.open(new ConnectionSettings(url, null, null, 30));
    }

    @Override
    Connection admin() throws SQLException {
        if (admin == null) {
            admin = session();
            admin.connection().setAutoCommit(true);
        }
        return admin.connection();
    }

    @Override
    String columns() {
        return CustomerRows.duckDbColumns();
    }

    @Override
    String templateRows(int rows) {
        return "SELECT g, 'name-' || g || '-0', 'user' || g || '.0@example.com', '+3361' || lpad((g % 10000000)::VARCHAR, 7, '0'), "
            + "'Lyon', (g % 1000)::INTEGER, g % 3 <> 0, TIMESTAMP '2023-11-14 22:13:20', 'note 0 for customer ' || g, 0::BIGINT, "
            + "1700000000000::BIGINT FROM range(1, " + rows + " + 1) AS t(g)";
    }

    @Override
    void settle(Statement statement) throws SQLException {
        statement.execute("CHECKPOINT");
    }

    @Override
    void finishRun() throws SQLException {
        try (Statement statement = admin().createStatement()) {
            statement.execute("CHECKPOINT");
        }
    }

    @Override
    public void close() throws SQLException {
        if (admin != null) {
            admin.close();
        }
    }
}
