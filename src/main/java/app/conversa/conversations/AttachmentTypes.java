package app.conversa.conversations;

import app.conversa.channels.MessageKind;
import app.conversa.shared.ConversaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import org.apache.tika.Tika;
import org.springframework.core.io.InputStreamSource;

/**
 * What an agent may attach: WhatsApp's types and sizes (PROTOCOLS.md A6; no video), and whether a
 * file's bytes are what its declared type says. The type a browser declares is only a claim (HTML
 * declared as image/png would be stored and served as an image): the first bytes are read with
 * Apache Tika's magic-number detection and must name the same kind of file.
 */
final class AttachmentTypes {

    /** Enough of a file's start for every signature below (ADTS frames behind an ID3 tag need the most). */
    private static final int HEAD = 16 * 1024;
    private static final Tika TIKA = new Tika();

    record Limit(MessageKind kind, int megabytes) {

        long bytes() {
            return megabytes * 1024L * 1024L;
        }

        /** Checked on the size the container counted, before any byte is read. */
        void requireFits(long size) {
            if (size <= 0) {
                throw ConversaException.invalid("message.empty_file");
            }
            if (size > bytes()) {
                throw ConversaException.invalid("message.file_too_large", megabytes);
            }
        }
    }

    private static final Map<String, Limit> LIMITS = Map.of(
            "image/jpeg", new Limit(MessageKind.IMAGE, 5), "image/png", new Limit(MessageKind.IMAGE, 5),
            "application/pdf", new Limit(MessageKind.DOCUMENT, 100),
            "audio/ogg", new Limit(MessageKind.AUDIO, 16), "audio/mpeg", new Limit(MessageKind.AUDIO, 16),
            "audio/mp4", new Limit(MessageKind.AUDIO, 16), "audio/aac", new Limit(MessageKind.AUDIO, 16),
            "audio/amr", new Limit(MessageKind.AUDIO, 16));

    /** The largest file any type allows: a request longer than this (plus its form fields) is refused unread. */
    static final long LARGEST = LIMITS.values().stream().mapToLong(Limit::bytes).max().orElseThrow();

    /** Declared type → what the detector may find in such a file (containers are named loosely by their brand). */
    private static final Map<String, Set<String>> SIGNATURES = Map.ofEntries(
            Map.entry("image/jpeg", Set.of("image/jpeg")),
            Map.entry("image/png", Set.of("image/png")),
            Map.entry("application/pdf", Set.of("application/pdf")),
            Map.entry("audio/ogg", Set.of("audio/ogg", "audio/opus", "audio/vorbis", "audio/speex", "application/ogg")),
            Map.entry("audio/mpeg", Set.of("audio/mpeg")),
            Map.entry("audio/mp4", Set.of("audio/mp4", "video/mp4", "video/quicktime")),
            Map.entry("audio/x-m4a", Set.of("audio/mp4", "video/mp4", "video/quicktime")),
            Map.entry("video/mp4", Set.of("audio/mp4", "video/mp4", "video/quicktime")),
            Map.entry("audio/aac", Set.of("audio/x-aac", "audio/mpeg")),
            Map.entry("audio/amr", Set.of("audio/amr")),
            Map.entry("audio/webm", Set.of("audio/webm", "video/webm", "application/x-matroska")),
            Map.entry("video/webm", Set.of("audio/webm", "video/webm", "application/x-matroska")));

    private AttachmentTypes() {
    }

    /** The limit of a type agents may send, or a refusal that says why not. */
    static Limit limitOf(String mimeType) {
        if (mimeType.startsWith("video/")) {
            throw ConversaException.invalid("message.video_refused");
        }
        var limit = LIMITS.get(mimeType);
        if (limit == null) {
            throw ConversaException.invalid("message.type_refused", mimeType);
        }
        return limit;
    }

    /**
     * Refuses content whose bytes are not the declared type; a voice note must moreover be Opus in
     * OGG (WhatsApp plays nothing else as a voice note).
     */
    static void requireContentIs(String mimeType, InputStreamSource content, boolean voiceNote) {
        byte[] head = head(content);
        var expected = SIGNATURES.get(mimeType);
        if (expected == null || !expected.contains(TIKA.detect(head))) {
            throw ConversaException.invalid("message.content_mismatch", mimeType);
        }
        if (voiceNote && mimeType.equals("audio/ogg") && !isOggOpus(head)) {
            throw ConversaException.invalid("message.voice_format");
        }
    }

    /**
     * Whether the first Ogg page holds the Opus identification header (RFC 7845 section 3): it
     * follows the 27-byte page header and the page's segment table. Tika names most Ogg files only
     * "application/ogg", whatever codec they carry.
     */
    private static boolean isOggOpus(byte[] head) {
        if (head.length < 27) {
            return false;
        }
        int start = 27 + (head[26] & 0xFF);
        byte[] opusHead = "OpusHead".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return head.length >= start + opusHead.length
                && java.util.Arrays.equals(head, start, start + opusHead.length, opusHead, 0, opusHead.length);
    }

    private static byte[] head(InputStreamSource content) {
        try (InputStream in = content.getInputStream()) {
            return in.readNBytes(HEAD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
