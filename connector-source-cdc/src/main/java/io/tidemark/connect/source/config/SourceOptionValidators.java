package io.tidemark.connect.source.config;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import io.debezium.util.Strings;

/** Validators of the options every CDC source connector shares (topic prefix, table lists, key columns). */
public final class SourceOptionValidators {

    private static final Pattern TOPIC_PREFIX_PATTERN = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final Pattern KEY_COLUMNS_ENTRY = Pattern.compile("[^:;]+:[^:;,]+(,[^:;,]+)*");

    private SourceOptionValidators() {
    }

    public static ConfigDef.Validator topicPrefix() {
        return matching(TOPIC_PREFIX_PATTERN, "A topic prefix may contain only ASCII letters, digits, '.', '_' "
                + "and '-'", "non-empty, made of ASCII letters, digits, '.', '_' and '-'");
    }

    public static ConfigDef.Validator matching(Pattern pattern, String message, String description) {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value == null || !pattern.matcher((String) value).matches()) {
                throw new ConfigException(name, value, message);
            }
        }, () -> description);
    }

    /**
     * Uses Debezium's own parser of table lists, so what we accept is what Debezium will apply.
     *
     * @param matchedAgainst what the expressions are matched against, e.g. {@code <schema>.<table>}
     */
    public static ConfigDef.Validator regexList(String matchedAgainst) {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value == null || ((String) value).isBlank()) {
                return;
            }
            try {
                Strings.setOfRegex((String) value, Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                throw new ConfigException(name, value, "Not a list of valid regular expressions: "
                        + e.getDescription() + " in '" + e.getPattern() + "'");
            }
        }, () -> "comma-separated regular expressions matched against " + matchedAgainst);
    }

    /** @param table how a table is written, e.g. {@code <schema>.<table>} */
    public static ConfigDef.Validator keyColumns(String table) {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value == null || ((String) value).isBlank()) {
                return;
            }
            for (String entry : ((String) value).split(";")) {
                if (!KEY_COLUMNS_ENTRY.matcher(entry.trim()).matches()) {
                    throw new ConfigException(name, value, "Entry '" + entry.trim() + "' is not of the form "
                            + table + ":<column>[,<column>...]");
                }
            }
        }, () -> table + ":<column>[,<column>...] entries separated by ';'");
    }
}
