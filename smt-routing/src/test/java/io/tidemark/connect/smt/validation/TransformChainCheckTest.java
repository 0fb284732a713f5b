package io.tidemark.connect.smt.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.tidemark.connect.smt.Props;
import io.tidemark.connect.smt.mask.MaskFields;

/**
 * The check the Tidemark connectors run in {@code validate()}: every option of a Tidemark transformation or
 * predicate that would fail a task when it configures the plugin is reported before the connector is created, under
 * the option's full name, with what to do, and never with a secret.
 */
class TransformChainCheckTest {

    private static final String SECRET = "0123456789abcdef-long-enough";
    private static final String SHORT_SECRET = "tooShort-7";

    /** A valid chain: a masking transform with two rules, a router, and both predicates. */
    private static Map<String, String> validChain() {
        return Props.of(
                "connector.class", "io.tidemark.connect.sink.WarehouseSinkConnector",
                "transforms", "mask,route",
                "transforms.mask.type", "io.tidemark.connect.smt.mask.MaskFields$Value",
                "transforms.mask.predicate", "isCustomer",
                "transforms.mask.hmac.secret", SECRET,
                "transforms.mask.rules", "r1,r2",
                "transforms.mask.rules.r1.fields", "email",
                "transforms.mask.rules.r1.strategy", "hmac",
                "transforms.mask.rules.r2.fields", "phone",
                "transforms.mask.rules.r2.strategy", "partial",
                "transforms.mask.rules.r2.keep.last", "2",
                "transforms.route.type", "io.tidemark.connect.smt.route.TopicRouter",
                "transforms.route.predicate", "hasTable",
                "transforms.route.topic.template", "warehouse.${topic:1}",
                "transforms.route.topic.regex", "shop[.](.*)",
                "predicates", "isCustomer,hasTable",
                "predicates.isCustomer.type", "io.tidemark.connect.smt.predicate.FieldValueMatches",
                "predicates.isCustomer.field", "header.tidemark.table",
                "predicates.isCustomer.pattern", "customers",
                "predicates.hasTable.type", "io.tidemark.connect.smt.predicate.FieldExists",
                "predicates.hasTable.field", "header.tidemark.table");
    }

    /** One mistake: options to set (an empty value removes the option), the option blamed, a word of the message. */
    private record Mistake(String what, Map<String, String> change, String option, String message) {
        static Mistake of(String what, String option, String message, String... change) {
            return new Mistake(what, Props.of(change), option, message);
        }
    }

    private static final List<Mistake> MISTAKES = List.of(
            Mistake.of("an unknown strategy", "transforms.mask.rules.r1.strategy", "must be one of",
                    "transforms.mask.rules.r1.strategy", "bogus"),
            Mistake.of("an hmac secret shorter than 16 bytes", "transforms.mask.hmac.secret", "too short",
                    "transforms.mask.hmac.secret", SHORT_SECRET),
            Mistake.of("an hmac rule without a secret", "transforms.mask.hmac.secret", "set transforms.mask.hmac.secret",
                    "transforms.mask.hmac.secret", ""),
            Mistake.of("a rule without fields", "transforms.mask.rules.r1.fields", "Missing required configuration",
                    "transforms.mask.rules.r1.fields", ""),
            Mistake.of("a field path with an empty name", "transforms.mask.rules.r1.fields", "empty field name",
                    "transforms.mask.rules.r1.fields", "after..email"),
            Mistake.of("a regex rule whose pattern does not compile", "transforms.mask.rules.r1.pattern",
                    "not a valid regular expression", "transforms.mask.rules.r1.strategy", "regex",
                    "transforms.mask.rules.r1.pattern", "(unclosed"),
            Mistake.of("a regex rule without a pattern", "transforms.mask.rules.r1.pattern", "needs a pattern",
                    "transforms.mask.rules.r1.strategy", "regex"),
            Mistake.of("a replacement naming a group the pattern lacks", "transforms.mask.rules.r1.replacement",
                    "refers to group 2", "transforms.mask.rules.r1.strategy", "regex",
                    "transforms.mask.rules.r1.pattern", "(a)", "transforms.mask.rules.r1.replacement", "$2"),
            Mistake.of("a negative keep.last", "transforms.mask.rules.r2.keep.last", "at least 0",
                    "transforms.mask.rules.r2.keep.last", "-1"),
            Mistake.of("a keep.first that is not a number", "transforms.mask.rules.r2.keep.first", "Not a number",
                    "transforms.mask.rules.r2.keep.first", "three"),
            Mistake.of("a mask character of two characters", "transforms.mask.rules.r2.mask.char",
                    "exactly one character", "transforms.mask.rules.r2.mask.char", "**"),
            Mistake.of("an unknown digest encoding", "transforms.mask.rules.r1.encoding", "must be one of",
                    "transforms.mask.rules.r1.encoding", "base32"),
            Mistake.of("an unknown non.string handling", "transforms.mask.rules.r1.non.string", "must be one of",
                    "transforms.mask.rules.r1.non.string", "drop"),
            Mistake.of("an option of another strategy", "transforms.mask.rules.r1.keep.last", "does not apply",
                    "transforms.mask.rules.r1.keep.last", "4"),
            Mistake.of("a misspelt rule option", "transforms.mask.rules.r2.feilds", "is not a rule option",
                    "transforms.mask.rules.r2.feilds", "phone"),
            Mistake.of("options of a rule missing from rules", "transforms.mask.rules.r3.fields", "not listed",
                    "transforms.mask.rules.r3.fields", "name", "transforms.mask.rules.r3.strategy", "redact"),
            Mistake.of("two rules naming one field", "transforms.mask.rules.r2.fields", "a field can have one rule",
                    "transforms.mask.rules.r2.fields", "email"),
            Mistake.of("redact with both nullify and a replacement", "transforms.mask.rules.r2.nullify",
                    "not both", "transforms.mask.rules.r2.strategy", "redact", "transforms.mask.rules.r2.keep.last",
                    "", "transforms.mask.rules.r2.nullify", "true", "transforms.mask.rules.r2.replacement", "-"),
            Mistake.of("an unknown on.missing", "transforms.mask.on.missing", "must be one of",
                    "transforms.mask.on.missing", "skip"),
            Mistake.of("an empty rules list", "transforms.mask.rules", "at least one rule",
                    "transforms.mask.rules", " "),
            Mistake.of("a router template with an unknown placeholder", "transforms.route.topic.template",
                    "unknown placeholder", "transforms.route.topic.template", "${nope}"),
            Mistake.of("a router template group the regex lacks", "transforms.route.topic.template",
                    "has 1 group(s)", "transforms.route.topic.template", "warehouse.${topic:2}"),
            Mistake.of("a router template group without a regex", "transforms.route.topic.template",
                    "transforms.route.topic.regex is not set", "transforms.route.topic.regex", ""),
            Mistake.of("a router regex that does not compile", "transforms.route.topic.regex",
                    "not a valid regular expression", "transforms.route.topic.regex", "shop[.(.*)"),
            Mistake.of("fallback without a fallback topic", "transforms.route.fallback.topic",
                    "transforms.route.on.missing=fallback", "transforms.route.on.missing", "fallback"),
            Mistake.of("an illegal fallback topic", "transforms.route.fallback.topic", "not a legal topic name",
                    "transforms.route.on.missing", "fallback", "transforms.route.fallback.topic", "no way"),
            Mistake.of("a predicate with both equals and pattern", "predicates.isCustomer.pattern", "exactly one of",
                    "predicates.isCustomer.equals", "customers"),
            Mistake.of("a predicate pattern that does not compile", "predicates.isCustomer.pattern",
                    "not a valid regular expression", "predicates.isCustomer.pattern", "*customers"),
            Mistake.of("a predicate field that is not key, value or header", "predicates.hasTable.field",
                    "key.<path>", "predicates.hasTable.field", "body.table"),
            Mistake.of("a predicate flag that is not a boolean", "predicates.hasTable.null.is.absent",
                    "Expected value to be either true or false", "predicates.hasTable.null.is.absent", "maybe"));

