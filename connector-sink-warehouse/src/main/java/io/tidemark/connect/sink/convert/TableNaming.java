package io.tidemark.connect.sink.convert;

import io.tidemark.connect.sink.dialect.Identifiers;
import io.tidemark.connect.sink.table.IdentifierCase;
import io.tidemark.connect.sink.table.TableId;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which table a topic's records go to: {@code table.name.format} with {@code ${topic}} (the record's
 * topic after transforms) and {@code ${topic.last}} (its last part), in {@code table.schema}.
 *
 * <p>The last part of a topic is what follows its last dot, except on a topic our CDC source named
 * ({@code <prefix>.<schema>.<table>}, which the {@code tidemark.schema}/{@code tidemark.table} headers
 * confirm): there it is the whole table part, as Debezium wrote it into the topic (characters a topic
 * cannot hold become {@code _}), so a table whose name has dots is not cut into another table's name.
 *
 * <p>Two topics that map to one table are refused, naming both, when the format has a placeholder (it was
 * meant to tell topics apart); a format without one merges topics on purpose.
 */
public final class TableNaming {

    public static final String TOPIC = "${topic}";
    public static final String TOPIC_LAST = "${topic.last}";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    /** Characters a Kafka topic name cannot hold, which Debezium replaces with an underscore. */
    private static final Pattern NOT_IN_TOPICS = Pattern.compile("[^A-Za-z0-9._-]");
    private static final String SCHEMA_HEADER = "tidemark.schema";
    private static final String TABLE_HEADER = "tidemark.table";

    private final String format;
    private final String schema;
    private final IdentifierCase identifierCase;
    private final Identifiers identifiers;
    private final boolean separatesTopics;
    private final Map<List<String>, TableId> byTopic = new HashMap<>();
    private final Map<TableId, String> topicOf = new HashMap<>();

    public TableNaming(String format, String schema, IdentifierCase identifierCase, Identifiers identifiers) {
        this.format = format;
        this.schema = schema == null ? null : identifierCase.apply(schema);
        this.identifierCase = identifierCase;
        this.identifiers = identifiers;
        this.separatesTopics = PLACEHOLDER.matcher(format).find();
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

    /** The table for a topic whose records carry no source headers. */
    public TableId tableFor(String topic) {
        return tableFor(topic, null);
    }

    /**
     * The table for a record's topic and headers.
     *
     * @throws Identifiers.InvalidIdentifierException when the resulting name cannot be a table name
     * @throws TableNameCollisionException            when another topic already maps to that table
     */
    public TableId tableFor(String topic, Headers headers) {
        String sourceTable = sourceTablePart(topic, headers);
        List<String> cacheKey = Arrays.asList(topic, sourceTable);
        TableId table = byTopic.get(cacheKey);
        if (table == null) {
            String last = sourceTable != null ? sourceTable : topic.substring(topic.lastIndexOf('.') + 1);
            String name = identifierCase.apply(format.replace(TOPIC_LAST, last).replace(TOPIC, topic));
            identifiers.check(name, "table name made from topic '" + topic + "' by table.name.format '" + format + "'");
            table = new TableId(schema, name);
            String other = topicOf.putIfAbsent(table, topic);
            if (other != null && !other.equals(topic) && separatesTopics) {
                throw new TableNameCollisionException("Topics '" + other + "' and '" + topic + "' both map to table " + table
                        + " by table.name.format '" + format + "', so their rows would mix. Use a format that keeps them apart"
                        + " (e.g. ${topic}), or route the topics to different names with a transform; to merge topics into one"
                        + " table on purpose, route them to one topic or use a table.name.format without placeholders.");
            }
            byTopic.put(cacheKey, table);
        }
        return table;
    }

    /**
     * The table part of a topic our source named, {@code ...<schema>.<table>} as the headers say and as Debezium
     * writes it into a topic; null when the record has no such headers or a transform renamed its topic.
     */
    private static String sourceTablePart(String topic, Headers headers) {
        String sourceSchema = header(headers, SCHEMA_HEADER);
        String sourceTable = header(headers, TABLE_HEADER);
        if (sourceSchema == null || sourceTable == null) {
            return null;
        }
        String tablePart = NOT_IN_TOPICS.matcher(sourceTable).replaceAll("_");
        String suffix = "." + NOT_IN_TOPICS.matcher(sourceSchema).replaceAll("_") + "." + tablePart;
        return topic.endsWith(suffix) ? tablePart : null;
    }

    private static String header(Headers headers, String name) {
        if (headers == null) {
            return null;
        }
        Header header = headers.lastWithName(name);
        if (header == null || header.value() == null) {
            return null;
        }
        Object value = header.value();
        return value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : value.toString();
    }
}
