package io.tidemark.connect.systemtest.pipeline;

import io.tidemark.connect.systemtest.config.ConnectorConfigExample;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.nio.file.Path;

/** A DuckDB file; the worker holds it while a sink writes there. */
public final class DuckDbWarehouse implements Warehouse {

    private final Path file;

    public DuckDbWarehouse(Path file) {
        this.file = file;
    }

    @Override
    public Map<String, String> sinkOverrides(ConnectorConfigExample sinkExample) {
        return Map.of("connection.url", url());
    }

    private String url() {
        return "jdbc:duckdb:" + file;
    }

    @Override
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }

    @Override
    public boolean exclusiveWhileWriting() {
        return true;
    }

    public Path file() {
        return file;
    }

    @Override
    public String describe() {
        return "DuckDB " + file;
    }
}
