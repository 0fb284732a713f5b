package io.tidemark.connect.systemtest.bench;

import io.tidemark.connect.systemtest.Await;
import io.tidemark.connect.systemtest.postgres.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The PostgreSQL source benchmark's captured table, {@code public.customers} in its own database: the customer columns
 * plus {@code seq}, the number of the change that last wrote the row, by which a consumer matches a record to
 * the commit time the writers noted. Rows 1..n exist before each round; the signal table our config example
 * names exists too (empty).
 */
final class SourceTable {

    static final String DATABASE = "bench_source";
    static final String TABLE = "public.customers";
    private static final Duration DROP_TIMEOUT = Duration.ofMinutes(3);

    private final PostgresServer postgres;

    SourceTable(PostgresServer postgres) {
        this.postgres = postgres;
    }

    void createDatabase() {
        postgres.createDatabase(DATABASE);
        postgres.execute(DATABASE, "CREATE TABLE public.tidemark_signals (id VARCHAR(42) PRIMARY KEY, type VARCHAR(32) NOT NULL, "
            + "data VARCHAR(2048))");
    }

    /** A writer's connection to the benchmark database, committing with {@code synchronous_commit=on} as production does. */
    Connection writerConnection() throws SQLException {
        Connection connection = postgres.connect(DATABASE);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET synchronous_commit = on");
        }
        return connection;
    }

    /** Recreates the table with rows 1..{@code rows} (seq 0), vacuumed and analyzed. */
    void reset(int rows) {
        postgres.execute(DATABASE,
            "DROP TABLE IF EXISTS " + TABLE,
            "CREATE TABLE " + TABLE + " (id bigint PRIMARY KEY, name text, email text, phone text, city text, score integer, "
                + "active boolean, updated_at timestamp, note text, seq bigint NOT NULL)",
            "INSERT INTO " + TABLE + " SELECT g, 'name-' || g, 'user' || g || '@example.com', '+3361' || lpad(g::text, 7, '0'), "
                + "'Lyon', (g % 1000)::int, g % 3 <> 0, timestamp '2023-11-14 22:13:20', 'note for customer ' || g, 0 "
                + "FROM generate_series(1, " + rows + ") AS g",
            "VACUUM ANALYZE " + TABLE,
            "CHECKPOINT");
    }

    /** Drops a deleted connector's slot (once its walsender let go of it) and publication, both named {@code prefix}. */
    void dropSlotAndPublication(String prefix) {
        Await.until("slot " + prefix + " dropped", DROP_TIMEOUT, () -> postgres.dropReplicationSlots(prefix) >= 0
            && slotGone(prefix));
        postgres.execute(DATABASE, "DROP PUBLICATION IF EXISTS " + prefix);
    }

    private boolean slotGone(String slot) throws SQLException {
        try (var connection = postgres.connect(); var query = connection.prepareStatement(
            "SELECT count(*) FROM pg_replication_slots WHERE slot_name = ?")) {
            query.setString(1, slot);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1) == 0;
            }
        }
    }
}
