package io.tidemark.connect.smt.predicate;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import io.tidemark.connect.smt.field.RecordField;

/** The {@code field} option both predicates share: which value of the record they look at. */
final class FieldOption {

    static final String NAME = "field";
    static final String GROUP = "Predicate";

    private FieldOption() {
    }

    static ConfigDef define(ConfigDef def) {
        return def.define(NAME, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                ConfigDef.LambdaValidator.with(FieldOption::validate,
                        () -> "key, key.<path>, value, value.<path> or header.<name>"),
                ConfigDef.Importance.HIGH,
                "The value to test: key.<path> or value.<path> for a nested field of a Struct or Map key or value "
                        + "(names joined by dots, a name containing dots in backticks, e.g. value.after.status), "
                        + "key or value for the whole key or value, or header.<name> for the last header of that "
                        + "name. Paths do not descend into arrays.",
                GROUP, 1, ConfigDef.Width.LONG, "Field");
    }

    /** @param option the option's full name, for the message */
    static RecordField parse(String option, String text) {
        try {
            return RecordField.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(option, text, e.getMessage());
        }
    }

    private static void validate(String name, Object value) {
        if (value != null) {
            parse(name, (String) value);
        }
    }
}
