package io.tidemark.connect.smt.mask;

/** Replaces the whole value with a fixed text, or with null. */
final class RedactStrategy implements MaskStrategy {

    private final String replacement;

    /** @param replacement the text every value becomes, or {@code null} to null the field */
    RedactStrategy(String replacement) {
        this.replacement = replacement;
    }

    @Override
    public String mask(String value) {
        return replacement;
    }

    @Override
    public boolean yieldsNull() {
        return replacement == null;
    }
}
