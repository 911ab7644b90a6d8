package app.conversa.channels;

import app.conversa.shared.SecretBox;
import java.time.Clock;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The first half of the inbound pipeline, shared by every provider's intake: an authenticated
 * webhook body is committed, sealed, to {@code inbound_webhooks} before the provider hears "200",
 * then the {@link WebhookDrainer} is woken to read it.
 */
@Component
class WebhookQueue {

    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final Clock clock;
    private final WebhookDrainer drainer;

    WebhookQueue(JdbcClient jdbc, SecretBox secrets, Clock clock, WebhookDrainer drainer) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.clock = clock;
        this.drainer = drainer;
    }

    void store(long connectionId, byte[] body) {
        jdbc.sql("insert into inbound_webhooks (connection_id, received_at, body) values (?, ?, ?)")
                .params(connectionId, clock.instant().atOffset(ZoneOffset.UTC),
                        secrets.seal(body, WebhookDrainer.bodyContext(connectionId)))
                .update();
        drainer.wake();
    }
}
