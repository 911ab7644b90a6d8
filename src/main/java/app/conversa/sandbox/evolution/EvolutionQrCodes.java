package app.conversa.sandbox.evolution;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * The QR a phone scans to link to an instance, as Evolution makes it: a WhatsApp Web reference
 * string ({@code 2@ref,noiseKey,identityKey,advSecret}) drawn as a PNG data URL (error correction
 * H, margin 3, scale 4, like the {@code qrcode} package's options Evolution passes), and an
 * 8-character pairing code for linking by number instead.
 */
@Component
@ConditionalOnBooleanProperty(name = "conversa.sandbox.enabled")
class EvolutionQrCodes {

    private static final String PAIRING_ALPHABET = "ABCDEFGHJKLMNPQRSTVWXYZ0123456789";
    private static final int SCALE = 4;
    private static final int MARGIN = 3;

    private final SecureRandom random = new SecureRandom();

    String code() {
        return "2@" + base64(48) + "," + base64(32) + "," + base64(32) + "," + base64(32);
    }

    String pairingCode() {
        var code = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            code.append(PAIRING_ALPHABET.charAt(random.nextInt(PAIRING_ALPHABET.length())));
        }
        return code.toString();
    }

    /** The code drawn as Evolution sends it: {@code data:image/png;base64,...}. */
    String dataUrl(String code) {
        try {
            var writer = new QRCodeWriter();
            int modules = writer.encode(code, BarcodeFormat.QR_CODE, 0, 0, hints(0)).getWidth();
            int side = (modules + 2 * MARGIN) * SCALE;
            var png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(writer.encode(code, BarcodeFormat.QR_CODE, side, side, hints(MARGIN)), "PNG",
                    png);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
        } catch (WriterException e) {
            throw new IllegalStateException("QR code not drawable", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<EncodeHintType, Object> hints(int margin) {
        return Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.H, EncodeHintType.MARGIN, margin);
    }

    private String base64(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
