package io.tidemark.connect.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.Test;

import io.tidemark.connect.source.testing.SourceConfigs;

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
        connector.start(SourceConfigs.minimal());

        List<Map<String, String>> tasks = connector.taskConfigs(4);

        assertThat(tasks).singleElement().isEqualTo(SourceConfigs.minimal());
    }

    @Test
    void aBadConfigurationFailsTheConnectorAtStart() {
        Map<String, String> config = SourceConfigs.minimal();
        config.put("slot.name", "Bad-Name");

        assertThatThrownBy(() -> new PostgresCdcSourceConnector().start(config))
                .isInstanceOf(ConfigException.class).hasMessageContaining("slot.name");
    }

    @Test
    void exactlyOnceIsSupportedWithTheWorkersTransactionBoundaries() {
        PostgresCdcSourceConnector connector = new PostgresCdcSourceConnector();

        assertThat(connector.exactlyOnceSupport(SourceConfigs.minimal())).isEqualTo(ExactlyOnceSupport.SUPPORTED);
        assertThat(connector.canDefineTransactionBoundaries(SourceConfigs.minimal()))
                .isEqualTo(ConnectorTransactionBoundaries.UNSUPPORTED);
    }
}
