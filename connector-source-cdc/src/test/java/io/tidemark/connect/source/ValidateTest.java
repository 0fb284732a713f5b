package io.tidemark.connect.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.tidemark.connect.source.testing.PostgresServer;
import io.tidemark.connect.source.testing.ValidationErrors;

/**
 * What a user sees from PUT /connector-plugins/.../config/validate before creating the connector:
 * each problem on the option it concerns, with what to do about it, never the password.
 */
class ValidateTest {

    private static final String PASSWORD = "Sup3r-Secret-Pw";

    @RegisterExtension
    static final PostgresServer server = PostgresServer.logical();

    @BeforeAll
    static void createTables() {
        server.execute("CREATE TABLE public.orders (id INT PRIMARY KEY, total NUMERIC)",
                "CREATE TABLE public.events (at TIMESTAMPTZ, what TEXT)",
                "CREATE ROLE plain LOGIN",
                "GRANT SELECT ON public.orders TO plain",
                "CREATE ROLE replicator LOGIN REPLICATION",
                "GRANT SELECT ON public.orders TO replicator");
    }

    @Test
    void aReadyServerAndConfigurationGiveNoErrors() {
        assertThat(validate(config())).isEmpty();
    }

    @Test
    void anUnreachableServerIsReportedOnTheHostName() throws IOException {
        Map<String, String> config = config();
        config.put("database.port", Integer.toString(unusedPort()));

        Map<String, List<String>> errors = validate(config);

        assertThat(errors).containsOnlyKeys("database.hostname");
        assertThat(errors.get("database.hostname").get(0)).startsWith("Cannot connect to PostgreSQL at localhost:")
                .contains("Check database.hostname and database.port");
    }

    @Test
    void aMissingDatabaseIsReportedOnTheDatabaseName() {
        Map<String, String> config = config();
        config.put("database.dbname", "warehouse");

        assertThat(validate(config)).containsOnlyKeys("database.dbname")
                .extractingByKey("database.dbname").asList().containsExactly(
                        "Database 'warehouse' does not exist on localhost:" + server.port() + ".");
    }

    @Test
    void aListedTableThatDoesNotExistIsNamed() {
        Map<String, String> config = config();
        config.put("table.include.list", "public\\.orders,public\\.ordrs");

        Map<String, List<String>> errors = validate(config);

        assertThat(errors).containsOnlyKeys("table.include.list");
        assertThat(errors.get("table.include.list").get(0))
                .contains("No table of database 'postgres' matches 'public\\.ordrs'")
                .contains("Tables in the database: public.events, public.orders");
    }

    @Test
    void aUserWithoutReplicationIsToldHowToGrantIt() {
        Map<String, String> config = config();
        config.put("database.user", "plain");

        Map<String, List<String>> errors = validate(config);

        assertThat(errors.get("database.user"))
                .containsExactly("User 'plain' may not use logical replication: run ALTER ROLE plain REPLICATION "
                        + "(on Amazon RDS: GRANT rds_replication TO plain).");
    }

    @Test
    void aUserWhoCannotCreateThePublicationIsToldBothWays() {
        Map<String, String> config = config();
        config.put("database.user", "replicator");

        Map<String, List<String>> errors = validate(config);

        assertThat(errors).containsOnlyKeys("publication.name");
        assertThat(errors.get("publication.name").get(0))
                .contains("User 'replicator' cannot create publication 'tidemark'")
                .contains("GRANT CREATE ON DATABASE postgres TO replicator")
                .contains("does not own public.orders")
                .contains("CREATE PUBLICATION tidemark FOR TABLE public.orders")
                .contains("publication.autocreate.mode to disabled");
    }

    @Test
    void anExistingPublicationIsEnoughWhenTheConnectorDoesNotManageIt() {
        Map<String, String> config = config();
        config.put("database.user", "replicator");
        config.put("publication.autocreate.mode", "disabled");
        config.put("publication.name", "dba_made");
        assertThat(validate(config).get("publication.name")).singleElement().asString()
                .contains("Publication 'dba_made' does not exist").contains("CREATE PUBLICATION dba_made");

        server.execute("CREATE PUBLICATION dba_made FOR TABLE public.orders");
        assertThat(validate(config)).isEmpty();
    }

    @Test
    void aPublicationOfAllTablesCannotBeNarrowedToTheCapturedOnes() {
        server.execute("CREATE PUBLICATION everything FOR ALL TABLES");
        Map<String, String> config = config();
        config.put("publication.name", "everything");

        assertThat(validate(config).get("publication.name")).singleElement().asString()
                .contains("Publication 'everything' publishes all tables")
                .contains("publication.autocreate.mode to disabled");
        config.put("publication.autocreate.mode", "disabled");
        assertThat(validate(config)).isEmpty();
    }

    @Test
    void aKeylessTableIsRefusedOnTheKeyColumnsOption() {
        Map<String, String> config = config();
        config.put("table.include.list", "public\\.orders,public\\.events");

        Map<String, List<String>> errors = validate(config);

        assertThat(errors).containsOnlyKeys("message.key.columns");
        assertThat(errors.get("message.key.columns").get(0))
                .startsWith("Table public.events has no primary key and no entry in message.key.columns");
    }

