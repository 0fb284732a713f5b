package io.tidemark.connect.systemtest.snowflake;

import io.tidemark.connect.systemtest.config.ConnectorConfigExample;
import io.tidemark.connect.systemtest.pipeline.Warehouse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * A database of its own in the stack's fakesnow, read through snowflake-jdbc as users read Snowflake. A sink
 * example pointed here writes into {@code database} ({@code snowflake.database}, an environment key) and keeps
 * its schema ({@code table.schema}), so pipelines sharing one fakesnow never meet in a table.
 */
public final class SnowflakeWarehouse implements Warehouse {

    private final String url;
    private final String database;
    private final String schema;

    /**
     * @param url      fakesnow's JDBC URL, as the stack environment puts it into a Snowflake example
     * @param database the database the sink is to write, in the spelling Snowflake stores it (upper case)
     * @param schema   the example's {@code table.schema}
     */
    public SnowflakeWarehouse(String url, String database, String schema) {
        this.url = url;
        this.database = database;
        this.schema = schema;
    }

    @Override
    public Map<String, String> sinkOverrides(ConnectorConfigExample sinkExample) {
        return Map.of("snowflake.database", database);
    }

    @Override
    public Connection connect() throws SQLException {
        Properties login = readerLogin();
        login.setProperty("db", database);
        login.setProperty("schema", schema);
        return DriverManager.getConnection(url, login);
    }

    /** The login of the tests' reading connections: a user and password (fakesnow accepts any login). */
    static Properties readerLogin() {
        Properties login = new Properties();
        login.setProperty("user", "TIDEMARK_TEST_READER");
        login.setProperty("password", "fakesnow-accepts-any");
        // Keeps the driver from probing cloud metadata endpoints at every login.
        login.setProperty("disablePlatformDetection", "true");
        return login;
    }

    @Override
    public boolean exclusiveWhileWriting() {
        return false;
    }

    @Override
    public String describe() {
        return "Snowflake (fakesnow) " + database + "." + schema + " at " + url;
    }
}
