package io.tidemark.connect.source.preflight;

import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.DATABASE;
import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.HOSTNAME;
import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.MESSAGE_KEY_COLUMNS;
import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.PASSWORD;
import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.PUBLICATION_AUTOCREATE_MODE;
import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.PUBLICATION_NAME;
import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.SIGNAL_DATA_COLLECTION;
import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.TABLE_INCLUDE_LIST;
import static io.tidemark.connect.source.config.PostgresCdcSourceConfig.USER;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.debezium.util.Strings;
import io.tidemark.connect.source.config.DebeziumProperties;
import io.tidemark.connect.source.config.PostgresCdcSourceConfig;
import io.tidemark.connect.source.config.PublicationMode;
import io.tidemark.connect.source.postgres.CapturedTables;
import io.tidemark.connect.source.postgres.CapturedTables.CapturedTable;
import io.tidemark.connect.source.postgres.DatabaseConnections;

/**
 * What {@code validate()} checks on the server before a connector is created: the database is
 * reachable, decodes logically, the user may replicate and read, the listed tables exist, every
 * captured table has a key, and the publication exists or can be created. Each finding is a message
 * a user can act on, attached to the option it concerns; none quotes a password.
 */
public final class ServerPreflight {

    private static final int MAX_TABLES_LISTED = 20;

    private final PostgresCdcSourceConfig config;
    private final CapturedTables capturedTables;
    private final DatabaseConnections connections;
    private final Map<String, List<String>> findings = new LinkedHashMap<>();

    private ServerPreflight(PostgresCdcSourceConfig config, DebeziumProperties debeziumProperties) {
        this.config = config;
        this.capturedTables = new CapturedTables(debeziumProperties.asMap());
        this.connections = new DatabaseConnections(config, "validate");
    }

    /** Option name to the problems found with it; empty when the server is ready. */
    public static Map<String, List<String>> check(PostgresCdcSourceConfig config, DebeziumProperties properties) {
        ServerPreflight preflight = new ServerPreflight(config, properties);
        preflight.run();
        return preflight.findings;
    }

    private void run() {
        try (Connection connection = connections.open()) {
            try {
                checkServer(connection);
            } catch (SQLException e) {
                add(HOSTNAME, "Checking " + connections.describe() + " failed: " + e.getMessage());
            }
        } catch (SQLException e) {
            reportConnectionFailure(e);
        }
    }

    private void reportConnectionFailure(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if ("28P01".equals(state)) {
            add(PASSWORD, "PostgreSQL at " + connections.describe() + " refused the password of user '"
                    + config.user() + "': " + e.getMessage());
        } else if (state.startsWith("28")) {
            add(USER, "PostgreSQL at " + connections.describe() + " refused user '" + config.user() + "': "
                    + e.getMessage() + ". Check the user name and the server's pg_hba.conf.");
        } else if ("3D000".equals(state)) {
            add(DATABASE, "Database '" + config.database() + "' does not exist on " + config.hostname() + ":"
                    + config.port() + ".");
        } else {
            add(HOSTNAME, "Cannot connect to PostgreSQL at " + connections.describe() + ": " + e.getMessage()
                    + " Check " + HOSTNAME + " and database.port, and that the server accepts connections "
                    + "from the Connect worker.");
        }
    }

    private void checkServer(Connection connection) throws SQLException {
        String walLevel = singleString(connection, "SHOW wal_level");
        if (!"logical".equals(walLevel)) {
            add(HOSTNAME, "The server at " + config.hostname() + ":" + config.port() + " runs with wal_level="
                    + walLevel + ", and change data capture needs wal_level=logical: run ALTER SYSTEM SET "
                    + "wal_level = logical and restart PostgreSQL.");
        }
        boolean superuser = checkReplicationRole(connection);

        List<CapturedTable> all = CapturedTables.allTables(connection);
        List<CapturedTable> captured = capturedTables.select(all);
        checkIncludeList(all);
        checkSignalTable(all);
        if (captured.isEmpty()) {
            add(TABLE_INCLUDE_LIST, "No table of database '" + config.database() + "' is captured with these "
                    + "table lists.");
            return;
        }
        List<String> unreadable = names(captured.stream().filter(table -> !table.selectable()).toList());
        if (!unreadable.isEmpty()) {
            add(USER, "User '" + config.user() + "' may not read " + String.join(", ", unreadable)
                    + ": GRANT SELECT ON " + String.join(", ", unreadable) + " TO " + config.user() + ".");
        }
        capturedTables.keyProblems(captured).forEach(problem -> add(MESSAGE_KEY_COLUMNS, problem));
        capturedTables.columnNameProblems(captured).forEach(problem -> add(TABLE_INCLUDE_LIST, problem));
        checkPublication(connection, captured, superuser);
    }

