package io.tidemark.connect.systemtest.reconcile;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a masked column must hold in the warehouse, computed from the source value independently of
 * the masking transform (with the JDK's HMAC and plain string code), so that a wrong mask, a missing
 * one and a leaked original all show up as a difference.
 */
@FunctionalInterface
public interface ColumnMask {

    /** The expected warehouse value for a non-null source value. */
    String expected(String sourceValue);

    /** {@code prefix} + hex HMAC-SHA-256 of the UTF-8 value, keyed with {@code secret}. */
    static ColumnMask hmacHex(String secret, String prefix) {
        SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        return value -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return prefix + HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        };
    }

    /**
     * The first {@code keepFirst} and last {@code keepLast} characters kept, every other one replaced
     * by {@code maskChar}; a value no longer than both together is masked whole.
     */
    static ColumnMask partial(int keepFirst, int keepLast, char maskChar) {
        return value -> {
            int[] codePoints = value.codePoints().toArray();
            boolean whole = codePoints.length <= keepFirst + keepLast;
            StringBuilder masked = new StringBuilder(value.length());
            for (int i = 0; i < codePoints.length; i++) {
                boolean kept = !whole && (i < keepFirst || i >= codePoints.length - keepLast);
                masked.appendCodePoint(kept ? codePoints[i] : maskChar);
            }
            return masked.toString();
        };
    }
}
