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

    private MaskFieldsConfig(List<MaskRule> rules, MissingFieldPolicy onMissing, int schemaCacheSize) {
        this.rules = rules;
        this.paths = PathTree.of(rules);
        this.onMissing = onMissing;
        this.schemaCacheSize = schemaCacheSize;
    }

    static MaskFieldsConfig parse(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props, false);
        List<String> names = config.getList(RULES);
        requireListedRules(names, props);
        List<MaskRule> rules = new ArrayList<>();
        for (String name : names) {
            rules.add(MaskRuleConfig.parse(name, props, config.getPassword(HMAC_SECRET)));
        }
        return new MaskFieldsConfig(List.copyOf(rules),
                EnumOption.parse(MissingFieldPolicy.class, config.getString(ON_MISSING)),
                config.getInt(SCHEMA_CACHE_SIZE));
    }

    /** Options of a rule missing from {@code rules} are a typo in one place or the other; both would mask less. */
    private static void requireListedRules(List<String> names, Map<String, ?> props) {
        String prefix = RULES + ".";
        for (String key : props.keySet()) {
            if (key.startsWith(prefix)) {
                String rest = key.substring(prefix.length());
                int dot = rest.indexOf('.');
                String rule = dot < 0 ? rest : rest.substring(0, dot);
                if (!names.contains(rule)) {
                    throw new ConfigException(key + " configures rule '" + rule + "', which is not listed in "
                            + RULES + " " + names);
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
