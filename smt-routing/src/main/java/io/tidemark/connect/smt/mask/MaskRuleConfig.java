package io.tidemark.connect.smt.mask;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import io.tidemark.connect.smt.EnumOption;
import io.tidemark.connect.smt.OptionException;
import io.tidemark.connect.smt.OptionProblem;
import io.tidemark.connect.smt.PrefixedOptions;
import io.tidemark.connect.smt.RegexOption;
import io.tidemark.connect.smt.field.FieldPath;

/**
 * The options of one masking rule, written {@code rules.<name>.<option>} in a {@link MaskFields} configuration. The
 * rule names are the user's, so Connect's own validation cannot see these options (a transformation's ConfigDef has
 * fixed names). The Tidemark connectors' validation checks them through {@link #problems}; with another connector
 * they are checked when a task starts, and a mistake (a misspelt option, an option of another strategy) fails it
 * with a message naming the option.
 */
public final class MaskRuleConfig {

    static final String FIELDS = "fields";
    static final String STRATEGY = "strategy";
    static final String NON_STRING = "non.string";
    static final String ENCODING = "encoding";
    static final String PREFIX = "prefix";
    static final String SALT = "salt";
    static final String KEEP_FIRST = "keep.first";
    static final String KEEP_LAST = "keep.last";
    static final String MASK_CHAR = "mask.char";
    static final String REPLACEMENT = "replacement";
    static final String NULLIFY = "nullify";
    static final String PATTERN = "pattern";

    private static final List<String> COMMON_OPTIONS = List.of(FIELDS, STRATEGY, NON_STRING);
    private static final String GROUP = "Rule";
    private static final String DIGEST = "Strategies hmac and hash: ";

    /** Option names are relative to {@code rules.<name>.}. */
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(FIELDS, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                    ConfigDef.LambdaValidator.with(MaskRuleConfig::validatePaths, () -> "field paths, at least one"),
                    ConfigDef.Importance.HIGH,
                    "The fields the rule masks, comma-separated paths into the key or value: names joined by dots "
                            + "into nested Structs and Maps (after.email in a Debezium envelope), a name containing "
                            + "dots in backticks. A path through an array applies to every element (items.card "
                            + "masks the card of every item); a path ending at an array of strings masks every "
                            + "string. A path must end at a scalar field.",
                    GROUP, 1, ConfigDef.Width.LONG, "Fields")
            .define(STRATEGY, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                    EnumOption.validator(StrategyName.class), ConfigDef.Importance.HIGH,
                    "How values are masked. hmac: a keyed HMAC-SHA-256 pseudonym (needs hmac.secret): the same "
                            + "input always gives the same pseudonym, and without the secret it cannot be reversed "
                            + "or looked up in a dictionary. hash: SHA-256 of salt + value, weaker than hmac: anyone "
                            + "with the salt can hash likely inputs and reverse it. partial: keep the first/last "
                            + "characters, mask the rest. redact: a fixed replacement, or null. regex: replace every "
                            + "match of a pattern inside the value.",
                    GROUP, 2, ConfigDef.Width.SHORT, "Strategy")
            .define(NON_STRING, ConfigDef.Type.STRING, EnumOption.name(NonStringHandling.CONVERT),
                    EnumOption.validator(NonStringHandling.class), ConfigDef.Importance.MEDIUM,
                    "What happens to a field that is not a string (number, boolean, decimal, date/time, bytes): "
                            + "'convert' masks its text form and makes the field a string in the output schema "
                            + "(optional if it was optional); 'nullify' sets it to null and keeps its schema, which "
                            + "must then be optional.",
                    GROUP, 3, ConfigDef.Width.SHORT, "Non-string fields")
            .define(ENCODING, ConfigDef.Type.STRING, EnumOption.name(DigestEncoding.HEX),
                    EnumOption.validator(DigestEncoding.class), ConfigDef.Importance.LOW,
                    DIGEST + "how the 32-byte digest is written: hex (64 characters), base64 (44), or base64url "
                            + "(43, no padding).",
                    GROUP, 4, ConfigDef.Width.SHORT, "Encoding")
            .define(PREFIX, ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW,
                    DIGEST + "text put before every pseudonym, e.g. 'email_' so masked values are recognisable.",
                    GROUP, 5, ConfigDef.Width.SHORT, "Prefix")
            .define(SALT, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.MEDIUM,
                    "Strategy hash: text hashed before every value. Prefer hmac when the pseudonyms must resist "
                            + "a dictionary attack.",
                    GROUP, 6, ConfigDef.Width.MEDIUM, "Salt")
            .define(KEEP_FIRST, ConfigDef.Type.INT, 0, ConfigDef.Range.atLeast(0), ConfigDef.Importance.MEDIUM,
                    "Strategy partial: how many leading characters stay readable.",
                    GROUP, 7, ConfigDef.Width.SHORT, "Keep first")
            .define(KEEP_LAST, ConfigDef.Type.INT, 4, ConfigDef.Range.atLeast(0), ConfigDef.Importance.MEDIUM,
                    "Strategy partial: how many trailing characters stay readable. A value no longer than keep.first "
                            + "+ keep.last is masked whole.",
                    GROUP, 8, ConfigDef.Width.SHORT, "Keep last")
            .define(MASK_CHAR, ConfigDef.Type.STRING, "*",
                    ConfigDef.LambdaValidator.with(MaskRuleConfig::validateMaskChar, () -> "one character"),
                    ConfigDef.Importance.LOW,
                    "Strategy partial: the character that replaces each masked character.",
                    GROUP, 9, ConfigDef.Width.SHORT, "Mask character")
            .define(REPLACEMENT, ConfigDef.Type.STRING, "***", ConfigDef.Importance.MEDIUM,
                    "Strategy redact: the text every value becomes. Strategy regex: the text each match becomes; "
                            + "$1 or ${name} insert a group of the match, \\$ a literal dollar sign.",
                    GROUP, 10, ConfigDef.Width.MEDIUM, "Replacement")
            .define(NULLIFY, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.MEDIUM,
                    "Strategy redact: set the fields to null instead of the replacement (they must be optional).",
                    GROUP, 11, ConfigDef.Width.SHORT, "Redact to null")
            .define(PATTERN, ConfigDef.Type.STRING, null, RegexOption.validator(), ConfigDef.Importance.HIGH,
                    "Strategy regex (required there): the Java regular expression whose every match is replaced.",
                    GROUP, 12, ConfigDef.Width.LONG, "Pattern");

