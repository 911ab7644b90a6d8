package app.conversa.sandbox;

import app.conversa.channels.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Meta's side of the webhook: wraps a change value in the envelope (A2), writes it as Meta does
 * (non-ASCII escaped as \\uXXXX), signs the exact bytes with the app secret, and POSTs it to the
 * app's webhook URL, retrying with growing pauses when the app does not answer 200 (A11).
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty(name = "conversa.sandbox.enabled")
public class SandboxWebhooks {

    private static final Logger log = LoggerFactory.getLogger(SandboxWebhooks.class);
    private static final int ATTEMPTS = 6;

    private final JsonMapper json = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile int port;

    @EventListener
    public void serverStarted(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            port = event.getWebServer().getPort();
        }
    }

    /** The app's own base URL, for the fake Graph API the connections are pointed at. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public ObjectNode value(SandboxNumbers.Number number) {
        var value = JsonNodeFactory.instance.objectNode();
        value.put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", number.displayNumber().replaceAll("\\D", ""))
                .put("phone_number_id", number.phoneNumberId());
        return value;
    }

    /** Delivers in the background, in order of calls per caller; retried until the app takes it. */
    public void deliver(SandboxNumbers.Number number, ObjectNode value) {
        byte[] body = envelope(number, value);
        Thread.ofVirtual().start(() -> send(number, body));
    }

    /** Delivers now and returns the app's HTTP status (one attempt), for callers that want to wait. */
    public int deliverNow(SandboxNumbers.Number number, ObjectNode value) {
        return attempt(number, envelope(number, value));
    }

    private byte[] envelope(SandboxNumbers.Number number, ObjectNode value) {
        var root = JsonNodeFactory.instance.objectNode();
        root.put("object", "whatsapp_business_account");
        var change = root.putArray("entry").addObject().put("id", "1" + number.phoneNumberId())
                .putArray("changes").addObject();
        change.set("value", value);
        change.put("field", "messages");
        return json.writeValueAsBytes(root);
    }

    private void send(SandboxNumbers.Number number, byte[] body) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            int status = attempt(number, body);
            if (status == 200) {
                return;
            }
            try {
                Thread.sleep(250L << attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.warn("Sandbox gave up delivering a webhook to connection {}", number.connectionId());
    }

    private int attempt(SandboxNumbers.Number number, byte[] body) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl() + "/webhooks/cloudapi/" + number.connectionId()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", WebhookSignature.header(number.appSecret(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
