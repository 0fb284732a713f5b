package io.tidemark.connect.sink.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL 17 (zonky embedded), one per test class; each test writes into its own schema.
 */
public final class PostgresWarehouse implements TestWarehouse {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private final EmbeddedPostgres server;
    private final String schema;

    public PostgresWarehouse(EmbeddedPostgres server) throws SQLException {
        this.server = server;
        this.schema = "it_" + SCHEMAS.incrementAndGet();
        execute("CREATE SCHEMA " + schema);
    }

    private static EmbeddedPostgres shared;

    /**
     * The test JVM's one PostgreSQL server, started on first use and stopped when the JVM exits (every
     * test class gets its own schemas, so they never see each other's tables).
     */
    public static synchronized EmbeddedPostgres server() throws IOException {
        if (shared == null) {
            EmbeddedPostgres started = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
            shared = started;
        }
        return shared;
    }

    public PostgresWarehouse() throws IOException, SQLException {
        this(server());
    }

    public String schema() {
        return schema;
    }

    public String url() {
        return server.getJdbcUrl("postgres", "postgres");
    }

    /** A client session in UTC, so timestamps with time zone read the same on every machine. */
    public Connection connect() throws SQLException {
        return server.getDatabase("postgres", "postgres", Map.of("options", "-c TimeZone=UTC")).getConnection();
    }

    @Override
    public Map<String, String> connectorConfig() {
        return Map.of("connection.url", "jdbc:postgresql://localhost:" + server.getPort() + "/postgres",
                "connection.user", "postgres", "connection.password", "unused-by-trust-auth", "table.schema", schema);
    }

    @Override
    public List<List<String>> query(String sql) throws SQLException {
        try (Connection connection = connect()) {
            return Jdbc.query(connection, sql);
        }
    }

    @Override
    public void execute(String sql) throws SQLException {
        try (Connection connection = connect()) {
            Jdbc.execute(connection, sql);
        }
    }

    @Override
    public String table(String name) {
        return "\"" + schema + "\".\"" + name + "\"";
    }

    /** The pid of a sink connection once it waits for a lock, polled until the deadline. */
    public String blockedSinkBackend(java.time.Duration deadline) throws SQLException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            List<List<String>> rows = query("SELECT pid FROM pg_stat_activity WHERE application_name = 'tidemark-warehouse-sink'"
                    + " AND wait_event_type = 'Lock'");
            if (!rows.isEmpty()) {
                return rows.get(0).get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No flush of the sink waited for a table lock within " + deadline);
    }

    @Override
    public void close() throws SQLException {
        execute("DROP SCHEMA " + schema + " CASCADE");
    }
}
