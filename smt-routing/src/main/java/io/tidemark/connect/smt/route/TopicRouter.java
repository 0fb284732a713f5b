package io.tidemark.connect.smt.route;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;

import io.tidemark.connect.smt.OptionProblem;
import io.tidemark.connect.smt.PluginVersion;

/**
 * Routes each record to a topic built from a template over the record: its topic, its key and value fields, its
 * headers and the source table of a change. Only the topic changes: key, value, headers, timestamp and partition are
 * passed on as they are, so every destination topic keeps the per-key order of its records.
 */
public class TopicRouter<R extends ConnectRecord<R>> implements Transformation<R> {

    public static final String OVERVIEW_DOC = "Route each record to a topic built from a template over the record: "
            + "the topic and its regex groups, key and value fields by nested path, headers, and the source table of "
            + "a change (Tidemark CDC headers or a Debezium envelope), with lower/upper/default modifiers. The key is "
            + "never changed. Records the template cannot name, or that would get an illegal topic name, follow "
            + "on.missing: fallback, fail or keep.";

    public static final ConfigDef CONFIG_DEF = TopicRouterConfig.CONFIG_DEF;

    /** Bounds the per-topic memory of topic-only templates; Connect tasks read few topics, so this is never reached
     *  in practice and only guards against an unbounded stream of topic names. */
    private static final int MAX_REMEMBERED_TOPICS = 1024;

    /**
     * What {@link #configure} would refuse in a connector configuration, where this transform's options are named
     * {@code prefix + option} (e.g. {@code transforms.route.}); every problem names the full option.
     */
    public static List<OptionProblem> optionProblems(String prefix, Map<String, String> connectorConfig) {
        return TopicRouterConfig.problems(prefix, connectorConfig);
    }

    private TopicRouterConfig config;
    private final Map<String, String> routedByTopic = new ConcurrentHashMap<>();

    @Override
    public void configure(Map<String, ?> props) {
        config = TopicRouterConfig.parse(props);
        routedByTopic.clear();
    }

    @Override
    public R apply(R record) {
        if (config.template.dependsOnTopicOnly()) {
            String remembered = routedByTopic.get(record.topic());
            if (remembered != null) {
                return withTopic(record, remembered);
            }
        }
        Matcher topicMatch = matchTopic(record.topic());
        String topic = config.template.render(record, topicMatch);
        if (topic == null) {
            return unroutable(record, config.template.explainMissing(record, topicMatch));
        }
        String problem = TopicNames.problem(topic);
        if (problem != null) {
            return unroutable(record, "the rendered name is not a legal topic name: " + problem);
        }
        if (config.template.dependsOnTopicOnly() && routedByTopic.size() < MAX_REMEMBERED_TOPICS) {
            routedByTopic.put(record.topic(), topic);
        }
        return withTopic(record, topic);
    }

    private Matcher matchTopic(String topic) {
        if (config.template.highestGroup() == 0) {
            return null;
        }
        Matcher matcher = config.topicRegex.matcher(topic);
        return matcher.matches() ? matcher : null;
    }

    private R unroutable(R record, String reason) {
        switch (config.onMissing) {
            case KEEP:
                return record;
            case FALLBACK:
                return withTopic(record, config.fallbackTopic);
            default:
                // The source topic is safe to name (it is already a topic); values from the record are not named.
                throw new DataException("TopicRouter cannot route a record from topic '" + record.topic()
                        + "' with template '" + config.template + "': " + reason + " (on.missing=fail)");
        }
    }

    private static <R extends ConnectRecord<R>> R withTopic(R record, String topic) {
        if (topic.equals(record.topic())) {
            return record;
        }
        return record.newRecord(topic, record.kafkaPartition(), record.keySchema(), record.key(),
                record.valueSchema(), record.value(), record.timestamp());
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void close() {
        routedByTopic.clear();
    }
}
