package io.tidemark.connect.source.testing;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 server for one test class, from zonky's embedded binaries, configured for
 * logical replication unless told otherwise. Register it as a static extension field: it starts
 * before the class's {@code @BeforeAll} methods and stops after its tests.
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback {

    private final String walLevel;
    private EmbeddedPostgres postgres;

    private PostgresServer(String walLevel) {
        this.walLevel = walLevel;
    }

    public static PostgresServer logical() {
        return new PostgresServer("logical");
    }

    public static PostgresServer withWalLevel(String walLevel) {
        return new PostgresServer(walLevel);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", walLevel)
                .setServerConfig("max_replication_slots", "20")
                .setServerConfig("max_wal_senders", "20")
                .start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        postgres.close();
    }

    public int port() {
        return postgres.getPort();
    }

    /** Connects as the superuser postgres to database postgres. */
    public Connection connect() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    public void execute(String... statements) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Statement failed: " + String.join("; ", statements), e);
        }
    }

    /** Rows of a query, each as column label to value. */
    public List<Map<String, Object>> query(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + sql, e);
        }
    }

    /** The connector options that reach this server as the superuser; tests add the rest. */
    public Map<String, String> connectionConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("database.hostname", "localhost");
        config.put("database.port", Integer.toString(port()));
        config.put("database.dbname", "postgres");
        config.put("database.user", "postgres");
        return config;
    }
}
