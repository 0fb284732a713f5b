package io.tidemark.connect.source.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class MariaDbCdcSourceConfigTest {

    static Map<String, String> minimal() {
        Map<String, String> config = new HashMap<>();
        config.put("name", "shop-cdc");
        config.put("database.hostname", "db.example.com");
        config.put("database.user", "cdc");
        config.put("database.password", "s3cret");
        config.put("database.server.id", "184001");
        config.put("topic.prefix", "shop");
        config.put("schema.history.kafka.bootstrap.servers", "kafka:9092");
        return config;
    }

    @Test
    void theRequiredOptionsAreEnoughAndTheRestHasDefaults() {
        MariaDbCdcSourceConfig config = new MariaDbCdcSourceConfig(minimal());

        assertThat(config.port()).isEqualTo(3306);
        assertThat(config.serverId()).isEqualTo(184001L);
        assertThat(config.snapshotMode()).isEqualTo(MariaDbCdcSourceConfig.SnapshotMode.INITIAL);
        assertThat(config.lockingMode()).isEqualTo(MariaDbCdcSourceConfig.LockingMode.MINIMAL);
        assertThat(config.schemaHistoryTopic()).isEqualTo("__tidemark-schema-history.shop");
        assertThat(config.tombstonesOnDelete()).isTrue();
    }

    @Test
    void aServerIdIsRequiredAndMustFitThirtyTwoBits() {
        Map<String, String> missing = minimal();
        missing.remove("database.server.id");
        assertThatThrownBy(() -> new MariaDbCdcSourceConfig(missing)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("database.server.id");

        Map<String, String> tooLarge = minimal();
        tooLarge.put("database.server.id", "4294967296");
        assertThatThrownBy(() -> new MariaDbCdcSourceConfig(tooLarge)).hasMessageContaining("database.server.id");
    }

    @Test
    void theSchemaHistoryNeedsBrokersUnlessAnotherStoreIsNamed() {
        Map<String, String> config = minimal();
        config.remove("schema.history.kafka.bootstrap.servers");
        assertThat(MariaDbCdcSourceConfig.crossOptionProblems(config))
                .containsKey("schema.history.kafka.bootstrap.servers");

        config.put("debezium.schema.history.internal", "io.debezium.storage.file.history.FileSchemaHistory");
        assertThat(MariaDbCdcSourceConfig.crossOptionProblems(config)).isEmpty();
    }

    @Test
    void optionsTidemarkSetsItselfAreRefusedInThePassThroughWithWhatToSetInstead() {
        Map<String, String> config = minimal();
        config.put("debezium.database.server.id", "7");
        config.put("debezium.schema.history.internal.kafka.topic", "mine");
        config.put("debezium.database.jdbc.driver", "org.mariadb.jdbc.Driver");
        config.put("debezium.max.batch.size", "4096");

        assertThat(MariaDbCdcSourceConfig.crossOptionProblems(config))
                .containsOnlyKeys("debezium.database.server.id", "debezium.schema.history.internal.kafka.topic",
                        "debezium.database.jdbc.driver")
                .hasEntrySatisfying("debezium.database.server.id",
                        message -> assertThat(message).contains("database.server.id' instead"))
                .hasEntrySatisfying("debezium.schema.history.internal.kafka.topic",
                        message -> assertThat(message).contains("schema.history.kafka.topic' instead"));
    }

    @Test
    void includeAndExcludeListsOfOneKindAreExclusive() {
        Map<String, String> config = minimal();
        config.put("database.include.list", "shop");
        config.put("database.exclude.list", "tmp");
        config.put("table.include.list", "shop\\.orders");
        config.put("table.exclude.list", "shop\\.audit");

        assertThat(MariaDbCdcSourceConfig.crossOptionProblems(config))
                .containsOnlyKeys("database.exclude.list", "table.exclude.list");
    }

    @Test
    void debeziumGetsOurDriverOurTombstonesAndTheHistoryTopic() {
        Map<String, String> config = minimal();
        config.put("debezium.max.batch.size", "4096");
        Map<String, String> debezium = MariaDbDebeziumProperties.of(new MariaDbCdcSourceConfig(config));

        assertThat(debezium).containsEntry("connector.class", "io.debezium.connector.mysql.MySqlConnector")
                .containsEntry("database.jdbc.driver", MariaDbJdbcDriver.class.getName())
                .containsEntry("database.server.id", "184001")
                .containsEntry("tombstones.on.delete", "false")
                .containsEntry("include.schema.changes", "false")
                .containsEntry("schema.history.internal.kafka.bootstrap.servers", "kafka:9092")
                .containsEntry("schema.history.internal.kafka.topic", "__tidemark-schema-history.shop")
                .containsEntry("bigint.unsigned.handling.mode", "precise")
                .containsEntry("max.batch.size", "4096");
    }
}
