package app.conversa.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SecretBoxTests {

    private final SecretBox box = new SecretBox(key((byte) 7));

    @Test
    void whatIsSealedOpensAgainForItsContextAndEachSealingDiffers() {
        String first = box.sealText("EAAG-token-ñ-😀", "connections.access_token");
        String second = box.sealText("EAAG-token-ñ-😀", "connections.access_token");

        assertThat(first).isNotEqualTo(second);
        assertThat(box.openText(first, "connections.access_token")).isEqualTo("EAAG-token-ñ-😀");
        assertThat(box.openText(second, "connections.access_token")).isEqualTo("EAAG-token-ñ-😀");
    }

    @Test
    void aSealedStreamOpensLikeASealedValue() throws Exception {
        byte[] plain = new byte[300_000];
        new java.util.Random(1).nextBytes(plain);
        var sealed = new java.io.ByteArrayOutputStream();

        long read = box.seal(new java.io.ByteArrayInputStream(plain), sealed, "media:x");

        assertThat(read).isEqualTo(plain.length);
        assertThat(box.open(sealed.toByteArray(), "media:x")).isEqualTo(plain);
        assertThatThrownBy(() -> box.open(sealed.toByteArray(), "media:y")).hasMessageContaining("wrong context");
    }

    @Test
    void aValueMovedToAnotherContextDoesNotOpen() {
        String appSecret = box.sealText("app-secret", "connections.app_secret");

        assertThatThrownBy(() -> box.openText(appSecret, "connections.verify_token")).hasMessageContaining("wrong context");
    }

    @Test
    void aTamperedValueAnotherKeyOrAnUnknownLayoutIsRefused() {
        byte[] sealed = box.seal(new byte[] {1, 2, 3}, "test");
        byte[] tamperedTag = Arrays.copyOf(sealed, sealed.length);
        tamperedTag[tamperedTag.length - 1] ^= 1;
        byte[] tamperedNonce = Arrays.copyOf(sealed, sealed.length);
        tamperedNonce[3] ^= 1;
        byte[] otherVersion = Arrays.copyOf(sealed, sealed.length);
        otherVersion[0] = 9;

        assertThatThrownBy(() -> box.open(tamperedTag, "test")).hasMessageContaining("tampered");
        assertThatThrownBy(() -> box.open(tamperedNonce, "test")).hasMessageContaining("tampered");
        assertThatThrownBy(() -> new SecretBox(key((byte) 8)).open(sealed, "test")).hasMessageContaining("wrong key");
        assertThatThrownBy(() -> box.open(otherVersion, "test")).hasMessageContaining("not a value sealed");
        assertThatThrownBy(() -> box.open(Arrays.copyOf(sealed, 20), "test")).hasMessageContaining("not a value sealed");
    }

    @Test
    void blindIndexesMatchEqualValuesPerContextAndKeyOnly() {
        String hash = box.blindIndex("1712345678", "clients.document");
        assertThat(hash).hasSize(64).isEqualTo(box.blindIndex("1712345678", "clients.document"))
                .doesNotContain("1712345678");
        assertThat(box.blindIndex("1712345679", "clients.document")).isNotEqualTo(hash);
        assertThat(box.blindIndex("1712345678", "other.column")).isNotEqualTo(hash);
        assertThat(new SecretBox(key((byte) 8)).blindIndex("1712345678", "clients.document")).as("another key").isNotEqualTo(hash);
    }

    @Test
    void onlyAes256KeysAreAccepted() {
        assertThatThrownBy(() -> new SecretBox(new byte[16])).hasMessageContaining("32 bytes");
    }

    private static byte[] key(byte fill) {
        var key = new byte[32];
        Arrays.fill(key, fill);
        return key;
    }
}
