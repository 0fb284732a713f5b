package io.tidemark.connect.sink.dialect.snowflake;

import io.tidemark.connect.fakesnow.PemKeys;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrivateKeyPemTest {

    private static final KeyPair PAIR = generate();

    private static KeyPair generate() {
        try {
            return PemKeys.rsa();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsAnUnencryptedPkcs8Key() {
        assertThat(PrivateKeyPem.parse(PemKeys.pem(PAIR), null).getEncoded()).isEqualTo(PAIR.getPrivate().getEncoded());
    }

    @Test
    void readsAnEncryptedPkcs8KeyWithItsPassphrase() throws Exception {
        String pem = PemKeys.encryptedPem(PAIR, "correct horse");

        assertThat(pem).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(PrivateKeyPem.parse(pem, "correct horse").getEncoded()).isEqualTo(PAIR.getPrivate().getEncoded());
    }

    @Test
    void readsAKeyWrittenOnOneLineOfAPropertiesFile() {
        String oneLine = PemKeys.pem(PAIR).replace("\n", "\\n");
        String bodyOnly = Base64.getEncoder().encodeToString(PAIR.getPrivate().getEncoded());

        assertThat(PrivateKeyPem.parse(oneLine, null).getEncoded()).isEqualTo(PAIR.getPrivate().getEncoded());
        assertThat(PrivateKeyPem.parse(bodyOnly, null).getEncoded()).isEqualTo(PAIR.getPrivate().getEncoded());
    }

    @Test
    void refusesAWrongOrMissingPassphraseWithoutShowingTheKey() throws Exception {
        String pem = PemKeys.encryptedPem(PAIR, "correct horse");

        assertThatThrownBy(() -> PrivateKeyPem.parse(pem, "wrong")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wrong passphrase").satisfies(e -> assertThat(e.getMessage()).doesNotContain("MII"));
        assertThatThrownBy(() -> PrivateKeyPem.parse(pem, null)).hasMessageContaining("snowflake.private.key.passphrase");
    }

    @Test
    void explainsHowToConvertAPkcs1Key() {
        assertThatThrownBy(() -> PrivateKeyPem.parse("-----BEGIN RSA PRIVATE KEY-----\nMIIabc\n-----END RSA PRIVATE KEY-----", null))
                .hasMessageContaining("PKCS#1").hasMessageContaining("openssl pkcs8 -topk8");
    }

    @Test
    void refusesTextThatIsNoKey() {
        assertThatThrownBy(() -> PrivateKeyPem.parse("not a key!", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an RSA key in PKCS#8 form");
        assertThatThrownBy(() -> PrivateKeyPem.parse("-----BEGIN PRIVATE KEY-----\nAAAA", null))
                .hasMessageContaining("no complete -----BEGIN/END PRIVATE KEY----- block");
    }
}
