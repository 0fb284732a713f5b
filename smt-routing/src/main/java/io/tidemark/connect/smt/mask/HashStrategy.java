package io.tidemark.connect.smt.mask;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Plain SHA-256 over the salt followed by the value. Weaker than {@link HmacStrategy}: the salt sits in the
 * configuration, and whoever knows it can hash every likely input (all phone numbers of a country take seconds) and
 * reverse the pseudonyms. Use it only where that is acceptable, e.g. to match pseudonyms made elsewhere.
 */
final class HashStrategy extends DigestStrategy {

    private static final String ALGORITHM = "SHA-256";

    private final byte[] salt;
    /** A MessageDigest is stateful and not thread-safe; one per thread avoids both locking and one per record. */
    private final ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(HashStrategy::newDigest);

    HashStrategy(byte[] salt, DigestEncoding encoding, String prefix) {
        super(encoding, prefix);
        this.salt = salt.clone();
        newDigest(); // fail at configure time, not on the first record
    }

    @Override
    byte[] digest(byte[] value) {
        MessageDigest digest = sha256.get();
        digest.update(salt);
        return digest.digest(value);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        }
    }
}
