package app.conversa.channels.cloudapi;

import app.conversa.audit.CriticalEvents;
import app.conversa.audit.Severity;
import app.conversa.channels.Connection;
import app.conversa.channels.ConnectionRepository;
import app.conversa.channels.ConnectionSecrets;
import app.conversa.channels.Provider;
import app.conversa.channels.WebhookQueue;
import app.conversa.channels.WebhookSignature;
import app.conversa.shared.ConversaException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The front door of the inbound pipeline for Cloud API connections. The verification handshake
 * echoes Meta's challenge only for an active connection's verify token. A notification is
 * accepted only with a valid signature, before any side effect, and is then committed, sealed, to
 * {@code inbound_webhooks}: the 200 Meta receives always follows a durable commit. Rejected
 * calls leave nothing behind but a critical event (at most one a minute for the same reason).
 *
 * <p>Deliberately no surrounding transaction: callers are anonymous, so a rejection must not hold
 * a pooled connection while it records its critical event in another one. An unknown connection
 * is answered exactly like a known one with a wrong token or signature, so ids cannot be probed.
 */
@Service
class CloudApiIntake {

    /** Checked for unknown connections, so they take as long as known ones and fail the same way. */
    private static final String NO_SECRET = randomHex();

    private final ConnectionRepository connections;
    private final ConnectionSecrets secrets;
    private final JdbcClient jdbc;
    private final CriticalEvents criticalEvents;
    private final Clock clock;
    private final WebhookQueue queue;

    CloudApiIntake(ConnectionRepository connections, ConnectionSecrets secrets, JdbcClient jdbc, CriticalEvents criticalEvents,
            Clock clock, WebhookQueue queue) {
        this.queue = queue;
        this.connections = connections;
        this.secrets = secrets;
        this.jdbc = jdbc;
        this.criticalEvents = criticalEvents;
        this.clock = clock;
    }

    void verify(long connectionId, String mode, String verifyToken) {
        var connection = connections.findById(connectionId).filter(Connection::active)
                .filter(c -> c.provider() == Provider.CLOUD_API);
        String expected = connection.map(c -> secrets.verifyToken(c))
                .orElse(NO_SECRET);
        boolean matches = MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                verifyToken.getBytes(StandardCharsets.UTF_8));
        if (connection.isEmpty() || !"subscribe".equals(mode) || !matches) {
            criticalEvents.recordRefusal(Severity.WARNING, "channels", "channels.webhook_verification_failed",
                    Map.of("connectionId", connectionId));
            throw new ConversaException(HttpStatus.FORBIDDEN, "webhook.verification_failed");
        }
    }

    /** Refuses a call without a signature before its body is even read. */
    void requireSignature(long connectionId, String signature) {
        if (signature == null || signature.isBlank()) {
            reject(connectionId, HttpStatus.UNAUTHORIZED, "webhook.signature_missing");
        }
    }

    /** A connection's app secret as the intake last read it: webhooks come in bursts, secrets change rarely. */
    private record KnownSecret(String appSecret, java.time.Instant readAt) {
    }

    private static final java.time.Duration SECRET_FRESHNESS = java.time.Duration.ofSeconds(5);
    private final java.util.Map<Long, KnownSecret> appSecrets = new java.util.concurrent.ConcurrentHashMap<>();

    /** The app secret that signs this connection's webhooks, or empty for an unknown connection; re-read every few seconds. */
    private java.util.Optional<String> appSecret(long connectionId) {
        var now = clock.instant();
        var known = appSecrets.get(connectionId);
        if (known == null || known.readAt().plus(SECRET_FRESHNESS).isBefore(now)) {
            var sealed = jdbc.sql("select app_secret from connections where id = ? and provider = 'CLOUD_API'").param(connectionId)
                    .query(String.class).optional();
            if (sealed.isEmpty()) {
                return java.util.Optional.empty();
            }
            known = new KnownSecret(secrets.open(sealed.get(), ConnectionSecrets.Kind.APP_SECRET), now);
            appSecrets.put(connectionId, known);
        }
        return java.util.Optional.of(known.appSecret());
    }

    /** Forgets what was read of a connection (its secrets changed on this node). */
    void forget(long connectionId) {
        appSecrets.remove(connectionId);
    }

    @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
    void on(CloudApiNumbers.SettingsChanged changed) {
        forget(changed.connectionId());
    }

    /** Stores a signed call; the controller has already refused one without a signature. */
    void receive(long connectionId, String signature, byte[] body) {
        var connection = appSecret(connectionId);
        String appSecret = connection.orElse(NO_SECRET);
        if (!WebhookSignature.valid(appSecret, body, signature) || connection.isEmpty()) {
            reject(connectionId, HttpStatus.FORBIDDEN, "webhook.signature_invalid");
        }
        queue.store(connectionId, body);
    }

    private static String randomHex() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private void reject(long connectionId, HttpStatus status, String reason) {
        criticalEvents.recordRefusal(Severity.CRITICAL, "channels", "channels.webhook_rejected",
                Map.of("connectionId", connectionId, "reason", reason));
        throw new ConversaException(status, reason);
    }
}
