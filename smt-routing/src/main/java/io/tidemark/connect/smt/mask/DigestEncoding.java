package io.tidemark.connect.smt.mask;

import java.util.Base64;
import java.util.HexFormat;

/** How a digest's bytes are written as text in a pseudonym. */
enum DigestEncoding {
    /** 64 lower-case hex characters for SHA-256. */
    HEX {
        @Override
        String encode(byte[] digest) {
            return HexFormat.of().formatHex(digest);
        }
    },
    /** Standard Base64 with padding (44 characters for SHA-256). */
    BASE64 {
        @Override
        String encode(byte[] digest) {
            return Base64.getEncoder().encodeToString(digest);
        }
    },
    /** URL- and file-name-safe Base64 without padding (43 characters for SHA-256). */
    BASE64URL {
        @Override
        String encode(byte[] digest) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        }
    };

    abstract String encode(byte[] digest);
}