    /** HMAC keys shorter than this are refused: a short secret can be guessed, which undoes what hmac is for. */
    private static final int MIN_SECRET_BYTES = 16;

    private MaskRuleConfig() {
    }

    /**
     * The rule named {@code name}, read from the transform's whole configuration.
     *
     * @param hmacSecret the transform's {@code hmac.secret}, or null when unset
     */
    static MaskRule parse(String transformPrefix, String name, Map<String, ?> props, Password hmacSecret) {
        String prefix = transformPrefix + MaskFieldsConfig.RULES + "." + name + ".";
        AbstractConfig config = new AbstractConfig(prefixed(prefix), props, false);
        StrategyName strategyName = EnumOption.parse(StrategyName.class, config.getString(prefix + STRATEGY));
        requireApplicableOptions(prefix, strategyName, props);
        List<FieldPath> paths = new ArrayList<>();
        for (String path : config.getList(prefix + FIELDS)) {
            paths.add(FieldPath.parse(path.trim()));
        }
        MaskStrategy strategy = strategy(strategyName, transformPrefix, prefix, config, props, name, hmacSecret);
        NonStringHandling nonString = EnumOption.parse(NonStringHandling.class, config.getString(prefix + NON_STRING));
        return new MaskRule(name, List.copyOf(paths), strategy, nonString);
    }

    /** Every mistake {@link #parse} would fail on for this rule, under the option to change. */
    static List<OptionProblem> problems(String transformPrefix, String name, Map<String, String> props,
            Password hmacSecret) {
        String prefix = transformPrefix + MaskFieldsConfig.RULES + "." + name + ".";
        List<OptionProblem> problems = PrefixedOptions.problems(prefixed(prefix), props);
        if (problems.isEmpty()) {
            try {
                parse(transformPrefix, name, props, hmacSecret);
            } catch (OptionException e) {
                problems.add(new OptionProblem(e.option(), e.getMessage()));
            } catch (ConfigException e) {
                problems.add(new OptionProblem(prefix + STRATEGY, e.getMessage()));
            }
        }
        return problems;
    }

    /**
     * The rule options under their full names, so that ConfigDef's own messages name the key the user wrote
     * ({@code rules.email.fields}); ConfigDef.embed would hand its validators the short names.
     */
    private static ConfigDef prefixed(String prefix) {
        ConfigDef def = new ConfigDef();
        for (ConfigDef.ConfigKey key : CONFIG_DEF.configKeys().values()) {
            def.define(prefix + key.name, key.type, key.defaultValue, key.validator, key.importance,
                    key.documentation);
        }
        return def;
    }

