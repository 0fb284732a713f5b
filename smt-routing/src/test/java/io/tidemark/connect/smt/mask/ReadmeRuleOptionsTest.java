package io.tidemark.connect.smt.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/**
 * The README's table of rule options is generated from {@link MaskRuleConfig#CONFIG_DEF}. The README generator of
 * system-tests covers plugin classes only, and rule options belong to no plugin's ConfigDef (their names contain the
 * user's rule names), so this test keeps that one table in step, in the same layout. Rewrite it with
 * {@code mvn -pl smt-routing test -Dtest=ReadmeRuleOptionsTest -Dreadme.update=true}.
 */
class ReadmeRuleOptionsTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Pattern SECTION = Pattern.compile(
            "(<!-- rule-options:io\\.tidemark\\.connect\\.smt\\.mask\\.MaskRuleConfig -->\\n)(.*?)(<!-- /rule-options -->)",
            Pattern.DOTALL);

    @Test
    void theReadmeListsEveryRuleOptionAsTheConfigDefDefinesIt() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher section = SECTION.matcher(readme);
        assertThat(section.find()).as("README.md has the rule-options marker pair").isTrue();
        String expected = table(MaskRuleConfig.CONFIG_DEF);
        if (Boolean.getBoolean("readme.update") && !expected.equals(section.group(2))) {
            String updated = readme.substring(0, section.start()) + section.group(1) + expected + section.group(3)
                    + readme.substring(section.end());
            Files.writeString(README, updated, StandardCharsets.UTF_8);
            return;
        }
        assertThat(section.group(2)).as("README.md rule options; rewrite with -Dreadme.update=true")
                .isEqualTo(expected);
    }

    private static String table(ConfigDef definition) {
        List<ConfigDef.ConfigKey> keys = new ArrayList<>(definition.configKeys().values());
        keys.sort((a, b) -> Integer.compare(a.orderInGroup, b.orderInGroup));
        StringBuilder markdown = new StringBuilder()
                .append("| Option | Type | Default | Valid values | Importance | Description |\n")
                .append("|---|---|---|---|---|---|\n");
        for (ConfigDef.ConfigKey key : keys) {
            markdown.append("| `rules.<name>.").append(key.name).append("` | ")
                    .append(key.type.toString().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(defaultValue(key)).append(" | ")
                    .append(key.validator == null ? "" : cell(key.validator.toString())).append(" | ")
                    .append(key.importance.toString().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(cell(key.documentation)).append(" |\n");
        }
        return markdown.append('\n').toString();
    }

    private static String defaultValue(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "*required*";
        }
        if (key.defaultValue == null) {
            return "null";
        }
        String text = ConfigDef.convertToString(key.defaultValue, key.type);
        return text.isEmpty() ? "\"\"" : "`" + text + "`";
    }

    private static String cell(String text) {
        return text.replace("\n", " ").replace("|", "\\|").strip();
    }
}
