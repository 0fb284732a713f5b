package io.tidemark.connect.smt.mask;

import java.util.regex.Pattern;

import io.tidemark.connect.smt.OptionException;

/**
 * Checks a regex replacement's group references ({@code $1}, {@code ${name}}) against its pattern at configure time.
 * {@link java.util.regex.Matcher#replaceAll} would only find a bad reference on the first record that matches,
 * failing the task long after the configuration was accepted. The syntax read here is Matcher's own.
 */
final class ReplacementCheck {

    private ReplacementCheck() {
    }

    static void requireValid(String option, String replacement, Pattern pattern) {
        int groups = pattern.matcher("").groupCount();
        int i = 0;
        while (i < replacement.length()) {
            char c = replacement.charAt(i);
            if (c == '\\') {
                if (i + 1 == replacement.length()) {
                    throw new OptionException(option, replacement, "ends with a lone backslash");
                }
                i += 2;
            } else if (c == '$') {
                i = checkReference(option, replacement, i + 1, pattern, groups);
            } else {
                i++;
            }
        }
    }

    /** Checks the reference after a '$' at {@code start}; returns the index after it. */
    private static int checkReference(String option, String replacement, int start, Pattern pattern, int groups) {
        if (start == replacement.length()) {
            throw new OptionException(option, replacement, "'$' must be followed by a group number or {name}; "
                    + "write \\$ for a literal dollar sign");
        }
        char next = replacement.charAt(start);
        if (next == '{') {
            int close = replacement.indexOf('}', start);
            String name = close < 0 ? "" : replacement.substring(start + 1, close);
            if (name.isEmpty() || !pattern.pattern().contains("(?<" + name + ">")) {
                throw new OptionException(option, replacement, "refers to a group '" + name + "' that the pattern "
                        + "does not name");
            }
            return close + 1;
        }
        if (next < '0' || next > '9') {
            throw new OptionException(option, replacement, "'$' must be followed by a group number or {name}; "
                    + "write \\$ for a literal dollar sign");
        }
        // Matcher reads the first digit always, further digits only while they form an existing group.
        int group = next - '0';
        if (group > groups) {
            throw new OptionException(option, replacement, "refers to group " + group + " but the pattern has "
                    + groups + " group(s)");
        }
        return start + 1;
    }
}