    private static MaskStrategy strategy(StrategyName strategyName, String transformPrefix, String prefix,
            AbstractConfig config, Map<String, ?> props, String name, Password hmacSecret) {
        switch (strategyName) {
            case HMAC:
                return new HmacStrategy(secretBytes(transformPrefix + MaskFieldsConfig.HMAC_SECRET, name, hmacSecret),
                        encoding(prefix, config),
                        config.getString(prefix + PREFIX));
            case HASH:
                Password salt = config.getPassword(prefix + SALT);
                byte[] saltBytes = salt == null ? new byte[0] : salt.value().getBytes(StandardCharsets.UTF_8);
                return new HashStrategy(saltBytes, encoding(prefix, config), config.getString(prefix + PREFIX));
            case PARTIAL:
                return new PartialStrategy(config.getInt(prefix + KEEP_FIRST), config.getInt(prefix + KEEP_LAST),
                        config.getString(prefix + MASK_CHAR).codePointAt(0));
            case REDACT:
                boolean nullify = config.getBoolean(prefix + NULLIFY);
                if (nullify && props.containsKey(prefix + REPLACEMENT)) {
                    throw new OptionException(prefix + NULLIFY, "set either " + prefix + REPLACEMENT + " or "
                            + prefix + NULLIFY + "=true, not both");
                }
                return new RedactStrategy(nullify ? null : config.getString(prefix + REPLACEMENT));
            default:
                String regex = config.getString(prefix + PATTERN);
                if (regex == null || regex.isEmpty()) {
                    throw new OptionException(prefix + PATTERN, regex, "strategy regex needs a pattern");
                }
                Pattern pattern = Pattern.compile(regex);
                String replacement = config.getString(prefix + REPLACEMENT);
                ReplacementCheck.requireValid(prefix + REPLACEMENT, replacement, pattern);
                return new RegexStrategy(pattern, replacement);
        }
    }

    private static DigestEncoding encoding(String prefix, AbstractConfig config) {
        return EnumOption.parse(DigestEncoding.class, config.getString(prefix + ENCODING));
    }

    private static byte[] secretBytes(String secretOption, String name, Password secret) {
        String where = "rule '" + name + "' uses strategy hmac: ";
        if (secret == null || secret.value() == null || secret.value().isEmpty()) {
            throw new OptionException(secretOption, where + "set " + secretOption + " (a password; keep it out "
                    + "of the connector config with a config provider, e.g. ${file:/path/secrets.properties:key})");
        }
        byte[] bytes = secret.value().getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            // The message gives the rule, never the secret or its length.
            throw new OptionException(secretOption, where + secretOption + " is too short: use at least "
                    + MIN_SECRET_BYTES + " bytes (32 random bytes, e.g. `openssl rand -base64 32`, is good)");
        }
        return bytes;
    }

    /** Misspelt options and options of another strategy fail loudly: silently ignoring them would mask less. */
    private static void requireApplicableOptions(String prefix, StrategyName strategy, Map<String, ?> props) {
        for (String key : props.keySet()) {
            if (!key.startsWith(prefix)) {
                continue;
            }
            String option = key.substring(prefix.length());
            if (!CONFIG_DEF.names().contains(option)) {
                throw new OptionException(key, key + " is not a rule option; rule options are "
                        + String.join(", ", CONFIG_DEF.names()));
            }
            if (!COMMON_OPTIONS.contains(option) && !strategy.options().contains(option)) {
                throw new OptionException(key, key + " does not apply to strategy " + EnumOption.name(strategy)
                        + "; it applies to " + strategiesUsing(option) + ". Remove it or change "
                        + prefix + STRATEGY);
            }
        }
    }

    private static String strategiesUsing(String option) {
        return Arrays.stream(StrategyName.values()).filter(s -> s.options().contains(option))
                .map(s -> s.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }

    private static void validatePaths(String name, Object value) {
        if (value == null) {
            return;
        }
        List<?> paths = (List<?>) value;
        if (paths.isEmpty()) {
            throw new ConfigException(name, value, "a rule needs at least one field");
        }
        for (Object path : paths) {
            try {
                FieldPath.parse(((String) path).trim());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }
    }

    private static void validateMaskChar(String name, Object value) {
        String text = (String) value;
        if (text == null || text.isEmpty() || text.codePointCount(0, text.length()) != 1) {
            throw new ConfigException(name, value, "must be exactly one character");
        }
    }
}
