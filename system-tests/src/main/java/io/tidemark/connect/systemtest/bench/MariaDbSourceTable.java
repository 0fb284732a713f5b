package io.tidemark.connect.systemtest.bench;

import io.tidemark.connect.systemtest.mariadb.MariaDbServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The MariaDB source benchmark's captured table, {@code bench_source.customers}: the same ten columns as the
 * PostgreSQL benchmark's {@link SourceTable} in MariaDB's types, and the same rows 1..n (seq 0) before each round,
 * so both benchmarks stream the same workload.
 */
final class MariaDbSourceTable {

    static final String DATABASE = "bench_source";
    static final String TABLE = DATABASE + ".customers";

    private final MariaDbServer mariadb;

    MariaDbSourceTable(MariaDbServer mariadb) {
        this.mariadb = mariadb;
    }

    void createDatabase() {
        mariadb.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
    }

    /**
     * Recreates the table with rows 1..{@code rows} (seq 0), from MariaDB's sequence engine (whose
     * {@code seq_1_to_n} tables exist in the current database, hence a connection to it), analyzed.
     */
    void reset(int rows) throws SQLException {
        try (Connection connection = mariadb.connect(DATABASE); Statement statement = connection.createStatement()) {
            for (String sql : List.of("DROP TABLE IF EXISTS " + TABLE,
            "CREATE TABLE " + TABLE + " (id BIGINT PRIMARY KEY, name TEXT, email TEXT, phone TEXT, city TEXT, score INT, "
                + "active BOOLEAN, updated_at DATETIME(6), note TEXT, seq BIGINT NOT NULL) ENGINE=InnoDB",
            "INSERT INTO " + TABLE + " SELECT seq, CONCAT('name-', seq), CONCAT('user', seq, '@example.com'), "
                + "CONCAT('+3361', LPAD(seq, 7, '0')), 'Lyon', seq % 1000, seq % 3 <> 0, TIMESTAMP '2023-11-14 22:13:20', "
                + "CONCAT('note for customer ', seq), 0 FROM seq_1_to_" + rows,
                "ANALYZE TABLE " + TABLE)) {
                statement.execute(sql);
            }
        }
    }

    /**
     * A writer's connection: InnoDB's defaults make each commit durable in the redo log
     * ({@code innodb_flush_log_at_trx_commit=1}); the binlog is written at commit, synced by the OS.
     */
    Connection writerConnection() throws SQLException {
        return mariadb.connect(DATABASE);
    }
}
