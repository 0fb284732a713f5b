package io.tidemark.connect.sink.dialect.snowflake;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Reads the private key of Snowflake key-pair authentication: PKCS#8 in PEM form, as
 * {@code openssl genrsa 2048 | openssl pkcs8 -topk8 -nocrypt} writes it, or encrypted with a passphrase
 * ({@code -v2 aes256}, PBES2). The driver signs its login JWT with the result. Messages never contain
 * the key or the passphrase.
 */
final class PrivateKeyPem {

    private static final String ENCRYPTED = "ENCRYPTED PRIVATE KEY";
    private static final String PLAIN = "PRIVATE KEY";

    private PrivateKeyPem() {
    }

    /**
     * @param pem        the PEM text, or only its base64 body; line breaks may be written as the two
     *                   characters \n (a properties file keeps the key on one line that way)
     * @param passphrase the passphrase of an encrypted key, or null
     * @throws IllegalArgumentException saying what is wrong with the key, without showing it
     */
    static PrivateKey parse(String pem, String passphrase) {
        String text = pem.replace("\\n", "\n").replace("\\r", "").trim();
        if (text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY")) {
            throw new IllegalArgumentException("The private key is in the older PKCS#1 form; Snowflake key pairs use PKCS#8."
                    + " Convert it with: openssl pkcs8 -topk8 -v2 aes256 -in rsa_key.pem -out rsa_key.p8");
        }
        boolean encrypted = text.contains("BEGIN " + ENCRYPTED);
        byte[] der = der(text, encrypted ? ENCRYPTED : PLAIN);
        try {
            if (encrypted) {
                if (passphrase == null || passphrase.isEmpty()) {
                    throw new IllegalArgumentException("The private key is encrypted; set its passphrase"
                            + " (snowflake.private.key.passphrase).");
                }
                der = decrypt(der, passphrase);
            }
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(encrypted
                    ? "The encrypted private key cannot be read: wrong passphrase, or not an RSA key in PKCS#8 form."
                    : "The private key cannot be read: not an RSA key in PKCS#8 form.", e);
        }
    }

    private static byte[] der(String text, String label) {
        String body = text;
        int begin = text.indexOf("-----BEGIN " + label + "-----");
        int end = text.indexOf("-----END " + label + "-----");
        if (begin >= 0 && end > begin) {
            body = text.substring(begin + ("-----BEGIN " + label + "-----").length(), end);
        } else if (text.contains("-----")) {
            throw new IllegalArgumentException("The private key has no complete -----BEGIN/END " + label + "----- block.");
        }
        try {
            return Base64.getMimeDecoder().decode(body.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The private key is not valid base64 PEM.", e);
        }
    }

    /**
     * PBES2 keys name their cipher in their parameters ("PBEWithHmacSHA256AndAES_256"), which is also
     * the name the JDK's SecretKeyFactory and Cipher know them by.
     */
    private static byte[] decrypt(byte[] der, String passphrase) throws IOException, GeneralSecurityException {
        EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
        String algorithm = info.getAlgParameters() == null ? info.getAlgName() : info.getAlgParameters().toString();
        PBEKeySpec spec = new PBEKeySpec(passphrase.toCharArray());
        try {
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(algorithm).generateSecret(spec), info.getAlgParameters());
            return info.getKeySpec(cipher).getEncoded();
        } finally {
            spec.clearPassword();
        }
    }
}
