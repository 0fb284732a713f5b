package io.tidemark.connect.smt.route;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import io.tidemark.connect.smt.EnumOption;
import io.tidemark.connect.smt.OptionException;
import io.tidemark.connect.smt.OptionProblem;
import io.tidemark.connect.smt.PrefixedOptions;
import io.tidemark.connect.smt.RegexOption;

/** The options of {@link TopicRouter}, parsed and cross-checked once into an immutable object. */
final class TopicRouterConfig {

    static final String TEMPLATE = "topic.template";
    static final String REGEX = "topic.regex";
    static final String ON_MISSING = "on.missing";
    static final String FALLBACK_TOPIC = "fallback.topic";

    private static final String GROUP = "Routing";

    static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(TEMPLATE, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.LambdaValidator.with(
                    TopicRouterConfig::validateTemplate, () -> "literal text and ${...} placeholders"),
                    ConfigDef.Importance.HIGH,
                    "The destination topic as a template: literal text and placeholders ${reference|modifier|...}. "
                            + "References: ${topic}; ${topic:<n>}, group n of topic.regex; ${key} and ${value} (a "
                            + "scalar key or value); ${key.<path>} and ${value.<path>}, a nested field (names joined "
                            + "by dots, a name containing dots in backticks); ${header.<name>}, the last header of "
                            + "that name; ${source.schema} and ${source.table}, the source table of a change (the "
                            + "tidemark.schema / tidemark.table headers of the Tidemark CDC source, else the "
                            + "source block of a Debezium envelope). Modifiers, left to right: lower, upper, "
                            + "default=<text> (used when the value is absent, null or empty). Example: "
                            + "cdc.${source.schema}.${source.table|lower}.${value.region|default=global}.",
                    GROUP, 1, ConfigDef.Width.LONG, "Topic template")
            .define(REGEX, ConfigDef.Type.STRING, null, RegexOption.validator(), ConfigDef.Importance.MEDIUM,
                    "A regular expression the whole topic name is matched against; its groups are the template's "
                            + "${topic:1}, ${topic:2}, ... When the topic does not match, those placeholders have no "
                            + "value. Leave empty when the template uses no groups.",
                    GROUP, 2, ConfigDef.Width.LONG, "Topic regex")
            .define(ON_MISSING, ConfigDef.Type.STRING, EnumOption.name(MissingTopicPolicy.FAIL),
                    EnumOption.validator(MissingTopicPolicy.class), ConfigDef.Importance.MEDIUM,
                    "What happens to a record when a placeholder has no value (absent, null, empty, or not a scalar) "
                            + "or the rendered name is not a legal Kafka topic name (characters other than "
                            + "a-z A-Z 0-9 . _ -, longer than 249 characters, '.' or '..'): 'fallback' sends it to "
                            + "fallback.topic, 'fail' fails the record (Connect's errors.tolerance and dead letter "
                            + "queue apply), 'keep' leaves it on its original topic. The default fails, because a "
                            + "record silently landing elsewhere is harder to notice than a failed one.",
                    GROUP, 3, ConfigDef.Width.SHORT, "On missing value")
            .define(FALLBACK_TOPIC, ConfigDef.Type.STRING, null, ConfigDef.LambdaValidator.with(
                    TopicRouterConfig::validateFallback, () -> "a legal topic name"),
                    ConfigDef.Importance.MEDIUM,
                    "The topic for records that cannot be routed when on.missing=fallback (required then).",
                    GROUP, 4, ConfigDef.Width.MEDIUM, "Fallback topic");

    final TopicTemplate template;
    final Pattern topicRegex;
    final MissingTopicPolicy onMissing;
    final String fallbackTopic;

    private TopicRouterConfig(TopicTemplate template, Pattern topicRegex, MissingTopicPolicy onMissing,
            String fallbackTopic) {
        this.template = template;
        this.topicRegex = topicRegex;
        this.onMissing = onMissing;
        this.fallbackTopic = fallbackTopic;
    }

    /** The router's configuration as Connect hands it to a task: its options without their prefix. */
    static TopicRouterConfig parse(Map<String, ?> props) {
        return parse(PrefixedOptions.TRANSFORM_AT_START,
                PrefixedOptions.withPrefix(props, PrefixedOptions.TRANSFORM_AT_START));
    }

    /** The configuration read from options named {@code prefix + option}, so messages name the option in full. */
    static TopicRouterConfig parse(String prefix, Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(PrefixedOptions.def(CONFIG_DEF, prefix), props, false);
        TopicTemplate template = TopicTemplate.parse(config.getString(prefix + TEMPLATE));
        String regexText = config.getString(prefix + REGEX);
        Pattern regex = regexText == null || regexText.isEmpty() ? null : Pattern.compile(regexText);
        if (template.highestGroup() > 0) {
            if (regex == null) {
                throw new OptionException(prefix + TEMPLATE, template.toString(), "the template refers to groups of "
                        + "the topic (${topic:<n>}) but " + prefix + REGEX + " is not set");
            }
            int groups = regex.matcher("").groupCount();
            if (template.highestGroup() > groups) {
                throw new OptionException(prefix + TEMPLATE, template.toString(), "the template refers to group "
                        + template.highestGroup() + " but " + prefix + REGEX + " has " + groups + " group(s)");
            }
        }
        MissingTopicPolicy onMissing = EnumOption.parse(MissingTopicPolicy.class, config.getString(prefix + ON_MISSING));
        String fallback = config.getString(prefix + FALLBACK_TOPIC);
        if (onMissing == MissingTopicPolicy.FALLBACK && (fallback == null || fallback.isEmpty())) {
            throw new OptionException(prefix + FALLBACK_TOPIC, fallback, "set it when " + prefix + ON_MISSING
                    + "=fallback");
        }
        return new TopicRouterConfig(template, regex, onMissing, fallback);
    }

    /** Every mistake {@link #parse} would fail on, under the option to change. */
    static List<OptionProblem> problems(String prefix, Map<String, String> props) {
        return PrefixedOptions.problems(PrefixedOptions.def(CONFIG_DEF, prefix), props, prefix + TEMPLATE,
                () -> parse(prefix, props));
    }

    private static void validateTemplate(String name, Object value) {
        if (value == null) {
            return; // "missing required configuration" is ConfigDef's own message
        }
        try {
            TopicTemplate.parse((String) value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }


    private static void validateFallback(String name, Object value) {
        if (value == null || ((String) value).isEmpty()) {
            return;
        }
        String problem = TopicNames.problem((String) value);
        if (problem != null) {
            throw new ConfigException(name, value, "not a legal topic name: " + problem);
        }
    }
}
