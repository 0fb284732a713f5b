package io.tidemark.connect.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The topics a source example writes, worked out from its config as the connector and its TopicRouter
 * would name them: {@code <topic.prefix>.<schema>.<table>} for every table of {@code table.include.list},
 * renamed by the router's {@code topic.template} when the example routes.
 */
final class ExampleTopics {

    private static final String TOPIC_ROUTER = "io.tidemark.connect.smt.route.TopicRouter";

    private ExampleTopics() {
    }

    static List<String> of(JsonNode config) {
        String template = routingTemplate(config);
        List<String> topics = new ArrayList<>();
        for (String entry : config.path("table.include.list").asText().split(",")) {
            // The examples list tables as escaped literals: public\.customers
            String table = entry.trim().replace("\\.", ".");
            if (!table.matches("[a-z_]+[.][a-z_]+")) {
                throw new IllegalStateException("table.include.list entry " + entry + " is not a plain schema.table");
            }
            String schemaName = table.substring(0, table.indexOf('.'));
            String tableName = table.substring(table.indexOf('.') + 1);
            topics.add(template == null ? config.path("topic.prefix").asText() + "." + table
                : render(template, schemaName, tableName));
        }
        return topics;
    }

    private static String routingTemplate(JsonNode config) {
        for (String alias : Arrays.stream(config.path("transforms").asText().split(",")).map(String::trim).toList()) {
            if (TOPIC_ROUTER.equals(config.path("transforms." + alias + ".type").asText())) {
                return config.path("transforms." + alias + ".topic.template").asText();
            }
        }
        return null;
    }

    private static String render(String template, String schema, String table) {
        String topic = template.replace("${source.schema}", schema)
            .replace("${source.table|lower}", table.toLowerCase(Locale.ROOT))
            .replace("${source.table}", table);
        if (topic.contains("${")) {
            throw new IllegalStateException("topic.template " + template + " uses placeholders this test cannot render");
        }
        return topic;
    }
}