    @Test
    void aValidChainHasNoProblems() {
        assertThat(TransformChainCheck.problems(validChain())).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyMistakeIsReportedUnderTheFullOptionNameWithoutTheSecret() {
        return MISTAKES.stream().map(mistake -> DynamicTest.dynamicTest(mistake.what(), () -> {
            Map<String, String> config = validChain();
            mistake.change().forEach((key, value) -> {
                if (value.isEmpty()) {
                    config.remove(key);
                } else {
                    config.put(key, value);
                }
            });
            Map<String, List<String>> errors = errors(config);
            assertThat(errors).as("problems of %s", mistake.what()).containsOnlyKeys(mistake.option());
            assertThat(errors.get(mistake.option())).isNotEmpty().allSatisfy(message -> {
                assertThat(message).contains(mistake.option()).contains(mistake.message())
                        .doesNotContain(SECRET).doesNotContain(SHORT_SECRET);
            });
        }));
    }

    @Test
    void transformationsOfOtherPluginsAndAliasesWithoutATypeAreLeftToConnect() {
        Map<String, String> config = Props.of("transforms", "ext,untyped",
                "transforms.ext.type", "org.apache.kafka.connect.transforms.RegexRouter",
                "transforms.ext.regex", "(", "predicates", "p", "predicates.p.type", "com.example.Predicate");
        assertThat(TransformChainCheck.problems(config)).isEmpty();
    }

    /**
     * The limit this check exists for: Connect validates a transformation only with the ConfigDef of its
     * {@code config()}, embedded under {@code transforms.<alias>.} (as ConnectorConfig.enrich does), so an unknown
     * strategy and a short secret pass; a connector that is not ours leaves them to task start, where the
     * transform does not know its alias and names the option {@code transforms.<alias>.rules.r1.strategy}.
     */
    @Test
    void connectsOwnValidationCannotSeeRuleOptionsSoTaskStartNamesThemWithTheAliasLeftOpen() {
        Map<String, String> config = validChain();
        config.put("transforms.mask.rules.r1.strategy", "bogus");
        ConfigDef enriched = new ConfigDef();
        enriched.embed("transforms.mask.", "Transforms: mask", 0, MaskFields.CONFIG_DEF);
        assertThat(enriched.validate(config)).allSatisfy(value -> assertThat(value.errorMessages()).isEmpty());

        Map<String, Object> taskConfig = new HashMap<>();
        config.forEach((key, value) -> {
            if (key.startsWith("transforms.mask.") && !key.equals("transforms.mask.predicate")) {
                taskConfig.put(key.substring("transforms.mask.".length()), value);
            }
        });
        MaskFields<SourceRecord> mask = new MaskFields.Value<>();
        ConfigException refused = catchThrowableOfType(ConfigException.class, () -> mask.configure(taskConfig));
        assertThat(refused).hasMessageContaining("transforms.<alias>.rules.r1.strategy");
    }

    private static Map<String, List<String>> errors(Map<String, String> config) {
        return TransformChainCheck.problems(config).stream()
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }
}
