package io.tidemark.connect.smt.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class MaskStrategiesTest {

    static final String SECRET = "tidemark-test-secret-0123456789";
    /** HMAC-SHA-256(SECRET, "alice@example.com"), computed independently (Python's hmac module). */
    static final String ALICE_HMAC_HEX = "bc0491959b76cc424669894fc8c9e40faf87db820d974186db1afebf0e71b51f";

    @Test
    void hmacMatchesTheRfc4231TestVector() {
        HmacStrategy hmac = new HmacStrategy(bytes("\u000b".repeat(20)), DigestEncoding.HEX, "");
        assertThat(hmac.mask("Hi There"))
                .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    }

    @Test
    void hmacWritesTheDigestInTheConfiguredEncodingBehindThePrefix() {
        assertThat(new HmacStrategy(bytes(SECRET), DigestEncoding.HEX, "").mask("alice@example.com"))
                .isEqualTo(ALICE_HMAC_HEX);
        assertThat(new HmacStrategy(bytes(SECRET), DigestEncoding.BASE64, "e_").mask("alice@example.com"))
                .isEqualTo("e_vASRlZt2zEJGaYlPyMnkD6+H24INl0GG2xr+vw5xtR8=");
        assertThat(new HmacStrategy(bytes(SECRET), DigestEncoding.BASE64URL, "").mask("alice@example.com"))
                .isEqualTo("vASRlZt2zEJGaYlPyMnkD6-H24INl0GG2xr-vw5xtR8");
    }

    @Test
    void hmacGivesTheSamePseudonymOnEveryThread() throws Exception {
        HmacStrategy hmac = new HmacStrategy(bytes(SECRET), DigestEncoding.HEX, "");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> hmac.mask("alice@example.com")));
            }
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo(ALICE_HMAC_HEX);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void hashIsSha256OfTheSaltFollowedByTheValue() {
        assertThat(new HashStrategy(bytes("pepper"), DigestEncoding.HEX, "").mask("alice@example.com"))
                .isEqualTo("8b8d9adc4875c0dca816e3e17b7ac87b45e40945b731fa02e3b42bf101589e21");
        assertThat(new HashStrategy(new byte[0], DigestEncoding.HEX, "h:").mask("alice@example.com"))
                .isEqualTo("h:ff8d9819fc0e12bf0d24892e45987e249a28dce836a85cad60e28eaaa8c6d976");
    }

    @Test
    void partialKeepsTheConfiguredEndsAndTheLength() {
        assertThat(new PartialStrategy(0, 4, '*').mask("4111111111111111")).isEqualTo("************1111");
        assertThat(new PartialStrategy(3, 2, '#').mask("+33612345678")).isEqualTo("+33#######78");
        assertThat(new PartialStrategy(1, 0, '*').mask("alice")).isEqualTo("a****");
    }

    @Test
    void partialMasksShortValuesWhole() {
        assertThat(new PartialStrategy(0, 4, '*').mask("1234")).isEqualTo("****");
        assertThat(new PartialStrategy(2, 2, '*').mask("abc")).isEqualTo("***");
        assertThat(new PartialStrategy(0, 4, '*').mask("")).isEmpty();
        assertThat(new PartialStrategy(Integer.MAX_VALUE, Integer.MAX_VALUE, '*').mask("abc")).isEqualTo("***");
    }

    @Test
    void partialCountsCharactersNotUtf16Units() {
        String value = "\uD83D\uDE00ab\uD83D\uDE01c\uD83D\uDE02"; // 😀ab😁c😂: 6 characters
        assertThat(new PartialStrategy(1, 1, '•').mask(value)).isEqualTo("\uD83D\uDE00••••\uD83D\uDE02");
        assertThat(new PartialStrategy(0, 0, 0x1F512).mask("ab")).isEqualTo("\uD83D\uDD12\uD83D\uDD12");
    }

    @Test
    void redactReplacesTheWholeValueOrNullsIt() {
        assertThat(new RedactStrategy("[redacted]").mask("secret")).isEqualTo("[redacted]");
        assertThat(new RedactStrategy("[redacted]").yieldsNull()).isFalse();
        assertThat(new RedactStrategy(null).mask("secret")).isNull();
        assertThat(new RedactStrategy(null).yieldsNull()).isTrue();
    }

    @Test
    void regexReplacesEveryMatchAndKeepsTheRest() {
        RegexStrategy cards = new RegexStrategy(Pattern.compile("\\b(\\d{4})[ -]?\\d{4}[ -]?\\d{4}[ -]?(\\d{4})\\b"),
                "$1-****-****-$2");
        assertThat(cards.mask("paid with 4111 1111 1111 1234, then 5500-0000-0000-0004."))
                .isEqualTo("paid with 4111-****-****-1234, then 5500-****-****-0004.");
        RegexStrategy emails = new RegexStrategy(Pattern.compile("[\\w.+-]+@(?<domain>[\\w-]+\\.[\\w.]+)"),
                "***@${domain}");
        assertThat(emails.mask("write to a.b@example.com or c@d.org"))
                .isEqualTo("write to ***@example.com or ***@d.org");
        assertThat(emails.mask("nothing here")).isEqualTo("nothing here");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
