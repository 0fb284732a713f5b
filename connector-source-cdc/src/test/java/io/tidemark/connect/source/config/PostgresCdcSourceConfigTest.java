package io.tidemark.connect.source.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import io.tidemark.connect.source.testing.SourceConfigs;

class PostgresCdcSourceConfigTest {

    @Test
    void everyOptionIsDocumentedForTheGeneratedReadmeTable() {
        for (ConfigDef.ConfigKey key : PostgresCdcSourceConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.group).as(key.name).isNotBlank();
            assertThat(key.displayName).as(key.name).isNotBlank();
            assertThat(key.orderInGroup).as(key.name).isPositive();
        }
    }

    @Test
    void defaultsGiveAWorkingConnector() {
        PostgresCdcSourceConfig config = new PostgresCdcSourceConfig(SourceConfigs.minimal());

        assertThat(config.port()).isEqualTo(5432);
        assertThat(config.password()).isEmpty();
        assertThat(config.sslMode()).isEqualTo("prefer");
        assertThat(config.snapshotMode()).isEqualTo(SnapshotMode.INITIAL);
        assertThat(config.slotName()).isEqualTo("tidemark");
        assertThat(config.publicationMode()).isEqualTo(PublicationMode.FILTERED);
        assertThat(config.heartbeatIntervalMs()).isEqualTo(60_000L);
        assertThat(config.tombstonesOnDelete()).isTrue();
        assertThat(config.connectorName()).isEqualTo("shop-cdc");
    }

    @Test
    void invalidValuesAreRefusedNamingTheOption() {
        assertRefused("topic.prefix", "shop/prod");
        assertRefused("slot.name", "Tidemark-Slot");
        assertRefused("table.include.list", "public.(orders");
        assertRefused("message.key.columns", "public.events");
        assertRefused("signal.data.collection", "signals");
        assertRefused("snapshot.mode", "always");
        assertRefused("publication.autocreate.mode", "all_tables");
        assertRefused("database.port", "70000");
        assertRefused("heartbeat.interval.ms", "-1");
    }

    @Test
    void choicesAreCaseInsensitive() {
        Map<String, String> props = SourceConfigs.minimal();
        props.put("snapshot.mode", "WHEN_NEEDED");
        props.put("publication.autocreate.mode", "Disabled");

        PostgresCdcSourceConfig config = new PostgresCdcSourceConfig(props);

        assertThat(config.snapshotMode()).isEqualTo(SnapshotMode.WHEN_NEEDED);
        assertThat(config.publicationMode()).isEqualTo(PublicationMode.DISABLED);
    }

    private static void assertRefused(String option, String value) {
        Map<String, String> props = SourceConfigs.minimal();
        props.put(option, value);
        assertThatThrownBy(() -> new PostgresCdcSourceConfig(props)).as(option).isInstanceOf(ConfigException.class)
                .hasMessageContaining(option);
    }
}
