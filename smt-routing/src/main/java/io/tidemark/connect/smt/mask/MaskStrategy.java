package io.tidemark.connect.smt.mask;

/**
 * How a rule turns a field's text into its masked form. Implementations are immutable and safe to share between
 * threads; they are built once at configure time.
 */
interface MaskStrategy {

    /** The masked text, or {@code null} for strategies that blank values to null. Never called with null. */
    String mask(String value);

    /** True when {@link #mask} returns null, so that a plan can refuse to null a required field. */
    default boolean yieldsNull() {
        return false;
    }
}
