package io.tidemark.connect.systemtest.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The writer benchmark's table in PostgreSQL (schema public of its own database). */
final class PostgresWriterTable extends WriterTable {

    private final String url;
    private final String user;
    private final String password;
    private Connection admin;

    PostgresWriterTable(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    @Override
    Connection admin() throws SQLException {
        if (admin == null) {
            admin = DriverManager.getConnection(url, user, password);
        }
        return admin;
    }

    /** A connection as the peers' pattern uses it: the driver's batching option, transactions of one flush. */
    Connection connect(boolean reWriteBatchedInserts) throws SQLException {
        Connection connection = DriverManager.getConnection(url + (reWriteBatchedInserts ? "?reWriteBatchedInserts=true" : ""),
            user, password);
        connection.setAutoCommit(false);
        return connection;
    }

    @Override
    String columns() {
        return CustomerRows.postgresColumns();
    }

    @Override
    String templateRows(int rows) {
        return "SELECT g, 'name-' || g || '-0', 'user' || g || '.0@example.com', '+3361' || lpad((g % 10000000)::text, 7, '0'), "
            + "'Lyon', (g % 1000)::int, g % 3 <> 0, timestamp '2023-11-14 22:13:20', 'note 0 for customer ' || g, 0::bigint, "
            + "1700000000000::bigint FROM generate_series(1, " + rows + ") AS g";
    }

    @Override
    void settle(Statement statement) throws SQLException {
        statement.execute("VACUUM ANALYZE " + NAME);
        statement.execute("CHECKPOINT");
    }

    @Override
    void finishRun() {
        // Commits are durable; checkpoints happen in the background, outside the client's time.
    }

    @Override
    public void close() throws SQLException {
        if (admin != null) {
            admin.close();
        }
    }
}
