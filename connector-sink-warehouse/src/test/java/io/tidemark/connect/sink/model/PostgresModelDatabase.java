package io.tidemark.connect.sink.model;

import io.tidemark.connect.sink.testing.Jdbc;
import io.tidemark.connect.sink.testing.PostgresWarehouse;
import io.tidemark.connect.sink.testing.TestWarehouse;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A real PostgreSQL (zonky embedded) for the model-based tests. Connection failures are real: the server
 * terminates the sink's backends (pg_terminate_backend, as an administrator or a failover would), so the next
 * statement of the task's session fails with SQLSTATE 57P01 and the task must retry through Connect.
 */
final class PostgresModelDatabase implements ModelDatabase {

    static final PostgresModelDatabase INSTANCE = new PostgresModelDatabase();

    private PostgresWarehouse postgres;
    /** The test's own session (autocommit), for its reads and for terminating the sink's backends. */
    private Connection reads;

    @Override
    public synchronized TestWarehouse warehouse() {
        if (postgres == null) {
            // A server of its own without fsync: thousands of histories commit tens of thousands of flushes, and
            // durability on a crash of the machine is not what they test.
            try {
                start();
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("Cannot start PostgreSQL for the model-based tests", e);
            }
        }
        return postgres;
    }

    private void start() throws IOException, SQLException {
        {
            EmbeddedPostgres server = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off").setServerConfig("full_page_writes", "off").start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
            postgres = new PostgresWarehouse(server);
            reads = postgres.connect();
        }
    }

    @Override
    public synchronized List<List<String>> query(String sql) throws SQLException {
        warehouse();
        return Jdbc.query(reads, sql);
    }

    @Override
    public synchronized void execute(String sql) throws SQLException {
        warehouse();
        Jdbc.execute(reads, sql);
    }

    @Override
    public String schemaCondition() {
        return "table_schema = '" + postgres.schema() + "'";
    }

    @Override
    public Runnable connectionKiller() {
        return () -> {
            try {
                query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'tidemark-warehouse-sink'");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
