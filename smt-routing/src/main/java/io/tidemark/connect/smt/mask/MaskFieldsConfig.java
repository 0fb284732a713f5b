package io.tidemark.connect.smt.mask;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import io.tidemark.connect.smt.EnumOption;
import io.tidemark.connect.smt.OptionException;
import io.tidemark.connect.smt.OptionProblem;
import io.tidemark.connect.smt.PrefixedOptions;

/**
 * The options of {@link MaskFields}, with its rules ({@link MaskRuleConfig}), parsed and cross-checked once into an
 * immutable object.
 */
final class MaskFieldsConfig {

    static final String RULES = "rules";
    static final String HMAC_SECRET = "hmac.secret";
    static final String ON_MISSING = "on.missing";
    static final String SCHEMA_CACHE_SIZE = "schema.cache.size";

    private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final String GROUP = "Masking";

    static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(RULES, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.LambdaValidator.with(
                    MaskFieldsConfig::validateRuleNames, () -> "distinct names of letters, digits, '_' and '-'"),
                    ConfigDef.Importance.HIGH,
                    "The names of the masking rules, comma-separated (letters, digits, '_' and '-'). Each rule is "
                            + "configured with options rules.<name>.<option> (see the rule options): at least "
                            + "rules.<name>.fields and rules.<name>.strategy. A field can belong to one rule only.",
                    GROUP, 1, ConfigDef.Width.LONG, "Rules")
            .define(HMAC_SECRET, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.HIGH,
                    "The secret key of every hmac rule, at least 16 bytes (32 random bytes recommended). Keep it out "
                            + "of the connector config with a config provider, e.g. "
                            + "${file:/etc/tidemark/secrets.properties:mask.hmac.secret}. Changing it changes every "
                            + "pseudonym, which breaks joins with data masked before.",
                    GROUP, 2, ConfigDef.Width.MEDIUM, "HMAC secret")
            .define(ON_MISSING, ConfigDef.Type.STRING, EnumOption.name(MissingFieldPolicy.IGNORE),
                    EnumOption.validator(MissingFieldPolicy.class), ConfigDef.Importance.MEDIUM,
                    "What happens when a rule's path is not in a record: 'ignore' masks the fields that exist and "
                            + "logs each schema's missing paths once at WARN; 'fail' fails the record (Connect's "
                            + "errors.tolerance and dead letter queue apply). For records with a schema this is "
                            + "decided once per schema; schemaless records are checked one by one. A path that "
                            + "reaches a null Struct (the 'before' of an insert) is not missing.",
                    GROUP, 3, ConfigDef.Width.SHORT, "On missing field")
            .define(SCHEMA_CACHE_SIZE, ConfigDef.Type.INT, 128, ConfigDef.Range.atLeast(1), ConfigDef.Importance.LOW,
                    "How many input schemas the transform remembers the masked output schema of. Raise it above the "
                            + "number of tables (schemas) one task sees, or masking rebuilds schemas it forgot.",
                    GROUP, 4, ConfigDef.Width.SHORT, "Schema cache size");

    final List<MaskRule> rules;
    final PathTree paths;
    final MissingFieldPolicy onMissing;
    final int schemaCacheSize;

    private MaskFieldsConfig(List<MaskRule> rules, MissingFieldPolicy onMissing, int schemaCacheSize, String prefix) {
        this.rules = rules;
        this.paths = PathTree.of(rules, prefix + RULES);
        this.onMissing = onMissing;
        this.schemaCacheSize = schemaCacheSize;
    }

    /** The transform's configuration as Connect hands it to a task: its options without their prefix. */
    static MaskFieldsConfig parse(Map<String, ?> props) {
        return parse(PrefixedOptions.TRANSFORM_AT_START,
                PrefixedOptions.withPrefix(props, PrefixedOptions.TRANSFORM_AT_START));
    }

    /**
     * The transform's configuration read from {@code props}, where its options are named {@code prefix + option}
     * (other keys are ignored), so that every message names the option as the user wrote it.
     */
    static MaskFieldsConfig parse(String prefix, Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(PrefixedOptions.def(CONFIG_DEF, prefix), props, false);
        List<String> names = config.getList(prefix + RULES);
        requireListedRules(prefix, names, props);
        List<MaskRule> rules = new ArrayList<>();
        for (String name : names) {
            rules.add(MaskRuleConfig.parse(prefix, name, props, config.getPassword(prefix + HMAC_SECRET)));
        }
        return new MaskFieldsConfig(List.copyOf(rules),
                EnumOption.parse(MissingFieldPolicy.class, config.getString(prefix + ON_MISSING)),
                config.getInt(prefix + SCHEMA_CACHE_SIZE), prefix);
    }

    /**
     * Every mistake that {@link #parse} would fail on, each under the option to change. The rule options are the
     * user's names, so Connect's own validation cannot see them; the connectors' validation calls this.
     */
    static List<OptionProblem> problems(String prefix, Map<String, String> props) {
        ConfigDef def = PrefixedOptions.def(CONFIG_DEF, prefix);
        List<OptionProblem> problems = new ArrayList<>(PrefixedOptions.problems(def, props));
        if (!problems.isEmpty()) {
            return problems;
        }
        AbstractConfig config = new AbstractConfig(def, props, false);
        List<String> names = config.getList(prefix + RULES);
        try {
            requireListedRules(prefix, names, props);
        } catch (OptionException e) {
            problems.add(new OptionProblem(e.option(), e.getMessage()));
        }
        for (String name : names) {
            problems.addAll(MaskRuleConfig.problems(prefix, name, props, config.getPassword(prefix + HMAC_SECRET)));
        }
        if (problems.isEmpty()) {
            try {
                parse(prefix, props); // what is left: rules that name the same field
            } catch (OptionException e) {
                problems.add(new OptionProblem(e.option(), e.getMessage()));
            } catch (ConfigException e) {
                problems.add(new OptionProblem(prefix + RULES, e.getMessage()));
            }
        }
        return problems;
    }

    /** Options of a rule missing from {@code rules} are a typo in one place or the other; both would mask less. */
    private static void requireListedRules(String prefix, List<String> names, Map<String, ?> props) {
        String rulesPrefix = prefix + RULES + ".";
        for (String key : props.keySet()) {
            if (key.startsWith(rulesPrefix)) {
                String rest = key.substring(rulesPrefix.length());
                int dot = rest.indexOf('.');
                String rule = dot < 0 ? rest : rest.substring(0, dot);
                if (!names.contains(rule)) {
                    throw new OptionException(key, key + " configures rule '" + rule + "', which is not listed in "
                            + prefix + RULES + " " + names + "; add it there or remove the option");
                }
            }
        }
    }

    private static void validateRuleNames(String name, Object value) {
        if (value == null) {
            return;
        }
        List<?> names = (List<?>) value;
        if (names.isEmpty()) {
            throw new ConfigException(name, value, "list at least one rule");
        }
        Set<Object> seen = new HashSet<>();
        for (Object rule : names) {
            if (!RULE_NAME.matcher((String) rule).matches()) {
                throw new ConfigException(name, value, "rule name '" + rule + "' may only use letters, digits, '_' "
                        + "and '-'");
            }
            if (!seen.add(rule)) {
                throw new ConfigException(name, value, "rule '" + rule + "' is listed twice");
            }
        }
    }
}
