package io.tidemark.connect.source.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.tidemark.connect.source.testing.MariaDbServer;
import io.tidemark.connect.source.testing.ValidationErrors;

/** validate() against a real MariaDB: each problem a user can have, and the message that tells the fix. */
class MariaDbValidateTest {

    @RegisterExtension
    static final MariaDbServer server = MariaDbServer.forCdc();

    @BeforeAll
    static void tables() {
        server.execute("CREATE DATABASE app", "CREATE TABLE app.orders (id INT PRIMARY KEY, total INT)",
                "CREATE TABLE app.events (at BIGINT, body VARCHAR(20))",
                "CREATE USER weak@'%' IDENTIFIED BY '" + MariaDbServer.PASSWORD_OF_EVERY_USER + "'",
                "GRANT SELECT ON app.* TO weak@'%'");
    }

    @AfterEach
    void restoreServer() {
        server.execute("SET GLOBAL binlog_format = ROW", "SET GLOBAL binlog_row_image = FULL",
                "SET GLOBAL binlog_expire_logs_seconds = 0");
    }

    private static Map<String, String> config(String tables) {
        Map<String, String> config = new HashMap<>(server.capturing("check", tables, "/tmp/unused-history.dat", 6001));
        return config;
    }

    private static Map<String, List<String>> errors(Map<String, String> config) {
        return ValidationErrors.of(new MariaDbCdcSourceConnector().validate(config));
    }

    @Test
    void aReadyServerAndAKeyedTableValidate() {
        assertThat(errors(config("app\\.orders"))).isEmpty();
    }

    @Test
    void aWrongPasswordIsReportedOnThePasswordWithoutQuotingIt() {
        Map<String, String> config = config("app\\.orders");
        config.put("database.password", "not-the-password");

        Map<String, List<String>> errors = errors(config);
        assertThat(errors).containsOnlyKeys("database.password");
        assertThat(errors.get("database.password").get(0)).contains("refused user 'cdc'")
                .doesNotContain("not-the-password");
    }

    @Test
    void anUnreachableServerIsReportedOnTheHost() {
        Map<String, String> config = config("app\\.orders");
        config.put("database.port", "1");

        assertThat(errors(config)).containsOnlyKeys("database.hostname");
    }

    @Test
    void aStatementOrMinimalBinlogIsRefusedWithTheSettingToChange() {
        server.execute("SET GLOBAL binlog_format = STATEMENT", "SET GLOBAL binlog_row_image = MINIMAL");

        List<String> messages = errors(config("app\\.orders")).get("database.hostname");
        assertThat(messages).anySatisfy(message -> assertThat(message).contains("binlog_format=STATEMENT")
                .contains("Set binlog_format=ROW"));
        assertThat(messages).anySatisfy(message -> assertThat(message).contains("binlog_row_image=MINIMAL")
                .contains("Set binlog_row_image=FULL"));
    }

    @Test
    void binlogsPurgedWithinADayAreReported() {
        server.execute("SET GLOBAL binlog_expire_logs_seconds = 600");

        assertThat(errors(config("app\\.orders")).get("database.hostname"))
                .singleElement().asString().contains("after 600 seconds").contains("binlog_expire_logs_seconds=86400");
    }

    @Test
    void theServersOwnIdIsRefusedAsTheConnectorsServerId() {
        Map<String, String> config = config("app\\.orders");
        config.put("database.server.id", "1");

        assertThat(errors(config).get("database.server.id")).singleElement().asString().contains("server_id 1 itself");
    }

    @Test
    void missingPrivilegesAreListedWithTheGrantToRun() {
        Map<String, String> config = config("app\\.orders");
        config.put("database.user", "weak");

        Map<String, List<String>> errors = errors(config);
        assertThat(errors.get("database.user")).singleElement().asString()
                .contains("lacks REPLICATION SLAVE, REPLICATION CLIENT")
                .contains("GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'weak'");
        assertThat(errors.get("snapshot.locking.mode")).singleElement().asString().contains("GRANT RELOAD");
    }

    @Test
    void aKeylessTableIsRefusedUnlessKeyColumnsCoverIt() {
        Map<String, String> config = config("app\\..*");
        assertThat(errors(config).get("message.key.columns")).singleElement().asString()
                .contains("app.events").doesNotContain("app.orders");

        config.put("message.key.columns", "app\\.events:at");
        assertThat(errors(config)).isEmpty();
    }

    @Test
    void anIncludedTableThatDoesNotExistIsReported() {
        assertThat(errors(config("app\\.orders,app\\.ordres")).get("table.include.list")).singleElement().asString()
                .contains("No table").contains("app\\.ordres");
    }

    @Test
    void aRefusedPassThroughOptionIsReportedBeforeTheServerIsAsked() {
        Map<String, String> config = config("app\\.orders");
        config.put("debezium.tombstones.on.delete", "true");
        config.put("database.port", "1");

        assertThat(errors(config)).containsOnlyKeys("debezium.tombstones.on.delete");
    }
}
