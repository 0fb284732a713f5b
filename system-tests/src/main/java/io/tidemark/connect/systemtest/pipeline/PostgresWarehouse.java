package io.tidemark.connect.systemtest.pipeline;

import io.tidemark.connect.systemtest.config.ConnectorConfigExample;
import io.tidemark.connect.systemtest.postgres.PostgresServer;
import io.tidemark.connect.systemtest.stack.SecretsFile;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** A database of its own on a PostgreSQL server, for one pipeline's warehouse tables. */
public final class PostgresWarehouse implements Warehouse {

    private final PostgresServer server;
    private final String database;
    private final String passwordReference;

    private PostgresWarehouse(PostgresServer server, String database, String passwordReference) {
        this.server = server;
        this.database = database;
        this.passwordReference = passwordReference;
    }

    /**
     * Creates {@code database} on {@code server}.
     *
     * @param passwordKey the secrets file key holding the server's password for {@link PostgresServer#USER}
     */
    public static PostgresWarehouse create(PostgresServer server, String database, SecretsFile secrets,
                                           String passwordKey) {
        server.createDatabase(database);
        return new PostgresWarehouse(server, database, secrets.reference(passwordKey));
    }

    @Override
    public Map<String, String> sinkOverrides(ConnectorConfigExample sinkExample) {
        return Map.of(
            "connection.url", server.jdbcUrl(database),
            "connection.user", server.user(),
            "connection.password", passwordReference);
    }

    @Override
    public Connection connect() throws SQLException {
        return server.connect(database);
    }

    @Override
    public boolean exclusiveWhileWriting() {
        return false;
    }

    public PostgresServer server() {
        return server;
    }

    @Override
    public String describe() {
        return "PostgreSQL " + server.jdbcUrl(database);
    }
}
