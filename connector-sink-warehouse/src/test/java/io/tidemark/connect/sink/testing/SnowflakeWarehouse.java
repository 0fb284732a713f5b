package io.tidemark.connect.sink.testing;

import io.tidemark.connect.sink.dialect.ConnectionSettings;
import io.tidemark.connect.sink.dialect.WarehouseSession;
import io.tidemark.connect.fakesnow.FakesnowServer;
import io.tidemark.connect.sink.dialect.snowflake.SnowflakeDialect;
import org.apache.kafka.common.config.types.Password;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A schema of its own in a fakesnow server, reached through snowflake-jdbc exactly as the sink reaches
 * Snowflake. The sink writes with identifier.case=upper, as the README advises for Snowflake.
 */
public final class SnowflakeWarehouse implements TestWarehouse {

    public static final String DATABASE = "TIDEMARK";
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private final FakesnowServer server;
    private final String schema;

    public SnowflakeWarehouse(FakesnowServer server) throws SQLException {
        this.server = server;
        this.schema = "IT_" + SCHEMAS.incrementAndGet();
        try (WarehouseSession session = new SnowflakeDialect().open(settings(null))) {
            Jdbc.execute(session.connection(), "CREATE DATABASE IF NOT EXISTS " + DATABASE);
            Jdbc.execute(session.connection(), "CREATE SCHEMA IF NOT EXISTS " + DATABASE + "." + schema);
        }
    }

    public String schema() {
        return schema;
    }

    /** Settings of a password session in this warehouse's schema (fakesnow accepts any credentials). */
    public ConnectionSettings settings(String inSchema) {
        return new ConnectionSettings(server.jdbcUrl(), "tidemark", new Password("fakesnow-ignores-it"), 30, inSchema, DATABASE,
                null, null, null, null);
    }

    @Override
    public Map<String, String> connectorConfig() {
        return Map.of("connection.url", server.jdbcUrl(), "connection.user", "tidemark", "connection.password", "fakesnow-ignores-it",
                "snowflake.database", DATABASE, "table.schema", schema, "identifier.case", "upper");
    }

    /**
     * Rows as text. fakesnow types SUM over a NUMBER column as FLOAT ("3500.0") where Snowflake types it
     * NUMBER ("3500"), so sums are rendered as Snowflake would.
     */
    @Override
    public List<List<String>> query(String sql) throws SQLException {
        try (WarehouseSession session = new SnowflakeDialect().open(settings(schema));
             Statement statement = session.connection().createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            ResultSetMetaData columns = result.getMetaData();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    boolean sum = columns.getColumnType(i) == Types.DOUBLE
                            && columns.getColumnLabel(i).toLowerCase(Locale.ROOT).startsWith("sum(");
                    Object value = columns.getColumnType(i) == Types.BOOLEAN ? result.getObject(i)
                            : sum && result.getObject(i) != null ? new BigDecimal(result.getString(i)).toBigIntegerExact()
                            : result.getString(i);
                    row.add(String.valueOf(value));
                }
                rows.add(row);
            }
            session.connection().rollback();
            return rows;
        }
    }

    @Override
    public void execute(String sql) throws SQLException {
        try (WarehouseSession session = new SnowflakeDialect().open(settings(schema))) {
            Jdbc.execute(session.connection(), sql);
            session.connection().commit();
        }
    }

    /** Names as the sink spells them with identifier.case=upper. */
    @Override
    public String table(String name) {
        return "\"" + schema + "\".\"" + name.toUpperCase(Locale.ROOT) + "\"";
    }

    @Override
    public void close() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + DATABASE + "." + schema + " CASCADE");
    }
}
