package app.conversa.channels;

import app.conversa.audit.CriticalEvents;
import app.conversa.audit.Severity;
import app.conversa.shared.ConversaException;
import app.conversa.shared.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The front door of the inbound pipeline for Cloud API connections. The verification handshake
 * echoes Meta's challenge only for the connection's verify token. A notification is accepted only
 * with a valid signature, before any side effect, and is then committed, sealed, to
 * {@code cloud_api_webhooks}: the 200 Meta receives always follows a durable commit. Rejected
 * calls leave nothing behind but a critical event.
 */
@Service
class CloudApiIntake {

    private final ConnectionRepository connections;
    private final SecretBox secrets;
    private final JdbcClient jdbc;
    private final CriticalEvents criticalEvents;
    private final Clock clock;

    CloudApiIntake(ConnectionRepository connections, SecretBox secrets, JdbcClient jdbc, CriticalEvents criticalEvents,
            Clock clock) {
        this.connections = connections;
        this.secrets = secrets;
        this.jdbc = jdbc;
        this.criticalEvents = criticalEvents;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    void verify(long connectionId, String mode, String verifyToken) {
        var connection = load(connectionId);
        byte[] expected = secrets.openText(connection.sealedVerifyToken()).getBytes(StandardCharsets.UTF_8);
        boolean matches = MessageDigest.isEqual(expected, verifyToken.getBytes(StandardCharsets.UTF_8));
        if (!"subscribe".equals(mode) || !matches) {
            criticalEvents.record(Severity.WARNING, "channels", "channels.webhook_verification_failed",
                    Map.of("connectionId", connectionId));
            throw new ConversaException(HttpStatus.FORBIDDEN, "webhook.verification_failed");
        }
    }

    @Transactional
    void receive(long connectionId, String signature, byte[] body) {
        var connection = load(connectionId);
        if (signature == null || signature.isBlank()) {
            reject(connectionId, HttpStatus.UNAUTHORIZED, "webhook.signature_missing");
        }
        if (!WebhookSignature.valid(secrets.openText(connection.sealedAppSecret()), body, signature)) {
            reject(connectionId, HttpStatus.FORBIDDEN, "webhook.signature_invalid");
        }
        jdbc.sql("insert into cloud_api_webhooks (connection_id, received_at, body) values (?, ?, ?)")
                .params(connectionId, clock.instant().atOffset(ZoneOffset.UTC), secrets.seal(body)).update();
    }

    private Connection load(long connectionId) {
        return connections.findById(connectionId)
                .orElseThrow(() -> ConversaException.notFound("connection.not_found", connectionId));
    }

    private void reject(long connectionId, HttpStatus status, String reason) {
        criticalEvents.record(Severity.CRITICAL, "channels", "channels.webhook_rejected",
                Map.of("connectionId", connectionId, "reason", reason));
        throw new ConversaException(status, reason);
    }
}
