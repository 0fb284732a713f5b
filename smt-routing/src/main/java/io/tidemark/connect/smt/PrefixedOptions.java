package io.tidemark.connect.smt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/**
 * A plugin's options read under a prefix. A connector hands a transformation its options without the prefix
 * {@code transforms.<alias>.}, but a user writes, and must be told about, the full name. Reading the options under
 * their full names makes every message (ConfigDef's own included) name the key the user wrote: the connectors'
 * validation passes the real prefix; at task start, where Connect does not tell a plugin its alias, the plugin uses
 * {@link #TRANSFORM_AT_START} or {@link #PREDICATE_AT_START}.
 */
public final class PrefixedOptions {

    /** The prefix a transformation's options are named with when the alias is unknown. */
    public static final String TRANSFORM_AT_START = "transforms.<alias>.";
    /** The prefix a predicate's options are named with when the alias is unknown. */
    public static final String PREDICATE_AT_START = "predicates.<alias>.";

    private PrefixedOptions() {
    }

    /** The same options, each named {@code prefix + name}, with the same types, defaults and validators. */
    public static ConfigDef def(ConfigDef def, String prefix) {
        ConfigDef prefixed = new ConfigDef();
        for (ConfigDef.ConfigKey key : def.configKeys().values()) {
            prefixed.define(prefix + key.name, key.type, key.defaultValue, key.validator, key.importance,
                    key.documentation);
        }
        return prefixed;
    }

    /** The plugin's own options (named without prefix) renamed {@code prefix + name}. */
    public static Map<String, Object> withPrefix(Map<String, ?> props, String prefix) {
        Map<String, Object> prefixed = new HashMap<>();
        props.forEach((name, value) -> prefixed.put(prefix + name, value));
        return prefixed;
    }

    /**
     * ConfigDef's checks, then, when they pass, whatever {@code parse} refuses: an {@link OptionException} under
     * its option, any other {@link ConfigException} under {@code otherwise}.
     */
    public static List<OptionProblem> problems(ConfigDef prefixedDef, Map<String, String> props, String otherwise,
            Runnable parse) {
        List<OptionProblem> problems = problems(prefixedDef, props);
        if (problems.isEmpty()) {
            try {
                parse.run();
            } catch (OptionException e) {
                problems.add(new OptionProblem(e.option(), e.getMessage()));
            } catch (ConfigException e) {
                problems.add(new OptionProblem(otherwise, e.getMessage()));
            }
        }
        return problems;
    }

    /** What ConfigDef's own checks (types, required options, validators) find, one problem per option. */
    public static List<OptionProblem> problems(ConfigDef prefixedDef, Map<String, String> props) {
        List<OptionProblem> problems = new ArrayList<>();
        for (ConfigValue value : prefixedDef.validate(props)) {
            // The first message says what is wrong; after a value that does not parse, a validator adds
            // "Value must be non-null", which only confuses.
            if (!value.errorMessages().isEmpty()) {
                problems.add(new OptionProblem(value.name(), value.errorMessages().get(0)));
            }
        }
        return problems;
    }
}
