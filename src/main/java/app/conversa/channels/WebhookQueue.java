package app.conversa.channels;

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
public class WebhookQueue {

    private final JdbcClient jdbc;
    private final ConnectionSecrets secrets;
    private final Clock clock;
    private final WebhookDrainer drainer;

    public WebhookQueue(JdbcClient jdbc, ConnectionSecrets secrets, Clock clock, WebhookDrainer drainer) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.clock = clock;
        this.drainer = drainer;
    }

    public void store(long connectionId, byte[] body) {
        jdbc.sql("insert into inbound_webhooks (connection_id, received_at, body) values (?, ?, ?)")
                .params(connectionId, clock.instant().atOffset(ZoneOffset.UTC),
                        secrets.sealBody(body, connectionId))
                .update();
        drainer.wake();
    }
}
