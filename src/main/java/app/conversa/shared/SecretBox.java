package app.conversa.shared;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts what must not sit in the database in clear (provider secrets, message content, client
 * personal data): AES-256-GCM with a fresh 12-byte nonce each time, so tampering is detected on
 * reading. Every value is sealed for a context (for example {@code connections.app_secret}) that
 * is authenticated with it, so a sealed value copied into another column or row does not open.
 * The key comes from configuration or a key file (see {@link EncryptionKeys}), never from the
 * database. Layout: version byte, key id byte, nonce, ciphertext with tag.
 */
public final class SecretBox {

    private static final byte VERSION = 1;
    private static final byte KEY_ID = 0;
    private static final int HEADER_BYTES = 2;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecretKey blindIndexKey;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the encryption key must be 32 bytes (AES-256)");
        }
        this.key = new SecretKeySpec(key, "AES");
        // a separate key for the keyed hashes, derived from the same secret (never the AES key itself)
        this.blindIndexKey = new SecretKeySpec(hmac(new SecretKeySpec(key, "HmacSHA256"),
                "conversa/blind-index/v1".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
    }

    /**
     * A keyed hash of a value, for exact-match lookups on a sealed column (a blind index): equal
     * values give equal hashes for one context, and without the key the hash reveals nothing.
     * Hex, 64 characters.
     */
    public String blindIndex(String value, String context) {
        byte[] mac = hmac(blindIndexKey, (context + "\0" + value).getBytes(StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(mac);
    }

    private static byte[] hmac(SecretKey key, byte[] data) {
        try {
            var mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    public byte[] seal(byte[] plain, String context) {
        var nonce = new byte[NONCE_BYTES];
        try {
            byte[] sealed = encryptingCipher(nonce, context).doFinal(plain);
            return ByteBuffer.allocate(HEADER_BYTES + NONCE_BYTES + sealed.length)
                    .put(VERSION).put(KEY_ID).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /**
     * Seals a stream into another without holding it in memory (media files); the result has the
     * layout of {@link #seal(byte[], String)} and opens with {@link #open(byte[], String)}.
     * Returns how many bytes were read.
     */
    public long seal(java.io.InputStream plain, java.io.OutputStream sealed, String context) throws java.io.IOException {
        var nonce = new byte[NONCE_BYTES];
        try {
            var cipher = encryptingCipher(nonce, context);
            sealed.write(new byte[] {VERSION, KEY_ID});
            sealed.write(nonce);
            var encrypting = new javax.crypto.CipherOutputStream(sealed, cipher);
            long read = plain.transferTo(encrypting);
            encrypting.close(); // writes the tag
            return read;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** AES-256-GCM under the key, a fresh random nonce written into {@code nonce}, the context as authenticated data. */
    private Cipher encryptingCipher(byte[] nonce, String context) throws GeneralSecurityException {
        random.nextBytes(nonce);
        var cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    public byte[] open(byte[] sealed, String context) {
        if (sealed.length < HEADER_BYTES + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION || sealed[1] != KEY_ID) {
            throw new IllegalArgumentException("not a value sealed by this version and key");
        }
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, HEADER_BYTES, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            int offset = HEADER_BYTES + NONCE_BYTES;
            return cipher.doFinal(sealed, offset, sealed.length - offset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed: wrong key, wrong context or tampered value", e);
        }
    }

    /** Text sealed into Base64 text, for varchar columns. */
    public String sealText(String plain, String context) {
        return Base64.getEncoder().encodeToString(seal(plain.getBytes(StandardCharsets.UTF_8), context));
    }

    public String openText(String sealed, String context) {
        return new String(open(Base64.getDecoder().decode(sealed), context), StandardCharsets.UTF_8);
    }
}
