package app.conversa.sandbox.evolution;

import app.conversa.sandbox.SandboxFaults;
import app.conversa.sandbox.SandboxMedia;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a send through the fake gateway goes through (B5): the link must be open, the number must
 * be on WhatsApp (digits, 8 to 15 of them, or a {@code @s.whatsapp.net}/{@code @lid} jid), media
 * must be base64 or a URL, a {@code quoted} id becomes the reply's {@code contextInfo}, and
 * {@code delay} holds the answer as Evolution's "composing" presence does. Media is stored as
 * sent: the fake does not transcode audio as Evolution's ffmpeg would.
 */
@Component
@ConditionalOnBooleanProperty(name = "conversa.sandbox.enabled")
class EvolutionOutbox {

    private static final Map<String, String> DEFAULT_TYPES = Map.of("image", "image/png", "video", "video/mp4",
            "document", "application/pdf", "audio", "audio/mpeg");
    private static final Map<String, String> TYPES_BY_EXTENSION = Map.of("jpg", "image/jpeg", "jpeg", "image/jpeg",
            "png", "image/png", "webp", "image/webp", "mp4", "video/mp4", "pdf", "application/pdf", "ogg", "audio/ogg",
            "mp3", "audio/mpeg", "txt", "text/plain");

    private final EvolutionMessages messages;
    private final EvolutionContacts contacts;
    private final SandboxMedia media;
    private final SandboxFaults faults;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    EvolutionOutbox(EvolutionMessages messages, EvolutionContacts contacts, SandboxMedia media, SandboxFaults faults,
            Clock clock) {
        this.messages = messages;
        this.contacts = contacts;
        this.media = media;
        this.faults = faults;
        this.clock = clock;
    }

    ObjectNode send(EvolutionInstance instance, JsonNode request, String number, EvolutionMessage.Content content) {
        if (faults.next(instance.name()) instanceof SandboxFaults.Slow slow) {
            return faults.hangThen(slow, () -> accept(instance, request, number, content));
        }
        return accept(instance, request, number, content);
    }

    private ObjectNode accept(EvolutionInstance instance, JsonNode request, String number, EvolutionMessage.Content content) {
        long delay = Math.min(request.path("delay").asLong(0), 10_000);
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (instance.state() != EvolutionInstance.State.OPEN) {
            throw EvolutionError.connectionClosed();
        }
        var to = recipient(number);
        return messages.businessSends(instance, to, content, quoted(instance, request.path("quoted")));
    }

    EvolutionMessage.Content media(EvolutionInstance instance, String mediatype, String source, String mimetype,
            String fileName, String caption, boolean voice) {
        byte[] bytes = bytes(source);
        String name = fileName != null ? fileName
                : mediatype.equals("image") ? "image.png" : mediatype.equals("video") ? "video.mp4" : null;
        String type = mimetype != null && !mimetype.isBlank() ? mimetype : typeOf(name, mediatype);
        var item = media.store("evolution:" + instance.name(), bytes, type, name);
        return EvolutionPayloads.media(item, mediatype, caption, voice, clock.instant());
    }

    /** The number check (B5): who the message goes to, or 400 with {@code exists:false}. */
    EvolutionMessage.Address recipient(String number) {
        String raw = number.strip();
        if (raw.matches("\\d{8,15}@s\\.whatsapp\\.net")) {
            return new EvolutionMessage.Address(raw.substring(0, raw.indexOf('@')), raw, null, null);
        }
        if (raw.matches("\\d{6,20}@lid")) {
            return new EvolutionMessage.Address(contacts.numberOfLid(raw.substring(0, raw.indexOf('@'))), raw, null, null);
        }
        String digits = raw.replaceAll("\\D", "");
        if (!raw.matches("[\\d\\s+()\\-]+") || !digits.matches("\\d{8,15}")) {
            String jid = raw.contains("@") ? raw : digits + "@s.whatsapp.net";
            throw EvolutionError.badRequest(JsonNodeFactory.instance.objectNode().put("jid", jid).put("exists", false)
                    .put("number", raw));
        }
        return new EvolutionMessage.Address(digits, digits + "@s.whatsapp.net", null, null);
    }

    private ObjectNode quoted(EvolutionInstance instance, JsonNode quoted) {
        String id = quoted.path("key").path("id").asString(null);
        if (id == null) {
            return null;
        }
        var original = messages.find(instance, id);
        var context = JsonNodeFactory.instance.objectNode().put("stanzaId", id);
        context.put("participant", original.map(m -> m.fromMe() ? instance.wuid() : m.address().remoteJid())
                .orElse(quoted.path("key").path("remoteJid").asString(null)));
        context.set("quotedMessage", original.<JsonNode>map(m -> m.content().message().deepCopy())
                .orElse(quoted.path("message").isObject() ? quoted.path("message") : JsonNodeFactory.instance.objectNode()));
        return context;
    }

    private byte[] bytes(String source) {
        if (source.startsWith("http://") || source.startsWith("https://")) {
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create(source)).timeout(Duration.ofSeconds(30))
                        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() / 100 == 2) {
                    return response.body();
                }
                throw EvolutionError.badRequest("Error: Request failed with status code " + response.statusCode());
            } catch (java.io.IOException | IllegalArgumentException e) {
                throw EvolutionError.badRequest("Error: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw EvolutionError.badRequest("Error: interrupted");
            }
        }
        String base64 = source.replaceAll("\\s", "");
        try {
            if (base64.isEmpty()) {
                throw new IllegalArgumentException("empty");
            }
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw EvolutionError.badRequest("Owned media must be a url or base64");
        }
    }

    private static String typeOf(String fileName, String mediatype) {
        if (fileName != null && fileName.contains(".")) {
            String extension = fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            String type = TYPES_BY_EXTENSION.get(extension);
            if (type != null) {
                return type;
            }
        }
        return DEFAULT_TYPES.get(mediatype);
    }
}