    /** @return whether the user is a superuser (who needs no privileges on the publication) */
    private boolean checkReplicationRole(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT r.rolsuper, r.rolreplication, EXISTS ("
                        + "SELECT 1 FROM pg_catalog.pg_roles g WHERE g.rolname IN ('rds_replication', 'rds_superuser')"
                        + " AND pg_catalog.pg_has_role(current_user, g.oid, 'MEMBER')) "
                        + "FROM pg_catalog.pg_roles r WHERE r.rolname = current_user")) {
            rs.next();
            boolean superuser = rs.getBoolean(1);
            if (!superuser && !rs.getBoolean(2) && !rs.getBoolean(3)) {
                add(USER, "User '" + config.user() + "' may not use logical replication: run ALTER ROLE "
                        + config.user() + " REPLICATION (on Amazon RDS: GRANT rds_replication TO "
                        + config.user() + ").");
            }
            return superuser;
        }
    }

    /** Every entry of the include list must match a table, else it is most likely a typo. */
    private void checkIncludeList(List<CapturedTable> all) {
        if (config.tableIncludeList().isEmpty()) {
            return;
        }
        for (Pattern entry : Strings.setOfRegex(config.tableIncludeList(), Pattern.CASE_INSENSITIVE)) {
            boolean matches = all.stream().anyMatch(table -> entry.matcher(table.qualifiedName()).matches());
            if (!matches) {
                add(TABLE_INCLUDE_LIST, "No table of database '" + config.database() + "' matches '"
                        + entry.pattern() + "' (entries are regular expressions matched against "
                        + "<schema>.<table>). Tables in the database: " + listed(names(all)) + ".");
            }
        }
    }

    private void checkSignalTable(List<CapturedTable> all) {
        config.signalDataCollection().ifPresent(signalTable -> {
            boolean exists = all.stream().anyMatch(table -> table.qualifiedName().equals(signalTable));
            if (!exists) {
                add(SIGNAL_DATA_COLLECTION, "The signal table " + signalTable + " does not exist in database '"
                        + config.database() + "': CREATE TABLE " + signalTable + " (id VARCHAR(42) PRIMARY KEY, "
                        + "type VARCHAR(32) NOT NULL, data VARCHAR(2048)).");
            }
        });
    }

    private void checkPublication(Connection connection, List<CapturedTable> captured, boolean superuser)
            throws SQLException {
        Set<String> published = publishedTables(connection);
        if (published == null && config.publicationMode() == PublicationMode.DISABLED) {
            add(PUBLICATION_NAME, "Publication '" + config.publicationName() + "' does not exist and "
                    + PUBLICATION_AUTOCREATE_MODE + " is disabled: have the owner of the tables run CREATE "
                    + "PUBLICATION " + config.publicationName() + " FOR TABLE " + String.join(", ", names(captured))
                    + ", or set " + PUBLICATION_AUTOCREATE_MODE + " to filtered.");
        } else if (config.publicationMode() == PublicationMode.DISABLED) {
            List<String> missing = names(captured).stream().filter(name -> !published.contains(name)).toList();
            if (!missing.isEmpty()) {
                add(PUBLICATION_NAME, "Publication '" + config.publicationName() + "' does not publish "
                        + String.join(", ", missing) + ": ALTER PUBLICATION " + config.publicationName()
                        + " ADD TABLE " + String.join(", ", missing) + ".");
            }
        } else if (!superuser) {
            checkPublicationCanBeManaged(connection, captured, published != null);
        }
    }

    /** In filtered mode the connector creates the publication, or alters it when the lists change. */
    private void checkPublicationCanBeManaged(Connection connection, List<CapturedTable> captured, boolean exists)
            throws SQLException {
        List<String> problems = new ArrayList<>();
        if (!exists && !"t".equals(singleString(connection,
                "SELECT pg_catalog.has_database_privilege(current_database(), 'CREATE')"))) {
            problems.add("it lacks CREATE on database " + config.database() + " (GRANT CREATE ON DATABASE "
                    + config.database() + " TO " + config.user() + ")");
        }
        List<String> notOwned = names(captured.stream().filter(table -> !table.ownedByUser()).toList());
        if (!notOwned.isEmpty()) {
            problems.add("it does not own " + String.join(", ", notOwned)
                    + " (PostgreSQL lets only a table's owner add it to a publication)");
        }
        if (!problems.isEmpty()) {
            add(PUBLICATION_NAME, "User '" + config.user() + "' cannot " + (exists ? "update" : "create")
                    + " publication '" + config.publicationName() + "' for the captured tables: "
                    + String.join("; ", problems) + ". Either grant that, or have the table owner run "
                    + (exists ? "ALTER PUBLICATION " + config.publicationName() + " SET TABLE "
                            : "CREATE PUBLICATION " + config.publicationName() + " FOR TABLE ")
                    + String.join(", ", names(captured)) + " and set " + PUBLICATION_AUTOCREATE_MODE
                    + " to disabled.");
        }
    }

    /** schema.table of every table in the publication, or null when there is no such publication. */
    private Set<String> publishedTables(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT p.puballtables, t.schemaname, t.tablename FROM pg_catalog.pg_publication p "
                        + "LEFT JOIN pg_catalog.pg_publication_tables t ON t.pubname = p.pubname "
                        + "WHERE p.pubname = ?")) {
            statement.setString(1, config.publicationName());
            try (ResultSet rs = statement.executeQuery()) {
                Set<String> tables = null;
                boolean allTables = false;
                while (rs.next()) {
                    tables = tables == null ? new HashSet<>() : tables;
                    allTables = rs.getBoolean(1);
                    if (rs.getString(2) != null) {
                        tables.add(rs.getString(2) + "." + rs.getString(3));
                    }
                }
                if (allTables && config.publicationMode() == PublicationMode.FILTERED) {
                    add(PUBLICATION_NAME, "Publication '" + config.publicationName() + "' publishes all tables and "
                            + "the connector cannot narrow it to the captured ones: set " + PUBLICATION_AUTOCREATE_MODE
                            + " to disabled to use it as it is, or name another publication.");
                }
                return tables;
            }
        }
    }

    private static String singleString(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> names(List<CapturedTable> tables) {
        return tables.stream().map(CapturedTable::qualifiedName).toList();
    }

    private static String listed(List<String> names) {
        if (names.isEmpty()) {
            return "none";
        }
        String shown = names.stream().limit(MAX_TABLES_LISTED).collect(Collectors.joining(", "));
        return names.size() > MAX_TABLES_LISTED ? shown + " and " + (names.size() - MAX_TABLES_LISTED) + " more"
                : shown;
    }

    private void add(String option, String message) {
        findings.computeIfAbsent(option, key -> new ArrayList<>()).add(message);
    }
}
