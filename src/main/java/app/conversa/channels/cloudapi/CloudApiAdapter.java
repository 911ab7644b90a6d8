package app.conversa.channels.cloudapi;

import app.conversa.channels.Connection;
import app.conversa.channels.ConnectionSecrets;
import app.conversa.channels.FetchedMedia;
import app.conversa.channels.MessageKind;
import app.conversa.channels.OutboundMessage;
import app.conversa.channels.Provider;
import app.conversa.channels.SendFailure;
import app.conversa.channels.SendOutcomeUnknown;
import app.conversa.channels.spi.ChannelAdapter;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Meta's Graph API for a Cloud API number (PROTOCOLS.md A4-A6): sending, media upload and
 * download, read receipts. The base URL and version are the connection's, so the sandbox and
 * tests run this very code against a local fake.
 */
@Component
class CloudApiAdapter implements ChannelAdapter {

    /** Codes that mean "not now" rather than "never" (A5): throughput, unknown, unavailable, app and WABA rate limits, maintenance. */
    private static final Set<String> TRANSIENT_CODES = Set.of("130429", "131000", "131016", "4", "80007", "131057");

    private final ConnectionSecrets secrets;
    private final ObjectMapper json;
    private final RestClient http;

    CloudApiAdapter(ConnectionSecrets secrets, ObjectMapper json,
            @org.springframework.beans.factory.annotation.Value("${conversa.channels.read-timeout:30s}") Duration readTimeout) {
        this.secrets = secrets;
        this.json = json;
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        var requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(readTimeout);
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    @Override
    public Provider provider() {
        return Provider.CLOUD_API;
    }

    @Override
    public String send(Connection connection, OutboundMessage message) {
        var attachment = message.attachment();
        String mediaId = attachment == null ? null : upload(connection, attachment);
        var body = new LinkedHashMap<String, Object>();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        // a customer known only by their business-scoped user id (A2, BSUID) is addressed by it
        body.put(message.to().matches("\\+?\\d+") ? "to" : "recipient", message.to());
        if (message.replyToProviderId() != null) {
            body.put("context", Map.of("message_id", message.replyToProviderId()));
        }
        if (message.reference() != null) {
            body.put("biz_opaque_callback_data", message.reference()); // echoed in every status of this message (A3)
        }
        String type = message.kind().name().toLowerCase(java.util.Locale.ROOT);
        body.put("type", type);
        body.put(type, payload(message, mediaId));
        JsonNode response = call(() -> http.post().uri(url(connection, connection.phoneNumberId() + "/messages"))
                .headers(h -> auth(h, connection)).contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().body(JsonNode.class));
        String id = response.path("messages").path(0).path("id").asString("");
        if (id.isEmpty()) {
            throw new SendFailure("response", "The provider accepted the message but returned no id.", true);
        }
        return id;
    }

    private static Map<String, Object> payload(OutboundMessage message, String mediaId) {
        var payload = new LinkedHashMap<String, Object>();
        switch (message.kind()) {
            case TEXT -> payload.put("body", message.text());
            case IMAGE, DOCUMENT, AUDIO, VIDEO, STICKER -> {
                if (mediaId == null) {
                    throw new SendFailure("kind", "A " + message.kind() + " message needs its content.", false);
                }
                payload.put("id", mediaId);
                if (message.text() != null && !message.text().isBlank() && message.kind() != MessageKind.AUDIO) {
                    payload.put("caption", message.text());
                }
                if (message.kind() == MessageKind.DOCUMENT && message.attachment().filename() != null) {
                    payload.put("filename", message.attachment().filename());
                }
                if (message.kind() == MessageKind.AUDIO && message.attachment().voice()) {
                    payload.put("voice", true);
                }
            }
            default -> throw new SendFailure("kind", "Cannot send a " + message.kind() + " message.", false);
        }
        return payload;
    }

    /**
     * Stores the attachment at Meta for the send that follows (A6) and returns its media id. An
     * upload whose answer was lost is simply made again: an unused media id costs nothing.
     */
    private String upload(Connection connection, OutboundMessage.Attachment attachment) {
        try {
            return upload(connection, attachment.content(), attachment.mimeType(), attachment.filename());
        } catch (SendOutcomeUnknown lost) {
            throw new SendFailure("network", lost.reason(), true);
        }
    }

    private String upload(Connection connection, byte[] content, String mimeType, String filename) {
        var form = new LinkedMultiValueMap<String, Object>();
        form.add("messaging_product", "whatsapp");
        form.add("type", mimeType);
        var file = new org.springframework.http.HttpEntity<>(new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return filename == null ? "file" : filename;
            }
        }, fileHeaders(mimeType));
        form.add("file", file);
        JsonNode response = call(() -> http.post().uri(url(connection, connection.phoneNumberId() + "/media"))
                .headers(h -> auth(h, connection)).contentType(MediaType.MULTIPART_FORM_DATA).body(form)
                .retrieve().body(JsonNode.class));
        String id = response.path("id").asString("");
        if (id.isEmpty()) {
            throw new SendFailure("response", "The provider stored the media but returned no id.", true);
        }
        return id;
    }

    private static HttpHeaders fileHeaders(String mimeType) {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(mimeType));
        return headers;
    }

    @Override
    public FetchedMedia fetch(Connection connection, String providerMediaId) {
        JsonNode described = call(() -> http.get().uri(url(connection, providerMediaId))
                .headers(h -> auth(h, connection)).retrieve().body(JsonNode.class));
        String location = described.path("url").asString("");
        if (location.isEmpty()) {
            throw new SendFailure("response", "The provider described the media without a URL.", true);
        }
        var download = call(() -> http.get().uri(java.net.URI.create(location)).headers(h -> auth(h, connection))
                .retrieve().toEntity(byte[].class));
        String mimeType = described.path("mime_type").asString(
                download.getHeaders().getContentType() == null ? "application/octet-stream"
                        : download.getHeaders().getContentType().toString());
        return new FetchedMedia(download.getBody() == null ? new byte[0] : download.getBody(), mimeType);
    }

    @Override
    public void markRead(Connection connection, String customerWaId, String providerMessageId) {
        var body = Map.of("messaging_product", "whatsapp", "status", "read", "message_id", providerMessageId);
        call(() -> http.post().uri(url(connection, connection.phoneNumberId() + "/messages"))
                .headers(h -> auth(h, connection)).contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().body(JsonNode.class));
    }

    private static java.net.URI url(Connection connection, String path) {
        String base = connection.graphBaseUrl().replaceAll("/+$", "");
        return java.net.URI.create(base + "/" + connection.graphVersion() + "/" + path);
    }

    private void auth(HttpHeaders headers, Connection connection) {
        headers.setBearerAuth(secrets.accessToken(connection));
    }

    /** Runs a Graph call, turning Meta's error shapes (A5) and network trouble into {@link SendFailure}s. */
    private <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (RestClientResponseException e) {
            JsonNode error = errorBody(e.getResponseBodyAsByteArray());
            String code = error.path("code").asString("http " + e.getStatusCode().value());
            String reason = CloudApiNotifications.reason(error.isMissingNode() ? json.createObjectNode() : error);
            if (error.isMissingNode()) {
                reason = "HTTP " + e.getStatusCode().value() + " from the provider";
            }
            boolean retry = e.getStatusCode().is5xxServerError() || e.getStatusCode().value() == 429
                    || TRANSIENT_CODES.contains(code);
            throw new SendFailure(code, reason, retry);
        } catch (ResourceAccessException e) {
            if (SendOutcomeUnknown.mayHaveArrived(e)) {
                throw new SendOutcomeUnknown("The provider did not answer: " + e.getMostSpecificCause().getMessage());
            }
            throw new SendFailure("network", "The provider could not be reached: " + e.getMostSpecificCause().getMessage(), true);
        }
    }

    private JsonNode errorBody(byte[] body) {
        try {
            return json.readTree(body).path("error");
        } catch (RuntimeException notJson) {
            return json.missingNode();
        }
    }
}
