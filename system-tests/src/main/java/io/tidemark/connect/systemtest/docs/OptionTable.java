package io.tidemark.connect.systemtest.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Renders a plugin's {@link ConfigDef} as Markdown option tables, one per ConfigDef group in the
 * order the groups were defined, options in their order within the group: the README's option
 * reference is generated from the code, never written by hand.
 */
public final class OptionTable {

    private static final String UNGROUPED = "Options";

    private OptionTable() {
    }

    public static String markdown(ConfigDef definition) {
        Map<String, List<ConfigDef.ConfigKey>> groups = new LinkedHashMap<>();
        for (String group : definition.groups()) {
            groups.put(group, new ArrayList<>());
        }
        for (ConfigDef.ConfigKey key : definition.configKeys().values()) {
            if (!key.internalConfig) {
                groups.computeIfAbsent(key.group == null ? UNGROUPED : key.group, group -> new ArrayList<>()).add(key);
            }
        }
        StringBuilder markdown = new StringBuilder();
        for (Map.Entry<String, List<ConfigDef.ConfigKey>> group : groups.entrySet()) {
            if (group.getValue().isEmpty()) {
                continue;
            }
            group.getValue().sort((a, b) -> Integer.compare(a.orderInGroup, b.orderInGroup));
            markdown.append("**").append(cell(group.getKey())).append("**\n\n")
                .append("| Option | Type | Default | Valid values | Importance | Description |\n")
                .append("|---|---|---|---|---|---|\n");
            for (ConfigDef.ConfigKey key : group.getValue()) {
                markdown.append("| `").append(key.name).append("` | ")
                    .append(key.type.toString().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(defaultValue(key)).append(" | ")
                    .append(key.validator == null ? "" : cell(key.validator.toString())).append(" | ")
                    .append(key.importance.toString().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(cell(key.documentation == null ? "" : key.documentation)).append(" |\n");
            }
            markdown.append('\n');
        }
        return markdown.toString();
    }

    private static String defaultValue(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "*required*";
        }
        if (key.defaultValue == null) {
            return "null";
        }
        if (key.type == ConfigDef.Type.PASSWORD) {
            return "*hidden*";
        }
        String text = ConfigDef.convertToString(key.defaultValue, key.type);
        return text.isEmpty() ? "\"\"" : "`" + text.replace("`", "'") + "`";
    }

    /** Table cells are one line; a literal | would end the cell. */
    private static String cell(String text) {
        return text.replace("\r", "").replace("\n", " ").replace("|", "\\|").strip();
    }
}
