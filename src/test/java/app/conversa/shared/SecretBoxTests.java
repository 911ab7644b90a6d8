package app.conversa.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SecretBoxTests {

    private final SecretBox box = new SecretBox(key((byte) 7));

    @Test
    void whatIsSealedOpensAgainAndEachSealingDiffers() {
        String first = box.sealText("EAAG-token-ñ-😀");
        String second = box.sealText("EAAG-token-ñ-😀");

        assertThat(first).isNotEqualTo(second).doesNotContain("EAAG");
        assertThat(box.openText(first)).isEqualTo("EAAG-token-ñ-😀");
        assertThat(box.openText(second)).isEqualTo("EAAG-token-ñ-😀");
    }

    @Test
    void aTamperedValueOrAnotherKeyIsRefused() {
        byte[] sealed = box.seal(new byte[] {1, 2, 3});
        byte[] tampered = Arrays.copyOf(sealed, sealed.length);
        tampered[tampered.length - 1] ^= 1;

        assertThatThrownBy(() -> box.open(tampered)).hasMessageContaining("tampered");
        assertThatThrownBy(() -> new SecretBox(key((byte) 8)).open(sealed)).hasMessageContaining("wrong key");
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
