package io.tidemark.connect.smt.predicate;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.predicates.Predicate;

import io.tidemark.connect.smt.OptionProblem;
import io.tidemark.connect.smt.PluginVersion;
import io.tidemark.connect.smt.PrefixedOptions;
import io.tidemark.connect.smt.field.FieldPath;
import io.tidemark.connect.smt.field.RecordField;

/**
 * True for records that have a given field: every name along the path is a field of its Struct's schema or a key
 * of its Map, and everything before the last name holds a Struct or a Map.
 */
public class FieldExists<R extends ConnectRecord<R>> implements Predicate<R> {

    public static final String OVERVIEW_DOC = "A predicate that is true for records that have a field: a nested path "
            + "into the key or the value (Struct or Map), or a header. Use it with any transform's predicate option, "
            + "and its negate option for records that lack the field.";

    static final String NULL_IS_ABSENT = "null.is.absent";

    public static final ConfigDef CONFIG_DEF = FieldOption.define(new ConfigDef())
            .define(NULL_IS_ABSENT, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.MEDIUM,
                    "When true, a field that is present but null counts as absent (the predicate is false). When false "
                            + "(the default), presence alone counts: a nullable column that holds null exists.",
                    FieldOption.GROUP, 2, ConfigDef.Width.SHORT, "Null is absent");

    private RecordField field;
    private boolean nullIsAbsent;

    /**
     * What {@link #configure} would refuse in a connector configuration, where this predicate's options are named
     * {@code prefix + option} (e.g. {@code predicates.hasEmail.}); every problem names the full option.
     */
    public static List<OptionProblem> optionProblems(String prefix, Map<String, String> connectorConfig) {
        return PrefixedOptions.problems(PrefixedOptions.def(CONFIG_DEF, prefix), connectorConfig);
    }

    @Override
    public void configure(Map<String, ?> props) {
        String prefix = PrefixedOptions.PREDICATE_AT_START;
        AbstractConfig config = new AbstractConfig(PrefixedOptions.def(CONFIG_DEF, prefix),
                PrefixedOptions.withPrefix(props, prefix), false);
        field = FieldOption.parse(prefix + FieldOption.NAME, config.getString(prefix + FieldOption.NAME));
        nullIsAbsent = config.getBoolean(prefix + NULL_IS_ABSENT);
    }

    @Override
    public boolean test(R record) {
        Object value = field.resolve(record);
        return value != FieldPath.ABSENT && !(nullIsAbsent && value == null);
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
