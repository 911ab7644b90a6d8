package app.conversa.channels.evolution;

import app.conversa.audit.CriticalEvents;
import app.conversa.audit.Severity;
import app.conversa.channels.ConnectionSecrets;
import app.conversa.channels.WebhookQueue;
import app.conversa.shared.ConversaException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The front door for gateway webhooks: a call is accepted only with its connection's secret (a
 * constant-time comparison, before the body is read), then committed, sealed, to the shared
 * queue. Refused calls leave nothing but a critical event (at most one a minute per reason); an
 * unknown or inactive connection is refused exactly like a wrong secret, so ids cannot be probed.
 * The payload's {@code apikey} field is removed before the body is stored (sealed), and never
 * read or logged.
 */
@Service
class EvolutionIntake {

    private static final String NO_SECRET = randomHex();
    private static final Duration SECRET_FRESHNESS = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final ConnectionSecrets secrets;
    private final CriticalEvents criticalEvents;
    private final WebhookQueue queue;
    private final Clock clock;
    private final tools.jackson.databind.ObjectMapper json;
    private final Map<Long, KnownSecret> known = new ConcurrentHashMap<>();

    private record KnownSecret(Optional<String> secret, Instant readAt) {
    }

    EvolutionIntake(JdbcClient jdbc, ConnectionSecrets secrets, CriticalEvents criticalEvents, WebhookQueue queue, Clock clock,
            tools.jackson.databind.ObjectMapper json) {
        this.json = json;
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.criticalEvents = criticalEvents;
        this.queue = queue;
        this.clock = clock;
    }

    void requireSecret(long connectionId, String secret) {
        if (secret == null || secret.isBlank()) {
            reject(connectionId, HttpStatus.UNAUTHORIZED, "webhook.secret_missing");
        }
        var expected = secret(connectionId);
        boolean matches = MessageDigest.isEqual(expected.orElse(NO_SECRET).getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8));
        if (!matches || expected.isEmpty()) {
            reject(connectionId, HttpStatus.FORBIDDEN, "webhook.secret_invalid");
        }
    }

    /** Stores the call without the envelope's {@code apikey} (the gateway may put an instance token there). */
    void receive(long connectionId, byte[] body) {
        queue.store(connectionId, withoutApiKey(body));
    }

    private byte[] withoutApiKey(byte[] body) {
        try {
            var root = json.readTree(body);
            if (root instanceof tools.jackson.databind.node.ObjectNode envelope && envelope.has("apikey")) {
                envelope.remove("apikey");
                return json.writeValueAsBytes(envelope);
            }
        } catch (RuntimeException notJson) {
            // stored as it came: the reader sets it aside with its reason
        }
        return body;
    }

    /** Forgets what was read of a connection (its secret changed on this node). */
    void forget(long connectionId) {
        known.remove(connectionId);
    }

    private Optional<String> secret(long connectionId) {
        var now = clock.instant();
        var cached = known.get(connectionId);
        if (cached == null || cached.readAt().plus(SECRET_FRESHNESS).isBefore(now)) {
            var sealed = jdbc.sql("""
                    select webhook_secret from connections
                    where id = ? and provider = 'EVOLUTION_API' and active = true and webhook_secret is not null""")
                    .param(connectionId).query(String.class).optional();
            cached = new KnownSecret(sealed.map(value -> secrets.open(value, ConnectionSecrets.Kind.WEBHOOK_SECRET)), now);
            if (cached.secret().isPresent()) { // unknown ids are not remembered: anyone may send them
                known.put(connectionId, cached);
            } else {
                known.remove(connectionId);
            }
        }
        return cached.secret();
    }

    private void reject(long connectionId, HttpStatus status, String reason) {
        criticalEvents.recordRefusal(Severity.CRITICAL, "channels", "channels.webhook_rejected",
                Map.of("connectionId", connectionId, "reason", reason));
        throw new ConversaException(status, reason);
    }

    private static String randomHex() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
