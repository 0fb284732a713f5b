package io.tidemark.connect.source.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import io.tidemark.connect.source.testing.SourceConfigs;

class DebeziumPropertiesTest {

    @Test
    void ourOptionsBecomeDebeziumsAndTheContractRelevantOnesAreFixed() {
        Map<String, String> props = SourceConfigs.minimal();
        props.put("table.include.list", "public\\.orders");
        props.put("database.password", "pw");
        props.put("database.sslmode", "VERIFY-FULL");
        props.put("database.sslrootcert", "/etc/ca.pem");
        props.put("snapshot.mode", "never");
        props.put("tombstones.on.delete", "true");
        props.put("message.key.columns", "public.events:id");
        props.put("signal.data.collection", "public.signals");

        Map<String, String> debezium = DebeziumProperties.of(new PostgresCdcSourceConfig(props)).asMap();

        assertThat(debezium).containsEntry("connector.class", "io.debezium.connector.postgresql.PostgresConnector")
                .containsEntry("plugin.name", "pgoutput")
                .containsEntry("database.hostname", "db.example.com")
                .containsEntry("database.port", "5432")
                .containsEntry("database.password", "pw")
                .containsEntry("database.sslmode", "verify-full")
                .containsEntry("database.sslrootcert", "/etc/ca.pem")
                .containsEntry("topic.prefix", "shop")
                .containsEntry("table.include.list", "public\\.orders")
                .containsEntry("snapshot.mode", "no_data")
                .containsEntry("slot.name", "tidemark")
                .containsEntry("publication.autocreate.mode", "filtered")
                .containsEntry("heartbeat.interval.ms", "60000")
                .containsEntry("heartbeat.action.query", "SELECT pg_logical_emit_message(false, 'tidemark-heartbeat', '')")
                .containsEntry("message.prefix.exclude.list", "tidemark-heartbeat")
                .containsEntry("message.key.columns", "public.events:id")
                .containsEntry("signal.data.collection", "public.signals")
                .containsEntry("tombstones.on.delete", "false")
                .containsEntry("schema.name.adjustment.mode", "avro")
                .containsEntry("field.name.adjustment.mode", "avro")
                .containsEntry("custom.metric.tags", "connector=shop-cdc")
                .doesNotContainKeys("table.exclude.list", "skipped.operations");
    }

    @Test
    void aHeartbeatQueryOfTheUsersOwnReplacesTheWalMessage() {
        Map<String, String> props = new HashMap<>(SourceConfigs.minimal());
        props.put("debezium.heartbeat.action.query", "UPDATE public.heartbeat SET at = now()");
        props.put("debezium.message.prefix.exclude.list", "audit");

        Map<String, String> debezium = DebeziumProperties.of(new PostgresCdcSourceConfig(props)).asMap();

        assertThat(debezium).containsEntry("heartbeat.action.query", "UPDATE public.heartbeat SET at = now()")
                .containsEntry("message.prefix.exclude.list", "audit");
    }

    @Test
    void noWalMessageWhenHeartbeatsOrTheMessageAreTurnedOff() {
        Map<String, String> noHeartbeats = new HashMap<>(SourceConfigs.minimal());
        noHeartbeats.put("heartbeat.interval.ms", "0");
        Map<String, String> noMessage = new HashMap<>(SourceConfigs.minimal());
        noMessage.put("heartbeat.wal.message", "false");

        assertThat(DebeziumProperties.of(new PostgresCdcSourceConfig(noHeartbeats)).asMap())
                .doesNotContainKeys("heartbeat.action.query", "message.prefix.exclude.list");
        assertThat(DebeziumProperties.of(new PostgresCdcSourceConfig(noMessage)).asMap())
                .doesNotContainKeys("heartbeat.action.query", "message.prefix.exclude.list");
    }

    @Test
    void theUnchangedPlaceholderIsOursAndDiffersPerStart() {
        PostgresCdcSourceConfig config = new PostgresCdcSourceConfig(SourceConfigs.minimal());
        DebeziumProperties first = DebeziumProperties.of(config);
        DebeziumProperties second = DebeziumProperties.of(config);

        assertThat(first.unavailableValuePlaceholder()).startsWith("__tidemark_unchanged_toast_")
                .isEqualTo(first.asMap().get("unavailable.value.placeholder"))
                .isNotEqualTo(second.unavailableValuePlaceholder());
    }

    @Test
    void passThroughOptionsReachDebeziumAndMetricTagsAreMerged() {
        Map<String, String> props = SourceConfigs.minimal();
        props.put("table.include.list", "public\\.orders");
        props.put("debezium.decimal.handling.mode", "string");
        props.put("debezium.custom.metric.tags", "env=prod");

        Map<String, String> debezium = DebeziumProperties.of(new PostgresCdcSourceConfig(props)).asMap();

        assertThat(debezium).containsEntry("decimal.handling.mode", "string")
                .containsEntry("custom.metric.tags", "connector=shop-cdc,env=prod");
    }

    @Test
    void exactValueHandlingIsOnAndLeavesNumericsToDebeziumWhenTheUserChoseADecimalHandlingMode() {
        Map<String, String> props = SourceConfigs.minimal();
        props.put("table.include.list", "public\\.orders");
        props.put("debezium.converters", "mine");
        Map<String, String> defaults = DebeziumProperties.of(new PostgresCdcSourceConfig(props)).asMap();
        assertThat(defaults).containsEntry("converters", "mine,tidemark_exact")
                .containsEntry("tidemark_exact.type", "io.tidemark.connect.source.values.ExactColumnValues")
                .containsEntry("tidemark_exact.numeric", "true")
                .containsEntry("interval.handling.mode", "string")
                .containsEntry("include.unknown.datatypes", "true");

        props.put("debezium.decimal.handling.mode", "string");
        props.put("debezium.interval.handling.mode", "numeric");
        Map<String, String> chosen = DebeziumProperties.of(new PostgresCdcSourceConfig(props)).asMap();
        assertThat(chosen).containsEntry("tidemark_exact.numeric", "false").containsEntry("interval.handling.mode", "numeric");
    }

    @Test
    void passingThroughWhatTidemarkOwnsIsRefusedWithWhatToDoInstead() {
        Map<String, String> props = SourceConfigs.minimal();
        props.put("table.include.list", "public\\.orders");
        props.put("debezium.slot.name", "x");
        props.put("debezium.unavailable.value.placeholder", "y");

        assertThat(PostgresCdcSourceConfig.crossOptionProblems(props))
                .containsEntry("debezium.slot.name",
                        "Debezium's 'slot.name' cannot be passed through: set the connector option 'slot.name' instead.")
                .containsKey("debezium.unavailable.value.placeholder");
        assertThatThrownBy(() -> new PostgresCdcSourceConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("debezium.slot.name");
    }
}
