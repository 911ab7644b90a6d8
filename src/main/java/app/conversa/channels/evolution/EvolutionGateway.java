package app.conversa.channels.evolution;

import app.conversa.channels.ConnectionSecrets;
import app.conversa.channels.SendFailure;
import app.conversa.channels.SendOutcomeUnknown;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The Evolution API gateway over HTTP (PROTOCOLS.md B1-B6): its address and global key (sealed in
 * {@code evolution_gateway}), and the calls Conversa makes on instances. Every instance call
 * carries the instance's own token; only creating an instance and listing them use the global
 * key. Failures are {@link SendFailure}s: transient for the network, 5xx and 429.
 */
@Component
class EvolutionGateway {

    /** The header the gateway is told to send with every webhook: Evolution signs nothing itself (B3). */
    static final String SECRET_HEADER = "x-conversa-secret";
    /** What the gateway is asked to deliver (B4); messages sent through the API are known already. */
    static final List<String> EVENTS = List.of("QRCODE_UPDATED", "CONNECTION_UPDATE", "MESSAGES_UPSERT",
            "MESSAGES_UPDATE", "CONTACTS_UPSERT", "LOGOUT_INSTANCE");

    /** The gateway as configured, the key in clear (never logged: see toString). */
    record Settings(String baseUrl, String apiKey, String callbackBaseUrl) {
        @Override
        public String toString() {
            return "Settings[" + baseUrl + "]";
        }
    }

    private final JdbcClient jdbc;
    private final ConnectionSecrets secrets;
    private final ObjectMapper json;
    private final Clock clock;
    private final RestClient http;
    /** For the monitor's polls: a gateway that takes longer than this to say its state counts as silent. */
    private final RestClient quick;
    private volatile Cached cached;

    private record Cached(Optional<Settings> settings, Instant readAt) {
    }

    EvolutionGateway(JdbcClient jdbc, ConnectionSecrets secrets, ObjectMapper json, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${conversa.channels.read-timeout:30s}") Duration readTimeout) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.json = json;
        this.clock = clock;
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(readTimeout);
        this.http = RestClient.builder().requestFactory(requests).build();
        var quickRequests = new JdkClientHttpRequestFactory(client);
        quickRequests.setReadTimeout(Duration.ofSeconds(5));
        this.quick = RestClient.builder().requestFactory(quickRequests).build();
    }

    /** The configuration, re-read every few seconds (another node may have changed it). */
    Optional<Settings> settings() {
        var now = clock.instant();
        var known = cached;
        if (known == null || known.readAt().plusSeconds(5).isBefore(now)) {
            var read = jdbc.sql("select base_url, api_key, callback_base_url from evolution_gateway where id = 1")
                    .query((rs, row) -> new Settings(rs.getString(1), secrets.open(rs.getString(2), ConnectionSecrets.Kind.GATEWAY_API_KEY),
                            rs.getString(3)))
                    .optional();
            known = new Cached(read, now);
            cached = known;
        }
        return known.settings();
    }

    void forget() {
        cached = null;
    }

    private Settings required() {
        return settings().orElseThrow(() -> new SendFailure("gateway_not_configured",
                "No Evolution API gateway is configured.", false));
    }

    /** Lists the gateway's instances with a key: how a new configuration is checked. */
    JsonNode fetchInstances(String baseUrl, String apiKey) {
        return call(HttpMethod.GET, baseUrl, "/instance/fetchInstances", apiKey, null);
    }

    /** Creates the instance with its webhook (the secret in a header) and asks for a QR right away (B2). */
    JsonNode createInstance(String instanceName, String instanceToken, String webhookUrl, String webhookSecret) {
        return createInstance(instanceName, instanceToken, webhookUrl, webhookSecret, null);
    }

    /** With the phone's number (digits), the gateway also gives a pairing code to type instead of scanning. */
    JsonNode createInstance(String instanceName, String instanceToken, String webhookUrl, String webhookSecret,
            String phoneNumber) {
        var settings = required();
        var body = new LinkedHashMap<String, Object>();
        body.put("instanceName", instanceName);
        body.put("integration", "WHATSAPP-BAILEYS");
        body.put("token", instanceToken);
        body.put("qrcode", true);
        if (phoneNumber != null) {
            body.put("number", phoneNumber);
        }
        body.put("groupsIgnore", true);
        body.put("rejectCall", false);
        body.put("alwaysOnline", false);
        body.put("readMessages", false);
        body.put("readStatus", false);
        body.put("syncFullHistory", false);
        body.put("webhook", webhook(webhookUrl, webhookSecret));
        return call(HttpMethod.POST, settings.baseUrl(), "/instance/create", settings.apiKey(), body);
    }

