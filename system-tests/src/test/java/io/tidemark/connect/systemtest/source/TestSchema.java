package io.tidemark.connect.systemtest.source;

import io.tidemark.connect.systemtest.postgres.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.replication.LogSequenceNumber;

/**
 * The PostgreSQL schema one test captures, so tests sharing the server never see each other's rows.
 * Its tables are created by the connectors' role, which then owns them, as the README's preparation
 * asks (only a table's owner may add it to a publication). Dropped with everything in it on close.
 */
final class TestSchema implements AutoCloseable {

    private final PostgresServer postgres;
    private final String name;

    private TestSchema(PostgresServer postgres, String name) {
        this.postgres = postgres;
        this.name = name;
    }

    /** Creates schema {@code name}; {@code ddl} may refer to it as {@code %s}. */
    static TestSchema create(PostgresServer postgres, String name, String... ddl) {
        TestSchema schema = new TestSchema(postgres, name);
        schema.execute("CREATE SCHEMA " + name);
        for (String statement : ddl) {
            schema.execute(statement.replace("%s", name));
        }
        return schema;
    }

    String name() {
        return name;
    }

    /** {@code schema.table}, as Debezium names a captured table. */
    String table(String table) {
        return name + "." + table;
    }

    /** Runs each statement in its own transaction as the connectors' role. */
    void execute(String... statements) {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed in schema " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The server's current WAL insert position: every change committed before lies below it. (Not the
     * write position: the embedded server runs with synchronous_commit=off, so that one lags.)
     */
    long currentLsn() {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
            rows.next();
            return LogSequenceNumber.valueOf(rows.getString(1)).asLong();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the WAL position: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        postgres.execute(PostgresServer.DATABASE, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }
}
