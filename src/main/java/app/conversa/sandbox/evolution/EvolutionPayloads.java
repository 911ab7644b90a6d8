package app.conversa.sandbox.evolution;

import app.conversa.sandbox.SandboxMedia;
import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * WAProto message contents as Evolution serializes them (B4): {@code conversation} for text,
 * {@code imageMessage}/{@code videoMessage}/{@code audioMessage}/{@code documentMessage} with the
 * media fields of an encrypted WhatsApp upload (url, mimetype, fileSha256, fileLength, mediaKey,
 * directPath...), {@code locationMessage}, {@code contactMessage} with a vCard, and
 * {@code reactionMessage}. The media URL points at WhatsApp's CDN and is never fetchable: as with
 * the real gateway, the app gets the bytes from {@code getBase64FromMediaMessage}.
 */
final class EvolutionPayloads {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.time.format.DateTimeFormatter ISO = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);
    private static final Map<String, String> EXTENSIONS = Map.of("image/jpeg", "jpeg", "image/png", "png",
            "image/webp", "webp", "audio/ogg", "oga", "audio/mpeg", "mpga", "audio/mp4", "m4a", "video/mp4", "mp4",
            "application/pdf", "pdf", "text/plain", "txt");

    private EvolutionPayloads() {
    }

    static EvolutionMessage.Content text(String text) {
        return new EvolutionMessage.Content("conversation", object().put("conversation", text), "text", text, null,
                false);
    }

    /** A media message; {@code mediatype} is Evolution's image, video, document or audio. */
    static EvolutionMessage.Content media(SandboxMedia.Item item, String mediatype, String caption, boolean voice,
            Instant at) {
        String type = mediatype + "Message";
        var media = object();
        String path = "/v/t62.7118-24/" + digits(11) + "_" + digits(16) + "_n.enc";
        media.put("url", "https://mmg.whatsapp.net" + path + "?ccb=11-4&oh=01_Q5Aa" + hex(10) + "&mms3=true")
                .put("mimetype", item.mimeType())
                .put("fileSha256", Base64.getEncoder().encodeToString(item.sha256()))
                .put("fileLength", Long.toString(item.content().length))
                .put("mediaKey", base64(32)).put("fileEncSha256", base64(32)).put("directPath", path)
                .put("mediaKeyTimestamp", Long.toString(at.getEpochSecond()));
        switch (mediatype) {
            case "image" -> dimensions(media, item.content());
            case "audio" -> media.put("seconds", Math.max(1, item.content().length / 4000)).put("ptt", voice)
                    .put("waveform", base64(64));
            case "video" -> media.put("seconds", Math.max(1, item.content().length / 60000));
            case "document" -> media.put("title", item.filename()).put("fileName", item.filename());
            default -> throw new IllegalArgumentException(mediatype);
        }
        if (caption != null && !caption.isBlank() && !mediatype.equals("audio")) {
            media.put("caption", caption);
        }
        var message = object();
        message.set(type, media);
        return new EvolutionMessage.Content(type, message, mediatype, caption, item, voice);
    }

    static EvolutionMessage.Content location(double latitude, double longitude, String name, String address) {
        var message = object();
        message.putObject("locationMessage").put("degreesLatitude", latitude).put("degreesLongitude", longitude)
                .put("name", name).put("address", address);
        String text = "📍 " + (name == null ? "" : name + " — ") + (address == null ? "" : address + " ")
                + "(" + latitude + ", " + longitude + ")";
        return new EvolutionMessage.Content("locationMessage", message, "location", text, null, false);
    }

    static EvolutionMessage.Content contact(String displayName, String phone) {
        String digits = phone.replaceAll("\\D", "");
        String vcard = "BEGIN:VCARD\nVERSION:3.0\nN:;" + displayName + ";;;\nFN:" + displayName + "\n"
                + "TEL;type=CELL;type=VOICE;waid=" + digits + ":+" + digits + "\nEND:VCARD";
        var message = object();
        message.putObject("contactMessage").put("displayName", displayName).put("vcard", vcard);
        return new EvolutionMessage.Content("contactMessage", message, "contacts", "👤 " + displayName + " +" + digits,
                null, false);
    }

    static EvolutionMessage.Content reaction(JsonNode reactedKey, String emoji, Instant at) {
        var message = object();
        var reaction = message.putObject("reactionMessage");
        reaction.set("key", reactedKey);
        reaction.put("text", emoji).put("senderTimestampMs", Long.toString(at.toEpochMilli()));
        return new EvolutionMessage.Content("reactionMessage", message, "reaction", emoji, null, false);
    }

    /** What Baileys adds to a received message's content. */
    static ObjectNode withContextInfo(ObjectNode message, Instant at) {
        message.putObject("messageContextInfo").put("deviceListMetadataVersion", 2).put("messageSecret", base64(32))
                .putObject("deviceListMetadata").put("senderKeyHash", base64(10))
                .put("senderTimestamp", Long.toString(at.getEpochSecond()));
        return message;
    }

    /** getBase64FromMediaMessage's file name: the document's own, else {@code <message id>.<extension>}. */
    static String fileName(EvolutionMessage message) {
        var item = message.content().media();
        if (message.content().messageType().equals("documentMessage") && item.filename() != null) {
            return item.filename();
        }
        String mime = item.mimeType().split(";")[0].strip().toLowerCase(Locale.ROOT);
        return message.id() + "." + EXTENSIONS.getOrDefault(mime, "bin");
    }

    /** A date as JavaScript's {@code toISOString} writes it (UTC, milliseconds), as Evolution's JSON has them. */
    static String iso(Instant instant) {
        return ISO.format(instant);
    }

    static String customerMessageId() {
        return hex(16).toUpperCase(Locale.ROOT);
    }

    /** Ids of messages Baileys sends for the API: {@code BAE5} and 12 more hex digits. */
    static String gatewayMessageId() {
        return "BAE5" + hex(6).toUpperCase(Locale.ROOT);
    }

    /** An Evolution database id (a cuid). */
    static String databaseId() {
        return "cm" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36) + Integer.toString(RANDOM.nextInt(1 << 20), 36);
    }

    private static void dimensions(ObjectNode media, byte[] content) {
        try {
            var image = javax.imageio.ImageIO.read(new ByteArrayInputStream(content));
            if (image != null) {
                media.put("height", image.getHeight()).put("width", image.getWidth());
            }
        } catch (java.io.IOException e) {
            // not an image the JDK reads: WhatsApp would show no dimensions either
        }
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static String base64(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String hex(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String digits(int length) {
        var digits = new StringBuilder();
        for (int i = 0; i < length; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        return digits.toString();
    }
}
