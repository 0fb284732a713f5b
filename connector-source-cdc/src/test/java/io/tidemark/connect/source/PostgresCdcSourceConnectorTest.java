package io.tidemark.connect.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.Test;

class PostgresCdcSourceConnectorTest {

    @Test
    void theWorkerFindsTheConnectorThroughTheServiceLoaderManifest() throws IOException {
        try (InputStream in = getClass().getResourceAsStream(
                "/META-INF/services/" + SourceConnector.class.getName())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines())
                    .contains(PostgresCdcSourceConnector.class.getName());
        }
    }

    @Test
    void connectorAndTaskReportTheBuiltVersion() {
        assertThat(new PostgresCdcSourceConnector().version()).matches("\\d+\\.\\d+\\.\\d+.*")
                .isEqualTo(new PostgresCdcSourceTask().version());
    }

    @Test
    void oneTaskReadsTheSlotWhateverTasksMaxSays() {
        PostgresCdcSourceConnector connector = new PostgresCdcSourceConnector();
        connector.start(config());

        List<Map<String, String>> tasks = connector.taskConfigs(4);

        assertThat(tasks).singleElement().isEqualTo(config());
    }

    @Test
    void aBadConfigurationFailsTheConnectorAtStart() {
        Map<String, String> config = config();
        config.put("slot.name", "Bad-Name");

        assertThatThrownBy(() -> new PostgresCdcSourceConnector().start(config))
                .isInstanceOf(ConfigException.class).hasMessageContaining("slot.name");
    }

    @Test
    void exactlyOnceIsSupportedWithTheWorkersTransactionBoundaries() {
        PostgresCdcSourceConnector connector = new PostgresCdcSourceConnector();

        assertThat(connector.exactlyOnceSupport(config())).isEqualTo(ExactlyOnceSupport.SUPPORTED);
        assertThat(connector.canDefineTransactionBoundaries(config()))
                .isEqualTo(ConnectorTransactionBoundaries.UNSUPPORTED);
    }

    private static Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("name", "shop-cdc");
        config.put("database.hostname", "db.example.com");
        config.put("database.dbname", "shop");
        config.put("database.user", "cdc");
        config.put("topic.prefix", "shop");
        return config;
    }
}
