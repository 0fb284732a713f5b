package io.tidemark.connect.sink.testing;

import io.tidemark.connect.sink.dialect.ConnectionSettings;
import io.tidemark.connect.sink.dialect.WarehouseSession;
import io.tidemark.connect.sink.dialect.duckdb.DuckDbDialect;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * A DuckDB database file. The test reads it through the same shared instance the sink uses (DuckDB
 * allows one instance per file per process), exactly like a second connector in the same worker would.
 */
public final class DuckDbWarehouse implements TestWarehouse {

    private final Path file;
    private final ConnectionSettings settings;

    public DuckDbWarehouse(Path directory) {
        this.file = directory.resolve("warehouse.duckdb");
        this.settings = new ConnectionSettings(url(), null, null, 10);
    }

    public String url() {
        return "jdbc:duckdb:" + file;
    }

    public Path file() {
        return file;
    }

    @Override
    public Map<String, String> connectorConfig() {
        return Map.of("connection.url", url());
    }

    @Override
    public List<List<String>> query(String sql) throws SQLException {
        try (WarehouseSession session = new DuckDbDialect().open(settings)) {
            // Timestamps with time zone read the same on every machine.
            Jdbc.execute(session.connection(), "SET TimeZone = 'UTC'");
            List<List<String>> rows = Jdbc.query(session.connection(), sql);
            session.connection().rollback();
            return rows;
        }
    }

    @Override
    public void execute(String sql) throws SQLException {
        try (WarehouseSession session = new DuckDbDialect().open(settings)) {
            Jdbc.execute(session.connection(), sql);
            session.connection().commit();
        }
    }

    @Override
    public String table(String name) {
        return "\"" + name + "\"";
    }

    @Override
    public void close() {
    }
}
