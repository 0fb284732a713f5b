package io.tidemark.connect.source.mariadb;

import static io.tidemark.connect.source.mariadb.MariaDbCdcSourceConfig.HOSTNAME;
import static io.tidemark.connect.source.mariadb.MariaDbCdcSourceConfig.MESSAGE_KEY_COLUMNS;
import static io.tidemark.connect.source.mariadb.MariaDbCdcSourceConfig.PASSWORD;
import static io.tidemark.connect.source.mariadb.MariaDbCdcSourceConfig.SERVER_ID;
import static io.tidemark.connect.source.mariadb.MariaDbCdcSourceConfig.SNAPSHOT_LOCKING_MODE;
import static io.tidemark.connect.source.mariadb.MariaDbCdcSourceConfig.TABLE_INCLUDE_LIST;
import static io.tidemark.connect.source.mariadb.MariaDbCdcSourceConfig.USER;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.kafka.connect.errors.ConnectException;

import io.debezium.util.Strings;

/**
 * What the MariaDB/MySQL source checks on the server: reachable with the credentials, binary log on
 * in ROW format with full row images, a server id of its own, binlog retention of at least a day,
 * the privileges Debezium's MySQL connector needs, listed tables that exist, and a key for every
 * captured table. {@link #check} gives {@code validate()} every finding by option;
 * {@link #refuseUnusableServer} stops a task on the findings that would break the change-event
 * contract (a task started without validate(), or a server changed since). No message quotes a password.
 */
final class BinlogServerChecks {

    private static final Set<String> SYSTEM_DATABASES = Set.of("mysql", "information_schema",
            "performance_schema", "sys");
    private static final int MAX_TABLES_LISTED = 20;
    private static final long ONE_DAY_SECONDS = 86_400;

    private final MariaDbCdcSourceConfig config;
    private final Map<String, List<String>> findings = new LinkedHashMap<>();
    private final List<String> contractBreaking = new ArrayList<>();

    private BinlogServerChecks(MariaDbCdcSourceConfig config) {
        this.config = config;
    }

    /** Option name to the problems found with it; empty when the server is ready. */
    static Map<String, List<String>> check(MariaDbCdcSourceConfig config) {
        BinlogServerChecks checks = new BinlogServerChecks(config);
        checks.run();
        return checks.findings;
    }

    /** Fails when the server would make the connector emit something other than the contract. */
    static void refuseUnusableServer(MariaDbCdcSourceConfig config) {
        BinlogServerChecks checks = new BinlogServerChecks(config);
        checks.run();
        if (!checks.contractBreaking.isEmpty()) {
            throw new ConnectException(String.join(" ", checks.contractBreaking));
        }
    }

    private String describe() {
        return config.hostname() + ":" + config.port();
    }

