package io.tidemark.connect.fakesnow;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * RSA key pairs in the PEM forms users make with openssl for Snowflake: {@code openssl pkcs8 -topk8
 * -nocrypt} (PKCS#8) and {@code openssl pkcs8 -topk8 -v2 aes256 -v2prf hmacWithSHA256} (PBES2-encrypted PKCS#8).
 * fakesnow accepts any login, so any pair will do for it; these are what a user would register.
 */
public final class PemKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PemKeys() {
    }

    public static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    public static String pem(KeyPair pair) {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    public static String encryptedPem(KeyPair pair, String passphrase) throws GeneralSecurityException, java.io.IOException {
        String algorithm = "PBEWithHmacSHA256AndAES_256";
        byte[] salt = new byte[16];
        byte[] iv = new byte[16];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(iv);
        Cipher cipher = Cipher.getInstance(algorithm);
        cipher.init(Cipher.ENCRYPT_MODE, SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(passphrase.toCharArray())),
                new PBEParameterSpec(salt, 10_000, new IvParameterSpec(iv)));
        byte[] encrypted = cipher.doFinal(pair.getPrivate().getEncoded());
        // EncryptedPrivateKeyInfo's constructor cannot name PBES2 on Java 17, so the DER is written here:
        // SEQUENCE { SEQUENCE { OID pkcs5PBES2, PBES2-params }, OCTET STRING encrypted }.
        byte[] pbes2 = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x05, 0x0d};
        byte[] algorithmId = der(0x30, concat(pbes2, cipher.getParameters().getEncoded()));
        byte[] info = der(0x30, concat(algorithmId, der(0x04, encrypted)));
        new EncryptedPrivateKeyInfo(info); // the JDK reads it back, as it reads openssl's
        return pem("ENCRYPTED PRIVATE KEY", info);
    }

    private static byte[] der(int tag, byte[] content) {
        int length = content.length;
        byte[] header = length < 0x80 ? new byte[] {(byte) tag, (byte) length}
                : length < 0x100 ? new byte[] {(byte) tag, (byte) 0x81, (byte) length}
                : new byte[] {(byte) tag, (byte) 0x82, (byte) (length >> 8), (byte) length};
        return concat(header, content);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END "
                + label + "-----\n";
    }
}
