package app.conversa.conversations;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** Outbound messages as a node that crashed while sending them leaves them. */
final class CrashedSends {

    private CrashedSends() {
    }

    /** Queued, its send begun that long ago, no provider id, its lease over (the node is gone); returns its id. */
    static long leftInMidSend(JdbcClient jdbc, MessageSealing sealing, long chatId, String text, Duration startedAgo) {
        var now = OffsetDateTime.now(ZoneOffset.UTC);
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into messages (chat_id, connection_id, direction, kind, author_type, author_user_id, private_note,
                    body, status, status_rank, idempotency_key, attempts, next_attempt_at, send_started_at, created_at)
                select id, connection_id, 'OUT', 'TEXT', 'AGENT', null, false, ?, 'QUEUED', 0, ?, 0, ?, ?, ? from chats where id = ?""")
                .params(sealing.sealBody(text), "crash-" + UUID.randomUUID(), now, now.minus(startedAgo),
                        now.minus(startedAgo), chatId)
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }
}