    @Test
    void aMissingSignalTableIsReported() {
        Map<String, String> config = config();
        config.put("signal.data.collection", "public.signals");

        assertThat(validate(config).get("signal.data.collection")).singleElement().asString()
                .startsWith("The signal table public.signals does not exist")
                .contains("CREATE TABLE public.signals (id VARCHAR(42) PRIMARY KEY");
    }

    @Test
    void passThroughOptionsAreCheckedBeforeTheServerIs() {
        Map<String, String> config = config();
        config.put("debezium.slot.name", "other");
        config.put("debezium.skipped.operations", "d");
        assertThat(validate(config)).containsOnlyKeys("debezium.slot.name", "debezium.skipped.operations");
        assertThat(validate(config).get("debezium.slot.name")).containsExactly(
                "Debezium's 'slot.name' cannot be passed through: set the connector option 'slot.name' instead.");

        Map<String, String> badValue = config();
        badValue.put("debezium.decimal.handling.mode", "bogus");
        assertThat(validate(badValue)).containsOnlyKeys("debezium.decimal.handling.mode");
    }

    @Test
    void singleOptionErrorsComeFromTheConfigDef() {
        Map<String, String> config = config();
        config.remove("topic.prefix");
        config.put("slot.name", "Has-Capitals");
        config.put("table.include.list", "public.(orders");

        assertThat(validate(config)).containsOnlyKeys("topic.prefix", "slot.name", "table.include.list");
    }

    /** Connect's own validation cannot see MaskFields' rules or the router's cross-option rules; ours does. */
    @Test
    void transformationsThatWouldFailTheTaskAreReportedUnderTheirFullOptionNames() {
        Map<String, String> config = config();
        config.put("transforms", "mask,route");
        config.put("transforms.mask.type", "io.tidemark.connect.smt.mask.MaskFields$Value");
        config.put("transforms.mask.rules", "r1");
        config.put("transforms.mask.rules.r1.fields", "note");
        config.put("transforms.mask.rules.r1.strategy", "regex");
        config.put("transforms.mask.rules.r1.pattern", "[0-9");
        config.put("transforms.route.type", "io.tidemark.connect.smt.route.TopicRouter");
        config.put("transforms.route.topic.template", "x.${topic:1}");
        Map<String, List<String>> errors = validate(config);
        assertThat(errors).containsOnlyKeys("transforms.mask.rules.r1.pattern", "transforms.route.topic.template");
        assertThat(errors.get("transforms.mask.rules.r1.pattern")).singleElement().asString()
                .contains("not a valid regular expression");
        assertThat(errors.get("transforms.route.topic.template")).singleElement().asString()
                .contains("transforms.route.topic.regex is not set");
    }

    /**
     * The audit of the options: each wrong value that would fail the connector or its task at start is
     * refused by validate() on the option to change, before anything starts.
     */
    @TestFactory
    Stream<DynamicTest> everyOptionWithAWrongValueIsRefusedByValidateOnThatOption() {
        String[][] wrong = {
            {"database.hostname", ""},
            {"database.port", "0"},
            {"database.port", "five"},
            {"database.dbname", ""},
            {"database.user", ""},
            {"database.sslmode", "strict"},
            {"topic.prefix", "shop orders"},
            {"table.include.list", "public\\.(orders"},
            {"table.exclude.list", "public\\.[events"},
            {"snapshot.mode", "sometimes"},
            {"slot.name", "Tidemark-Slot"},
            {"publication.name", ""},
            {"publication.autocreate.mode", "always"},
            {"heartbeat.interval.ms", "-1"},
            {"heartbeat.wal.message", "maybe"},
            {"tombstones.on.delete", "maybe"},
            {"debezium.decimal.handling.mode", "bogus"},
        };
        return Stream.of(wrong).map(row -> DynamicTest.dynamicTest(row[0] + "=" + row[1], () -> {
            Map<String, String> config = config();
            config.put(row[0], row[1]);
            assertThat(validate(config)).as("validate() errors").containsKey(row[0]);
            if (!row[0].startsWith("debezium.")) {
                // Our own options fail the connector's start too; a pass-through value fails Debezium's
                // task at start, which validate() runs Debezium's checks for.
                assertThatThrownBy(() -> new PostgresCdcSourceConnector().start(config)).as("the connector's start")
                        .isInstanceOf(ConfigException.class);
            }
        }));
    }

    @Test
    void bothTableListsAtOnceAreRefused() {
        Map<String, String> config = config();
        config.put("table.exclude.list", "public\\.events");

        assertThat(validate(config)).containsOnlyKeys("table.exclude.list");
    }

    private static Map<String, List<String>> validate(Map<String, String> config) {
        Map<String, List<String>> errors = ValidationErrors.of(new PostgresCdcSourceConnector().validate(config));
        assertThat(errors.values()).allSatisfy(messages -> assertThat(messages)
                .noneMatch(message -> message.contains(PASSWORD)));
        return errors;
    }

    private static Map<String, String> config() {
        Map<String, String> config = new HashMap<>(server.connectionConfig());
        config.put("connector.class", PostgresCdcSourceConnector.class.getName());
        config.put("name", "validated");
        config.put("database.password", PASSWORD);
        config.put("topic.prefix", "validated");
        config.put("table.include.list", "public\\.orders");
        return config;
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