    /** Points the instance's webhook at Conversa again (after a new secret, or a new address). */
    JsonNode setWebhook(String instanceName, String instanceToken, String webhookUrl, String webhookSecret) {
        var body = new LinkedHashMap<String, Object>(webhook(webhookUrl, webhookSecret));
        body.put("enabled", true);
        return instance(HttpMethod.POST, "/webhook/set/", instanceName, instanceToken, Map.of("webhook", body));
    }

    private static Map<String, Object> webhook(String url, String secret) {
        var webhook = new LinkedHashMap<String, Object>();
        webhook.put("url", url);
        webhook.put("byEvents", false);
        webhook.put("base64", false);
        webhook.put("headers", Map.of(SECRET_HEADER, secret));
        webhook.put("events", EVENTS);
        return webhook;
    }

    /** The current QR (or the state when already open); starts connecting a closed instance. */
    JsonNode connect(String instanceName, String instanceToken) {
        return instance(HttpMethod.GET, "/instance/connect/", instanceName, instanceToken, null);
    }

    /** {@code open}, {@code connecting} or {@code close}. */
    String connectionState(String instanceName, String instanceToken) {
        return call(quick, HttpMethod.GET, required().baseUrl(), "/instance/connectionState/" + instanceName,
                instanceToken, null).path("instance").path("state").asString("");
    }

    JsonNode restart(String instanceName, String instanceToken) {
        return instance(HttpMethod.POST, "/instance/restart/", instanceName, instanceToken, null);
    }

    JsonNode logout(String instanceName, String instanceToken) {
        return instance(HttpMethod.DELETE, "/instance/logout/", instanceName, instanceToken, null);
    }

    JsonNode delete(String instanceName) {
        var settings = required();
        return call(HttpMethod.DELETE, settings.baseUrl(), "/instance/delete/" + instanceName, settings.apiKey(), null);
    }

    /** A call on one instance's route ({@code /group/action/} + name), with its token. */
    JsonNode instance(HttpMethod method, String route, String instanceName, String instanceToken, Object body) {
        return call(method, required().baseUrl(), route + instanceName, instanceToken, body);
    }

    private JsonNode call(HttpMethod method, String baseUrl, String path, String apiKey, Object body) {
        return call(http, method, baseUrl, path, apiKey, body);
    }

    private JsonNode call(RestClient client, HttpMethod method, String baseUrl, String path, String apiKey, Object body) {
        URI uri = URI.create(baseUrl.replaceAll("/+$", "") + path);
        try {
            var request = client.method(method).uri(uri).header("apikey", apiKey).accept(MediaType.APPLICATION_JSON);
            if (body != null) {
                request = request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            JsonNode response = request.retrieve().body(JsonNode.class);
            return response == null ? json.missingNode() : response;
        } catch (RestClientResponseException e) {
            int status = e.getStatusCode().value();
            boolean retry = e.getStatusCode().is5xxServerError() || status == 429;
            throw new SendFailure(code(status, e.getResponseBodyAsByteArray()), reason(status, e.getResponseBodyAsByteArray()),
                    retry);
        } catch (ResourceAccessException e) {
            if (SendOutcomeUnknown.mayHaveArrived(e)) {
                throw new SendOutcomeUnknown("The gateway did not answer: " + e.getMostSpecificCause().getMessage());
            }
            throw new SendFailure("network", "The gateway could not be reached: " + e.getMostSpecificCause().getMessage(),
                    true);
        }
    }

    /** B5: a number that is not on WhatsApp is a 400 whose message lists {@code exists: false}. */
    private String code(int status, byte[] body) {
        JsonNode message = errorMessage(body);
        for (JsonNode item : message) {
            if (item.has("exists") && !item.path("exists").asBoolean(true)) {
                return "not_on_whatsapp";
            }
        }
        return "http " + status;
    }

    /** B1's envelope {@code {"status","error","response":{"message":[...]}}} as one line of text. */
    private String reason(int status, byte[] body) {
        JsonNode message = errorMessage(body);
        if (message.isMissingNode()) {
            return "HTTP " + status + " from the gateway";
        }
        var text = new StringBuilder();
        collect(message, text);
        return text.isEmpty() ? "HTTP " + status + " from the gateway" : truncate(text.toString(), 500);
    }

    private static void collect(JsonNode message, StringBuilder text) {
        if (message.isArray()) {
            message.forEach(item -> collect(item, text));
        } else if (message.isObject() && message.has("number")) {
            append(text, "not on WhatsApp: " + message.path("number").asString(""));
        } else if (message.isValueNode()) {
            append(text, message.asString(""));
        } else {
            append(text, message.toString());
        }
    }

    private static void append(StringBuilder text, String part) {
        if (!part.isBlank()) {
            text.append(text.isEmpty() ? "" : "; ").append(part);
        }
    }

    private JsonNode errorMessage(byte[] body) {
        try {
            return json.readTree(body).path("response").path("message");
        } catch (RuntimeException notJson) {
            return json.missingNode();
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
