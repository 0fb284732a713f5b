package io.tidemark.connect.smt.mask;

import java.nio.charset.StandardCharsets;

/**
 * Pseudonyms: a SHA-256 based digest of the value's UTF-8 bytes, encoded as text behind an optional prefix. The same
 * input and configuration always give the same pseudonym, in every task and after every restart, so masked values
 * can still be joined and masked keys still land on the same partition.
 */
abstract class DigestStrategy implements MaskStrategy {

    private final DigestEncoding encoding;
    private final String prefix;

    DigestStrategy(DigestEncoding encoding, String prefix) {
        this.encoding = encoding;
        this.prefix = prefix;
    }

    @Override
    public final String mask(String value) {
        String encoded = encoding.encode(digest(value.getBytes(StandardCharsets.UTF_8)));
        return prefix.isEmpty() ? encoded : prefix.concat(encoded);
    }

    abstract byte[] digest(byte[] value);
}
