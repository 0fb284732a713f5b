package io.tidemark.connect.systemtest.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.junit.jupiter.api.Test;

class OptionTableTest {

    @Test
    void rendersOneTablePerGroupInDefinitionOrderWithOptionsInTheirOrder() {
        ConfigDef definition = new ConfigDef()
            .define("connection.url", Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                "JDBC URL of the warehouse.", "Connection", 1, Width.LONG, "URL")
            .define("connection.password", Type.PASSWORD, "secret", Importance.HIGH,
                "Password | use a config provider.", "Connection", 2, Width.MEDIUM, "Password")
            .define("batch.size", Type.INT, 500, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                "Records per MERGE.\nLarger batches mean fewer round trips.", "Buffering", 1, Width.SHORT, "Batch size")
            .define("mode", Type.STRING, "upsert", ConfigDef.ValidString.in("upsert", "append"), Importance.LOW,
                "Write mode.", "Buffering", 0, Width.SHORT, "Mode")
            .define("comment", Type.STRING, "", Importance.LOW, "Free text.");

        assertThat(OptionTable.markdown(definition)).isEqualTo(
            "**Connection**\n\n"
                + "| Option | Type | Default | Valid values | Importance | Description |\n"
                + "|---|---|---|---|---|---|\n"
                + "| `connection.url` | string | *required* |  | high | JDBC URL of the warehouse. |\n"
                + "| `connection.password` | password | *hidden* |  | high | Password \\| use a config provider. |\n"
                + "\n"
                + "**Buffering**\n\n"
                + "| Option | Type | Default | Valid values | Importance | Description |\n"
                + "|---|---|---|---|---|---|\n"
                + "| `mode` | string | `upsert` | [upsert, append] | low | Write mode. |\n"
                + "| `batch.size` | int | `500` | [1,...] | medium | Records per MERGE. Larger batches mean fewer round trips. |\n"
                + "\n"
                + "**Options**\n\n"
                + "| Option | Type | Default | Valid values | Importance | Description |\n"
                + "|---|---|---|---|---|---|\n"
                + "| `comment` | string | \"\" |  | low | Free text. |\n"
                + "\n");
    }

    @Test
    void replacesOnlyTheNamedSectionsBetweenTheirMarkers() {
        String readme = "# Title\n"
            + "<!-- generated:options:a.Sink -->\nold sink\n<!-- /generated -->\n"
            + "prose\n"
            + "<!-- generated:options:a.Source -->\nold source\n<!-- /generated -->\n";

        assertThat(ReadmeSections.read(readme)).containsExactly(
            Map.entry("a.Sink", "old sink\n"), Map.entry("a.Source", "old source\n"));
        assertThat(ReadmeSections.replace(readme, Map.of("a.Sink", "new $1 sink\n"))).isEqualTo("# Title\n"
            + "<!-- generated:options:a.Sink -->\nnew $1 sink\n<!-- /generated -->\n"
            + "prose\n"
            + "<!-- generated:options:a.Source -->\nold source\n<!-- /generated -->\n");
    }
}
