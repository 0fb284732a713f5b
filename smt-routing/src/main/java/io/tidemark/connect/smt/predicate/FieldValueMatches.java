package io.tidemark.connect.smt.predicate;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.predicates.Predicate;

import io.tidemark.connect.smt.OptionException;
import io.tidemark.connect.smt.OptionProblem;
import io.tidemark.connect.smt.PluginVersion;
import io.tidemark.connect.smt.PrefixedOptions;
import io.tidemark.connect.smt.RegexOption;
import io.tidemark.connect.smt.field.FieldPath;
import io.tidemark.connect.smt.field.RecordField;
import io.tidemark.connect.smt.field.ScalarText;

/**
 * True for records whose field, read as text, equals a value or matches a regular expression. Absent fields, nulls
 * and non-scalar values (Struct, Map, List) never match.
 */
public class FieldValueMatches<R extends ConnectRecord<R>> implements Predicate<R> {

    public static final String OVERVIEW_DOC = "A predicate that is true for records whose field (a nested path into "
            + "the key or the value, or a header) equals a value or matches a regular expression. Numbers, booleans "
            + "and decimals are compared in their plain text form; absent fields, nulls and non-scalar values never "
            + "match.";

    static final String EQUALS = "equals";
    static final String PATTERN = "pattern";

    public static final ConfigDef CONFIG_DEF = FieldOption.define(new ConfigDef())
            .define(EQUALS, ConfigDef.Type.STRING, null, ConfigDef.Importance.HIGH,
                    "The predicate is true when the field's text equals this value exactly (case-sensitive). Set "
                            + "either equals or pattern.",
                    FieldOption.GROUP, 2, ConfigDef.Width.MEDIUM, "Equals")
            .define(PATTERN, ConfigDef.Type.STRING, null, RegexOption.validator(),
                    ConfigDef.Importance.HIGH,
                    "The predicate is true when this regular expression matches the field's whole text (Java syntax; "
                            + "use (?i) for case-insensitive, .* around a fragment to find it anywhere). Set either "
                            + "equals or pattern.",
                    FieldOption.GROUP, 3, ConfigDef.Width.MEDIUM, "Pattern");

    private RecordField field;
    private String expected;
    private Pattern pattern;

    /**
     * What {@link #configure} would refuse in a connector configuration, where this predicate's options are named
     * {@code prefix + option} (e.g. {@code predicates.isOrder.}); every problem names the full option.
     */
    public static List<OptionProblem> optionProblems(String prefix, Map<String, String> connectorConfig) {
        return PrefixedOptions.problems(PrefixedOptions.def(CONFIG_DEF, prefix), connectorConfig,
                prefix + PATTERN, () -> new FieldValueMatches<>().configure(prefix, connectorConfig));
    }

    @Override
    public void configure(Map<String, ?> props) {
        configure(PrefixedOptions.PREDICATE_AT_START,
                PrefixedOptions.withPrefix(props, PrefixedOptions.PREDICATE_AT_START));
    }

    private void configure(String prefix, Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(PrefixedOptions.def(CONFIG_DEF, prefix), props, false);
        field = FieldOption.parse(prefix + FieldOption.NAME, config.getString(prefix + FieldOption.NAME));
        expected = config.getString(prefix + EQUALS);
        String regex = config.getString(prefix + PATTERN);
        if ((expected == null) == (regex == null)) {
            throw new OptionException(prefix + PATTERN, "FieldValueMatches needs exactly one of '" + prefix + EQUALS
                    + "' and '" + prefix + PATTERN + "'");
        }
        pattern = regex == null ? null : Pattern.compile(regex);
    }

    @Override
    public boolean test(R record) {
        Object value = field.resolve(record);
        if (value == FieldPath.ABSENT) {
            return false;
        }
        String text = ScalarText.of(value);
        if (text == null) {
            return false;
        }
        return pattern == null ? expected.equals(text) : pattern.matcher(text).matches();
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
    }
}
