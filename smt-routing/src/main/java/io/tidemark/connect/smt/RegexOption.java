package io.tidemark.connect.smt;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Config options that hold a regular expression: checked by the ConfigDef, so a typo fails validation. */
public final class RegexOption {

    private RegexOption() {
    }

    /** Accepts null and empty (the option is unset) and any valid Java regular expression. */
    public static ConfigDef.Validator validator() {
        return ConfigDef.LambdaValidator.with(RegexOption::ensureValid, () -> "a Java regular expression");
    }

    private static void ensureValid(String name, Object value) {
        if (value == null || ((String) value).isEmpty()) {
            return;
        }
        try {
            Pattern.compile((String) value);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(name, value, "not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
    }
}
