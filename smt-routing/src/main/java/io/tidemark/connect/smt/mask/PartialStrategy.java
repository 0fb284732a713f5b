package io.tidemark.connect.smt.mask;

/**
 * Keeps the first and last characters of a value and replaces the ones between with a mask character, keeping the
 * length: {@code 4111111111111111} with keep.last=4 becomes {@code ************1111}. Characters are Unicode code
 * points, so a kept or masked character is never half of a surrogate pair.
 */
final class PartialStrategy implements MaskStrategy {

    private final int keepFirst;
    private final int keepLast;
    private final int maskChar;

    PartialStrategy(int keepFirst, int keepLast, int maskChar) {
        this.keepFirst = keepFirst;
        this.keepLast = keepLast;
        this.maskChar = maskChar;
    }

    /**
     * A value no longer than keep.first + keep.last characters is masked whole: keeping its "ends" would reveal all of
     * it.
     */
    @Override
    public String mask(String value) {
        int length = value.codePointCount(0, value.length());
        int first = keepFirst;
        int last = keepLast;
        if (length <= (long) first + last) {
            first = 0;
            last = 0;
        }
        int headEnd = value.offsetByCodePoints(0, first);
        int tailStart = value.offsetByCodePoints(value.length(), -last);
        StringBuilder masked = new StringBuilder(value.length());
        masked.append(value, 0, headEnd);
        for (int i = length - first - last; i > 0; i--) {
            masked.appendCodePoint(maskChar);
        }
        return masked.append(value, tailStart, value.length()).toString();
    }
}
