package io.tidemark.connect.systemtest.bench;

import io.tidemark.connect.systemtest.postgres.PostgresServer;

/**
 * The source benchmarks' captured table, {@code public.customers} in its own database: the customer columns
 * plus {@code seq}, the number of the change that last wrote the row, by which a consumer matches a record to
 * the commit time the writers noted. Rows 1..n exist before each round; the signal table our config example
 * names exists too (empty).
 */
final class SourceTable {

    static final String DATABASE = "bench_source";
    static final String TABLE = "public.customers";

    private final PostgresServer postgres;

    SourceTable(PostgresServer postgres) {
        this.postgres = postgres;
    }

    void createDatabase() {
        postgres.createDatabase(DATABASE);
        postgres.execute(DATABASE, "CREATE TABLE public.tidemark_signals (id VARCHAR(42) PRIMARY KEY, type VARCHAR(32) NOT NULL, "
            + "data VARCHAR(2048))");
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
}