    private void run() {
        try (Connection connection = open()) {
            try {
                checkServer(connection);
            } catch (SQLException e) {
                add(HOSTNAME, "Checking the server at " + describe() + " failed: " + e.getMessage(), true);
            }
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("28") || e.getErrorCode() == 1045) {
                add(PASSWORD, "The server at " + describe() + " refused user '" + config.user() + "': "
                        + e.getMessage(), true);
            } else {
                add(HOSTNAME, "Cannot connect to the MariaDB/MySQL server at " + describe() + ": " + e.getMessage(),
                        true);
            }
        }
    }

    private Connection open() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", config.user());
        config.password().ifPresent(password -> properties.setProperty("password", password.value()));
        properties.setProperty("connectTimeout", "10000");
        properties.setProperty("socketTimeout", "30000");
        properties.setProperty("sslMode", config.sslMode().toUpperCase(Locale.ROOT));
        properties.setProperty("allowLoadLocalInfile", "false");
        properties.setProperty("autoDeserialize", "false");
        Connection connection = new MariaDbJdbcDriver().connect("jdbc:mysql://" + config.hostname() + ":"
                + config.port() + "/", properties);
        if (connection == null) {
            throw new SQLException("MySQL Connector/J did not accept the connection URL");
        }
        return connection;
    }

    private void checkServer(Connection connection) throws SQLException {
        Map<String, String> variables = variables(connection);
        checkBinlog(variables);
        checkServerId(variables);
        checkRetention(variables);
        checkPrivileges(connection);
        checkTables(connection);
    }

    private void checkBinlog(Map<String, String> variables) {
        String logBin = variables.getOrDefault("log_bin", "OFF");
        if (!"ON".equalsIgnoreCase(logBin) && !"1".equals(logBin)) {
            add(HOSTNAME, "The server at " + describe() + " does not write a binary log. Start it with "
                    + "log_bin=mysql-bin, binlog_format=ROW, binlog_row_image=FULL and a server_id in its "
                    + "configuration file.", true);
            return;
        }
        String format = variables.getOrDefault("binlog_format", "");
        if (!"ROW".equalsIgnoreCase(format)) {
            add(HOSTNAME, "The server at " + describe() + " logs in binlog_format=" + format + "; the connector "
                    + "reads row events only. Set binlog_format=ROW in the server's configuration file (and "
                    + "SET GLOBAL binlog_format=ROW for the running server).", true);
        }
        if ("ON".equalsIgnoreCase(variables.getOrDefault("binlog_legacy_event_pos", "OFF"))) {
            // Then Debezium's MySQL connector, which does not see MariaDB's transaction starts, records
            // "rows to skip" of one event with the position of the next, and a restart skips rows never sent.
            add(HOSTNAME, "The server at " + describe() + " runs with binlog_legacy_event_pos=ON, with which a "
                    + "restarted connector can skip changes. Set binlog_legacy_event_pos=OFF (MariaDB's default) "
                    + "in the server's configuration file.", true);
        }
        String image = variables.getOrDefault("binlog_row_image", "FULL");
        if (!"FULL".equalsIgnoreCase(image)) {
            add(HOSTNAME, "The server at " + describe() + " logs binlog_row_image=" + image + ", which leaves "
                    + "columns out of row events, and the connector does not emit partial rows. Set "
                    + "binlog_row_image=FULL in the server's configuration file (and SET GLOBAL "
                    + "binlog_row_image=FULL for the running server).", true);
        }
    }

    private void checkServerId(Map<String, String> variables) {
        String own = variables.get("server_id");
        if (own != null && own.equals(Long.toString(config.serverId()))) {
            add(SERVER_ID, "The server at " + describe() + " has server_id " + own + " itself; give the connector "
                    + "an id no server or replica of this replication topology uses.", false);
        }
    }

    private void checkRetention(Map<String, String> variables) {
        long seconds = parseSeconds(variables.get("binlog_expire_logs_seconds"));
        if (seconds == 0) {
            double days = parseDouble(variables.get("expire_logs_days"));
            seconds = (long) (days * ONE_DAY_SECONDS);
        }
        if (seconds > 0 && seconds < ONE_DAY_SECONDS) {
            add(HOSTNAME, "The server at " + describe() + " purges binary logs after " + seconds + " seconds; a "
                    + "connector stopped for longer than that cannot resume. Keep binary logs for at least a "
                    + "day (binlog_expire_logs_seconds=86400 or more).", false);
        }
    }

    private void checkPrivileges(Connection connection) throws SQLException {
        Set<String> global = new HashSet<>();
        Set<String> anywhere = new HashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SHOW GRANTS FOR CURRENT_USER()")) {
            while (rs.next()) {
                String grant = rs.getString(1).toUpperCase(Locale.ROOT);
                int on = grant.indexOf(" ON ");
                if (!grant.startsWith("GRANT ") || on < 0) {
                    continue;
                }
                Set<String> privileges = new HashSet<>();
                for (String privilege : grant.substring("GRANT ".length(), on).split(",")) {
                    privileges.add(privilege.trim());
                }
                anywhere.addAll(privileges);
                if (grant.substring(on + 4).startsWith("*.*")) {
                    global.addAll(privileges);
                }
            }
        }
        if (global.contains("ALL PRIVILEGES")) {
            return;
        }
        List<String> missing = new ArrayList<>();
        if (!global.contains("REPLICATION SLAVE")) {
            missing.add("REPLICATION SLAVE");
        }
        if (!global.contains("REPLICATION CLIENT") && !global.contains("BINLOG MONITOR")) {
            missing.add("REPLICATION CLIENT");
        }
        if (!anywhere.contains("SELECT") && !anywhere.contains("ALL PRIVILEGES")) {
            missing.add("SELECT");
        }
        if (config.lockingMode() == MariaDbCdcSourceConfig.LockingMode.MINIMAL && !global.contains("RELOAD")
                && !anywhere.contains("LOCK TABLES") && !anywhere.contains("ALL PRIVILEGES")) {
            add(SNAPSHOT_LOCKING_MODE, "User '" + config.user() + "' has neither RELOAD nor LOCK TABLES, which "
                    + "the snapshot needs to lock tables while it reads their definitions. Run: GRANT RELOAD ON "
                    + "*.* TO '" + config.user() + "'; or set " + SNAPSHOT_LOCKING_MODE + "=none if no DDL runs "
                    + "during snapshots.", false);
        }
        if (!missing.isEmpty()) {
            add(USER, "User '" + config.user() + "' lacks " + String.join(", ", missing) + ", which the connector "
                    + "needs to read the binary log and the tables. Run: GRANT " + String.join(", ", missing)
                    + " ON *.* TO '" + config.user() + "';", false);
        }
    }

    private void checkTables(Connection connection) throws SQLException {
        Map<String, Boolean> tables = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT table_schema, table_name FROM information_schema.tables "
                        + "WHERE table_type = 'BASE TABLE' ORDER BY table_schema, table_name")) {
            while (rs.next()) {
                if (!SYSTEM_DATABASES.contains(rs.getString(1).toLowerCase(Locale.ROOT))) {
                    tables.put(rs.getString(1) + "." + rs.getString(2), false);
                }
            }
        }
        try (Statement statement = connection.createStatement();
                // Not table_constraints: MariaDB shows a user with SELECT only no rows there.
                ResultSet rs = statement.executeQuery("SELECT DISTINCT table_schema, table_name FROM "
                        + "information_schema.statistics WHERE index_name = 'PRIMARY'")) {
            while (rs.next()) {
                tables.replace(rs.getString(1) + "." + rs.getString(2), true);
            }
        }
        List<String> captured = tables.keySet().stream().filter(this::captured).toList();
        for (Pattern pattern : Strings.setOfRegex(config.tableIncludeList(), Pattern.CASE_INSENSITIVE)) {
            if (captured.stream().noneMatch(table -> pattern.matcher(table).matches())) {
                add(TABLE_INCLUDE_LIST, "No table on " + describe() + " matches '" + pattern.pattern() + "' (tables "
                        + "are matched as <database>.<table>, dots escaped as \\.).", false);
            }
        }
        List<Pattern> keyed = new ArrayList<>();
        config.messageKeyColumns().ifPresent(entries -> {
            for (String entry : entries.split(";")) {
                keyed.add(Pattern.compile(entry.trim().substring(0, entry.trim().indexOf(':')),
                        Pattern.CASE_INSENSITIVE));
            }
        });
        List<String> keyless = captured.stream().filter(table -> !tables.get(table))
                .filter(table -> keyed.stream().noneMatch(pattern -> pattern.matcher(table).matches())).toList();
        if (!keyless.isEmpty()) {
            add(MESSAGE_KEY_COLUMNS, "Captured tables without a primary key: "
                    + String.join(", ", keyless.subList(0, Math.min(MAX_TABLES_LISTED, keyless.size())))
                    + (keyless.size() > MAX_TABLES_LISTED ? " and " + (keyless.size() - MAX_TABLES_LISTED)
                    + " more" : "") + ". The connector emits changes keyed by row only: add a primary key, "
                    + "name key columns in " + MESSAGE_KEY_COLUMNS + " ('<database>.<table>:<column>,...'), or "
                    + "leave the tables out of " + TABLE_INCLUDE_LIST + ".", true);
        }
    }

    /** Debezium's filters: database lists on the database name, table lists on database.table. */
    private boolean captured(String table) {
        String database = table.substring(0, table.indexOf('.'));
        return matchesList(config.databaseIncludeList(), database, true)
                && !matchesList(config.databaseExcludeList(), database, false)
                && matchesList(config.tableIncludeList(), table, true)
                && !matchesList(config.tableExcludeList(), table, false);
    }

    private static boolean matchesList(String list, String name, boolean whenEmpty) {
        if (list.isEmpty()) {
            return whenEmpty;
        }
        return Strings.setOfRegex(list, Pattern.CASE_INSENSITIVE).stream()
                .anyMatch(pattern -> pattern.matcher(name).matches());
    }

    private static Map<String, String> variables(Connection connection) throws SQLException {
        Map<String, String> variables = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SHOW GLOBAL VARIABLES WHERE Variable_name IN ('log_bin', "
                        + "'binlog_format', 'binlog_row_image', 'server_id', 'binlog_expire_logs_seconds', "
                        + "'expire_logs_days', 'binlog_legacy_event_pos')")) {
            while (rs.next()) {
                variables.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
            }
        }
        return variables;
    }

    private static long parseSeconds(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double parseDouble(String value) {
        try {
            return value == null ? 0 : Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void add(String option, String message, boolean breaksContract) {
        findings.computeIfAbsent(option, key -> new ArrayList<>()).add(message);
        if (breaksContract) {
            contractBreaking.add(message);
        }
    }
}
