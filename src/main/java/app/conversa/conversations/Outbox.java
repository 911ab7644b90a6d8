package app.conversa.conversations;

import app.conversa.channels.DeliveryStatus;
import app.conversa.channels.MessageKind;
import app.conversa.conversations.ConversationEvent.MessageSent;
import java.time.Clock;
import java.time.ZoneOffset;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where outbound messages wait: stored {@code QUEUED} in the caller's transaction, then delivered
 * by the {@link OutboundSender}, which the {@link ConversationEvent.MessageSent} wakes once the
 * transaction commits.
 */
@Component
class Outbox {

    /** What a queued message carries. */
    record Draft(MessageKind kind, String text, Long mediaId, String replyToProviderId, String idempotencyKey) {
    }

    private final JdbcClient jdbc;
    private final MessageSealing sealing;
    private final Chats chats;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Outbox(JdbcClient jdbc, MessageSealing sealing, Chats chats, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.chats = chats;
        this.sealing = sealing;
        this.events = events;
        this.clock = clock;
    }

    /** A message the connection sends by itself (welcome, farewell), once per chat and reason. */
    @Transactional(propagation = Propagation.MANDATORY)
    void enqueueAutomatic(long chatId, String text, String reason) {
        if (existing(chatId, reason) == null) {
            insert(chatId, "SYSTEM", null, new Draft(MessageKind.TEXT, text, null, null, reason), false);
        }
    }

    /** The id of the message already queued with this key in the chat, if any. */
    @Transactional(propagation = Propagation.MANDATORY)
    Long existing(long chatId, String idempotencyKey) {
        return jdbc.sql("select id from messages where chat_id = ? and idempotency_key = ?")
                .params(chatId, idempotencyKey).query(Long.class).optional().orElse(null);
    }

    /** Stores an agent's message (or private note, which is never sent) and returns its id. */
    @Transactional(propagation = Propagation.MANDATORY)
    long insert(long chatId, String authorType, Long authorUserId, Draft draft, boolean privateNote) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        var keys = new GeneratedKeyHolder();
        var status = DeliveryStatus.QUEUED; // a note stays QUEUED with no attempt due: never sent
        jdbc.sql("""
                insert into messages (chat_id, connection_id, direction, kind, author_type, author_user_id, private_note,
                    body, media_id, reply_to_provider_id, status, status_rank, idempotency_key, attempts,
                    next_attempt_at, created_at)
                select id, connection_id, 'OUT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ? from chats where id = ?""")
                .params(draft.kind().name(), authorType, authorUserId, privateNote, sealing.sealBody(draft.text()),
                        draft.mediaId(), draft.replyToProviderId(), status.name(), status.rank(),
                        draft.idempotencyKey(), privateNote ? null : now, now, chatId)
                .update(keys, "id");
        long messageId = keys.getKeyAs(Long.class);
        chats.messageQueued(chatId, messageId, privateNote, now);
        events.publishEvent(new MessageSent(chatId, messageId, authorType, authorUserId, privateNote));
        return messageId;
    }
}
