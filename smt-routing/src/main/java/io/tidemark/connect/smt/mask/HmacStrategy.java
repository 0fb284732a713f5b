package io.tidemark.connect.smt.mask;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 keyed with the configured secret: without the secret nobody can compute a pseudonym, so a dictionary
 * of likely inputs (every phone number, a list of e-mail addresses) cannot be hashed and compared.
 */
final class HmacStrategy extends DigestStrategy {

    private static final String ALGORITHM = "HmacSHA256";

    /** A {@link Mac} is stateful and not thread-safe; one per thread avoids both locking and a new Mac per record. */
    private final ThreadLocal<Mac> mac;

    HmacStrategy(byte[] secret, DigestEncoding encoding, String prefix) {
        super(encoding, prefix);
        SecretKeySpec key = new SecretKeySpec(secret, ALGORITHM);
        newMac(key); // fail at configure time, not on the first record
        this.mac = ThreadLocal.withInitial(() -> newMac(key));
    }

    @Override
    byte[] digest(byte[] value) {
        return mac.get().doFinal(value);
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac instance = Mac.getInstance(ALGORITHM);
            instance.init(key);
            return instance;
        } catch (InvalidKeyException e) {
            // The exception text never carries the key material.
            throw new IllegalArgumentException("the HMAC secret is not a usable key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        }
    }
}
