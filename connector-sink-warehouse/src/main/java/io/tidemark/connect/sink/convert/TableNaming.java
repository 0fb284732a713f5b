package io.tidemark.connect.sink.convert;

import io.tidemark.connect.sink.dialect.Identifiers;
import io.tidemark.connect.sink.table.IdentifierCase;
import io.tidemark.connect.sink.table.TableId;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which table a topic's records go to: {@code table.name.format} with {@code ${topic}} (the record's
 * topic after transforms) and {@code ${topic.last}} (its part after the last dot), in {@code table.schema}.
 */
public final class TableNaming {

    public static final String TOPIC = "${topic}";
    public static final String TOPIC_LAST = "${topic.last}";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private final String format;
    private final String schema;
    private final IdentifierCase identifierCase;
    private final Identifiers identifiers;
    private final Map<String, TableId> byTopic = new HashMap<>();

    public TableNaming(String format, String schema, IdentifierCase identifierCase, Identifiers identifiers) {
        this.format = format;
        this.schema = schema == null ? null : identifierCase.apply(schema);
        this.identifierCase = identifierCase;
        this.identifiers = identifiers;
    }

    /** A message naming the first placeholder we do not know, or null when the format is fine. */
    public static String problemWith(String format) {
        if (format == null || format.isBlank()) {
            return "The table name format is empty.";
        }
        Matcher matcher = PLACEHOLDER.matcher(format);
        while (matcher.find()) {
            String placeholder = matcher.group();
            if (!TOPIC.equals(placeholder) && !TOPIC_LAST.equals(placeholder)) {
                return "Unknown placeholder " + placeholder + "; use " + TOPIC + " or " + TOPIC_LAST + ".";
            }
        }
        return null;
    }

    /**
     * The table for a topic.
     *
     * @throws Identifiers.InvalidIdentifierException when the resulting name cannot be a table name
     */
    public TableId tableFor(String topic) {
        TableId table = byTopic.get(topic);
        if (table == null) {
            String last = topic.substring(topic.lastIndexOf('.') + 1);
            String name = identifierCase.apply(format.replace(TOPIC_LAST, last).replace(TOPIC, topic));
            identifiers.check(name, "table name made from topic '" + topic + "' by table.name.format '" + format + "'");
            table = new TableId(schema, name);
            byTopic.put(topic, table);
        }
        return table;
    }
}
