package io.tidemark.connect.systemtest.demo;

import io.tidemark.connect.systemtest.postgres.PostgresServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The demo shop schema ({@code demo/shop-schema.sql}) that the source config examples capture. Tables
 * are created by the connectors' role, so it owns them: PostgreSQL only lets a table's owner add it to
 * a publication.
 */
public final class ShopSchema {

    private static final String RESOURCE = "/demo/shop-schema.sql";

    private ShopSchema() {
    }

    /** Creates the shop tables in the public schema of {@code database} where they do not exist yet. */
    public static void apply(PostgresServer postgres, String database) {
        apply(postgres, database, "public");
    }

    /**
     * Creates the shop tables in {@code schema} (created if missing) of {@code database}, so that several
     * pipelines can each capture a shop of their own in one database.
     */
    public static void apply(PostgresServer postgres, String database, String schema) {
        String quoted = "\"" + schema.replace("\"", "\"\"") + "\"";
        try (Connection connection = postgres.connect(database); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + quoted);
            statement.execute("SET search_path TO " + quoted);
            statement.execute(sql());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the demo shop schema in " + database + "." + schema
                + ": " + e.getMessage(), e);
        }
    }

    private static String sql() {
        try (InputStream in = ShopSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
