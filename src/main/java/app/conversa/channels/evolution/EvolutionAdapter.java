package app.conversa.channels.evolution;

import app.conversa.channels.Connection;
import app.conversa.channels.ConnectionSecrets;
import app.conversa.channels.FetchedMedia;
import app.conversa.channels.MessageKind;
import app.conversa.channels.OutboundMessage;
import app.conversa.channels.Provider;
import app.conversa.channels.SendFailure;
import app.conversa.channels.SentLookup;
import app.conversa.channels.spi.ChannelAdapter;
import app.conversa.channels.spi.SentMessages;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * A number linked by QR code through the Evolution API gateway (PROTOCOLS.md B5, B6): text through
 * {@code sendText}, images, videos and documents inline (base64) through {@code sendMedia}, voice
 * notes through {@code sendWhatsAppAudio}; media a customer sent comes back from
 * {@code getBase64FromMediaMessage} by the message's id.
 */
@Component
class EvolutionAdapter implements ChannelAdapter, SentMessages {

    private final EvolutionGateway gateway;
    private final ConnectionSecrets secrets;

    EvolutionAdapter(EvolutionGateway gateway, ConnectionSecrets secrets) {
        this.gateway = gateway;
        this.secrets = secrets;
    }

    @Override
    public Provider provider() {
        return Provider.EVOLUTION_API;
    }

    @Override
    public String send(Connection connection, OutboundMessage message) {
        var body = new LinkedHashMap<String, Object>();
        body.put("number", message.to());
        if (message.replyToProviderId() != null) {
            body.put("quoted", Map.of("key", Map.of("id", message.replyToProviderId())));
        }
        String route;
        var attachment = message.attachment();
        switch (message.kind()) {
            case TEXT -> {
                route = "/message/sendText/";
                body.put("text", message.text());
            }
            case AUDIO -> {
                requireContent(message);
                if (attachment.voice()) {
                    route = "/message/sendWhatsAppAudio/";
                    body.put("audio", Base64.getEncoder().encodeToString(attachment.content()));
                    body.put("encoding", false); // already OGG/Opus (VoiceNotes)
                } else {
                    route = media(body, "audio", message);
                }
            }
            case IMAGE -> route = media(body, "image", message);
            case VIDEO -> route = media(body, "video", message);
            case DOCUMENT -> route = media(body, "document", message);
            default -> throw new SendFailure("kind", "Cannot send a " + message.kind() + " message.", false);
        }
        JsonNode response = gateway.instance(HttpMethod.POST, route, connection.instanceName(), token(connection), body);
        String id = response.path("key").path("id").asString("");
        if (id.isEmpty()) {
            throw new SendFailure("response", "The gateway accepted the message but returned no id.", true);
        }
        return id;
    }

    /**
     * Looks in the gateway's message store (findMessages, B6) for what this number sent the
     * customer since the send began: the oldest such message of the same kind and text that no
     * other message holds. Evolution does not take a message id of ours, so content is the key.
     */
    @Override
    public SentLookup lookUp(Connection connection, OutboundMessage message, java.time.Instant since,
            java.util.function.Predicate<String> taken) {
        var where = Map.of("key", Map.of("remoteJid", jid(message.to()), "fromMe", true),
                "messageTimestamp", Map.of("gte", since.minusSeconds(60).toString()));
        JsonNode found = gateway.instance(HttpMethod.POST, "/chat/findMessages/", connection.instanceName(),
                token(connection), Map.of("where", where, "page", 1, "offset", 100));
        var records = new java.util.ArrayList<JsonNode>();
        found.path("messages").path("records").forEach(records::add);
        for (JsonNode record : records.reversed()) { // newest first on the wire
            String id = record.path("key").path("id").asString("");
            if (!id.isEmpty() && sameContent(record, message) && !taken.test(id)) {
                return new SentLookup.Found(id);
            }
        }
        return new SentLookup.Absent();
    }

    private static boolean sameContent(JsonNode record, OutboundMessage message) {
        String type = record.path("messageType").asString("");
        JsonNode content = record.path("message").path(type);
        String text = switch (type) {
            case "conversation" -> record.path("message").path("conversation").asString(null);
            case "extendedTextMessage" -> content.path("text").asString(null);
            default -> content.path("caption").asString(null);
        };
        String expectedType = switch (message.kind()) {
            case TEXT -> type.equals("extendedTextMessage") ? type : "conversation";
            case IMAGE -> "imageMessage";
            case VIDEO -> "videoMessage";
            case DOCUMENT -> "documentMessage";
            case AUDIO -> "audioMessage";
            default -> "";
        };
        String expectedText = message.text() == null || message.text().isBlank() || message.kind() == MessageKind.AUDIO
                ? null : message.text();
        return type.equals(expectedType) && java.util.Objects.equals(text == null || text.isBlank() ? null : text,
                expectedText);
    }

    private static String media(Map<String, Object> body, String mediaType, OutboundMessage message) {
        requireContent(message);
        var attachment = message.attachment();
        body.put("mediatype", mediaType);
        body.put("mimetype", attachment.mimeType());
        body.put("media", Base64.getEncoder().encodeToString(attachment.content()));
        if (attachment.filename() != null) {
            body.put("fileName", attachment.filename());
        }
        if (message.text() != null && !message.text().isBlank()) {
            body.put("caption", message.text());
        }
        return "/message/sendMedia/";
    }

    private static void requireContent(OutboundMessage message) {
        if (message.attachment() == null) {
            throw new SendFailure("kind", "A " + message.kind() + " message needs its content.", false);
        }
    }

    @Override
    public FetchedMedia fetch(Connection connection, String providerMediaId) {
        JsonNode response = gateway.instance(HttpMethod.POST, "/chat/getBase64FromMediaMessage/",
                connection.instanceName(), token(connection),
                Map.of("message", Map.of("key", Map.of("id", providerMediaId)), "convertToMp4", false));
        String base64 = response.path("base64").asString("");
        if (base64.isEmpty()) {
            throw new SendFailure("response", "The gateway returned no content for the media.", true);
        }
        String mimeType = response.path("mimetype").asString("application/octet-stream");
        return new FetchedMedia(Base64.getMimeDecoder().decode(base64), mimeType);
    }

    @Override
    public void markRead(Connection connection, String customerWaId, String providerMessageId) {
        gateway.instance(HttpMethod.POST, "/chat/markMessageAsRead/", connection.instanceName(), token(connection),
                Map.of("readMessages", List.of(Map.of("remoteJid", jid(customerWaId), "fromMe", false,
                        "id", providerMessageId))));
    }

    /** A customer's WhatsApp id as a jid: digits are a phone number; a privacy id is kept whole. */
    static String jid(String waId) {
        return waId.contains("@") ? waId : waId + "@s.whatsapp.net";
    }

    private String token(Connection connection) {
        return secrets.instanceToken(connection);
    }
}
