package io.tidemark.connect.sink.model;

import io.tidemark.connect.sink.dialect.ConnectionSettings;
import io.tidemark.connect.sink.dialect.WarehouseSession;
import io.tidemark.connect.sink.dialect.duckdb.DuckDbDialect;
import io.tidemark.connect.sink.testing.DuckDbWarehouse;
import io.tidemark.connect.sink.testing.Jdbc;
import io.tidemark.connect.sink.testing.TestWarehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * A real DuckDB file for the model-based tests. DuckDB runs inside the worker's process, so there is no
 * connection a server could drop: these histories have no connection failures (PostgresModelTest has them).
 */
final class DuckDbModelDatabase implements ModelDatabase {

    static final DuckDbModelDatabase INSTANCE = new DuckDbModelDatabase();

    private DuckDbWarehouse duckdb;
    private WarehouseSession reads;

    @Override
    public synchronized TestWarehouse warehouse() {
        if (duckdb == null) {
            try {
                // On a RAM file system where there is one: every flush commits, and DuckDB syncs its file at each commit.
                Path shm = Path.of("/dev/shm");
                Path directory = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "model-duckdb")
                        : Files.createTempDirectory("model-duckdb");
                directory.toFile().deleteOnExit();
                duckdb = new DuckDbWarehouse(directory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return duckdb;
    }

    /** A session of the DuckDB instance the sink uses (one per file and process); each read ends its transaction. */
    @Override
    public synchronized List<List<String>> query(String sql) throws SQLException {
        warehouse();
        if (reads == null) {
            reads = new DuckDbDialect().open(new ConnectionSettings(duckdb.url(), null, null, 10));
        }
        try {
            return Jdbc.query(reads.connection(), sql);
        } finally {
            reads.connection().rollback();
        }
    }

    @Override
    public synchronized void execute(String sql) throws SQLException {
        query("SELECT 1");
        Jdbc.execute(reads.connection(), sql);
        reads.connection().commit();
    }

    @Override
    public String schemaCondition() {
        return "table_schema = 'main'";
    }

    @Override
    public Runnable connectionKiller() {
        return null;
    }
}
