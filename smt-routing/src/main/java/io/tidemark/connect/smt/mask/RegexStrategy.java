package io.tidemark.connect.smt.mask;

import java.util.regex.Pattern;

/**
 * Replaces every match of a pattern inside the value, leaving the rest: card numbers or e-mail addresses inside free
 * text. The replacement may refer to groups ({@code $1}, {@code ${name}}), as in {@link java.util.regex.Matcher}.
 */
final class RegexStrategy implements MaskStrategy {

    private final Pattern pattern;
    private final String replacement;

    RegexStrategy(Pattern pattern, String replacement) {
        this.pattern = pattern;
        this.replacement = replacement;
    }

    @Override
    public String mask(String value) {
        return pattern.matcher(value).replaceAll(replacement);
    }
}
