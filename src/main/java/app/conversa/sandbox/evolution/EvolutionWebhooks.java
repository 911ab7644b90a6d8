package app.conversa.sandbox.evolution;

import app.conversa.sandbox.SandboxWebhooks;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The gateway's webhook sender (B3): the envelope {@code event, instance, data, destination,
 * date_time, sender, server_url, apikey}, only for the events the instance asked for, to its URL
 * (plus {@code /<event-with-dashes>} with {@code byEvents}), with its custom headers verbatim (a
 * {@code jwt_key} header becomes a signed {@code Authorization: Bearer} JWT). One queue per
 * instance keeps the order; a delivery the app does not take with a 2xx is retried with growing
 * pauses, except after 400, 401, 403, 404 and 422. While the gateway is silent nothing is sent.
 * {@code apikey} carries the instance token, never the global key: the app must ignore it.
 */
@Component
@ConditionalOnBooleanProperty(name = "conversa.sandbox.enabled")
class EvolutionWebhooks {

    private static final Logger log = LoggerFactory.getLogger(EvolutionWebhooks.class);
    private static final int ATTEMPTS = 10;
    private static final Set<Integer> FINAL_REFUSALS = Set.of(400, 401, 403, 404, 422);
    /** Evolution writes the server's local wall-clock time with a 'Z' (a quirk the app must tolerate). */
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    private record Delivery(String url, Map<String, String> headers, byte[] body) {
    }

    private final EvolutionInstances instances;
    private final SandboxWebhooks sandbox;
    private final Clock clock;
    private final Duration retryPause;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, ExecutorService> queues = new ConcurrentHashMap<>();

    EvolutionWebhooks(EvolutionInstances instances, SandboxWebhooks sandbox, Clock clock,
            @Value("${conversa.sandbox.evolution.retry-pause:5s}") Duration retryPause) {
        this.instances = instances;
        this.sandbox = sandbox;
        this.clock = clock;
        this.retryPause = retryPause;
    }

    /** Where the fake gateway answers: its SERVER_URL. */
    String serverUrl() {
        return sandbox.baseUrl() + "/sandbox/evolution";
    }

    /** Queues one event of an instance (dotted lower-case name, e.g. {@code messages.upsert}) if its webhook wants it. */
    void emit(EvolutionInstance instance, String event, JsonNode data) {
        var webhook = instance.webhook();
        String configName = event.replace('.', '_').toUpperCase(java.util.Locale.ROOT);
        if (webhook == null || !webhook.wants(configName)) {
            return;
        }
        var envelope = JsonNodeFactory.instance.objectNode();
        envelope.put("event", event).put("instance", instance.name()).set("data", data);
        envelope.put("destination", webhook.url())
                .put("date_time", DATE_TIME.format(clock.instant().atZone(ZoneId.systemDefault())));
        if (instance.wuid() != null) {
            envelope.put("sender", instance.wuid());
        }
        envelope.put("server_url", serverUrl()).put("apikey", instance.token());
        String url = webhook.byEvents()
                ? webhook.url() + "/" + configName.replace('_', '-').toLowerCase(java.util.Locale.ROOT) : webhook.url();
        var delivery = new Delivery(url, webhook.headers(), json.writeValueAsBytes(envelope));
        queues.computeIfAbsent(instance.id(), id -> Executors.newSingleThreadExecutor(Thread.ofVirtual().factory()))
                .execute(() -> deliver(instance.name(), delivery));
    }

    /** A deleted instance: its queue sends what it holds, then ends. */
    void forget(EvolutionInstance instance) {
        var queue = queues.remove(instance.id());
        if (queue != null) {
            queue.shutdown();
        }
    }

    @PreDestroy
    void stop() {
        queues.values().forEach(ExecutorService::shutdownNow);
    }

    private void deliver(String instanceName, Delivery delivery) {
        try {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                while (instances.silent()) {
                    Thread.sleep(100);
                }
                int status = attempt(delivery);
                if (status / 100 == 2 || FINAL_REFUSALS.contains(status)) {
                    return;
                }
                Thread.sleep(pause(attempt).toMillis());
            }
            log.warn("Sandbox gateway gave up delivering a webhook of instance {}", instanceName);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Exponential from the first pause, capped at 60 times it (Evolution: 5 s to 300 s), ±20 % jitter. */
    private Duration pause(int attempt) {
        long millis = Math.min(retryPause.toMillis() << Math.min(attempt - 1, 20), retryPause.toMillis() * 60);
        return Duration.ofMillis((long) (millis * ThreadLocalRandom.current().nextDouble(0.8, 1.2)));
    }

    private int attempt(Delivery delivery) throws InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(delivery.url())).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        delivery.headers().forEach((name, value) -> {
            if (name.equalsIgnoreCase("jwt_key")) {
                request.setHeader("Authorization", "Bearer " + jwt(value));
            } else if (!name.equalsIgnoreCase("content-type")) {
                try {
                    request.header(name, value);
                } catch (IllegalArgumentException restricted) {
                    // headers the JDK client sets itself (Host, Content-Length, ...) cannot be overridden
                }
            }
        });
        try {
            var sent = request.POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body())).build();
            return http.send(sent, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException | IllegalArgumentException e) {
            return 0;
        }
    }

    /** Evolution's webhook JWT: HS256 over {iat, exp: +600 s, app: "evolution", action: "webhook"}. */
    private String jwt(String key) {
        long now = clock.instant().getEpochSecond();
        var encoder = Base64.getUrlEncoder().withoutPadding();
        String header = encoder.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = encoder.encodeToString(("{\"iat\":" + now + ",\"exp\":" + (now + 600)
                + ",\"app\":\"evolution\",\"action\":\"webhook\"}").getBytes(StandardCharsets.UTF_8));
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8));
            return header + "." + payload + "." + encoder.encodeToString(signature);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
