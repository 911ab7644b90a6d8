package app.conversa.conversations;

import app.conversa.audit.AuditTrail;
import app.conversa.channels.ChannelDirectory;
import app.conversa.channels.ConnectionInfo;
import app.conversa.conversations.ConversationEvent.ChatAssigned;
import app.conversa.conversations.ConversationEvent.ChatOpened;
import app.conversa.conversations.ConversationEvent.ChatStateChanged;
import app.conversa.conversations.ConversationEvent.ParticipantsChanged;
import app.conversa.shared.Actor;
import app.conversa.shared.ConversaException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The chat aggregate: the one place that changes a chat's state, holder, participants, pending
 * replies and last activity. Each move locks the chat's row, checks the move against
 * {@link ChatState#canBecome}, and publishes its {@link ConversationEvent} in the same
 * transaction; the people's moves are audited there too. Three rules live here and nowhere else:
 * <ul>
 * <li>one open chat per connection and contact ({@code open_contact_id}, unique: the contact's id
 * while the chat is open, null once closed);</li>
 * <li>WhatsApp's customer-service window ({@link #windowOpen});</li>
 * <li>the pending-reply counter: up with each customer message that awaits a reply, to zero when
 * the business answers or closes.</li>
 * </ul>
 * Who may make a move (visibility, colleagues, a number's team) is checked by the callers.
 */
@Component
class Chats {

    static final Duration SERVICE_WINDOW = Duration.ofHours(24);

    /** WhatsApp's customer-service window: free-form messages only within 24 h of the customer's last one. */
    static boolean windowOpen(boolean windowed, Instant lastInbound, Instant now) {
        return !windowed || lastInbound != null && lastInbound.plus(SERVICE_WINDOW).isAfter(now);
    }

    /** The chat a customer's message goes to; {@code before} is its state before the message (null: new). */
    record CustomerChat(long id, boolean opened, ChatState before) {
    }

    private final JdbcClient jdbc;
    private final ChannelDirectory channels;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Chats(JdbcClient jdbc, ChannelDirectory channels, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.channels = channels;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ the customer's side

    /**
     * The chat a customer's new message goes to: their open chat on the connection; else their
     * latest closed chat, reopened as NEW for anyone to take (same chat, whole history); else a
     * new NEW chat. {@code opened} when this message opened it (it gets the welcome). Two copies
     * racing to open meet the one-open-chat constraint; the loser's transaction is retried.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    CustomerChat forCustomerMessage(long connectionId, long contactId, String waId, Long departmentId) {
        var open = openChatOf(connectionId, contactId);
        if (open.isPresent()) {
            return open.get();
        }
        var closed = jdbc.sql("""
                select id from chats where connection_id = ? and contact_id = ? and state = 'CLOSED'
                order by id desc fetch first 1 rows only""").params(connectionId, contactId).query(Long.class).optional();
        if (closed.isPresent()) {
            requireMove(ChatState.CLOSED, ChatState.NEW);
            int reopened = jdbc.sql("""
                    update chats set state = 'NEW', open_contact_id = contact_id, closed_at = null, assigned_user_id = null,
                        version = version + 1
                    where id = ? and state = 'CLOSED'""").param(closed.get()).update();
            if (reopened == 1) {
                events.publishEvent(new ChatStateChanged(closed.get(), ChatState.CLOSED, ChatState.NEW, null));
                return new CustomerChat(closed.get(), true, ChatState.CLOSED);
            }
            // another message reopened it a moment earlier: that chat is it
            var meanwhile = openChatOf(connectionId, contactId);
            if (meanwhile.isPresent()) {
                return meanwhile.get();
            }
        }
        var now = now();
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into chats (connection_id, contact_id, wa_id, department_id, state, open_contact_id,
                    pending_replies, last_message_at, created_at, version)
                values (?, ?, ?, ?, 'NEW', ?, 0, ?, ?, 0)""")
                .params(connectionId, contactId, waId, departmentId, contactId, now, now)
                .update(keys, "id");
        long chatId = keys.getKeyAs(Long.class);
        events.publishEvent(new ChatOpened(chatId, connectionId, contactId, departmentId));
        return new CustomerChat(chatId, true, null);
    }

    private Optional<CustomerChat> openChatOf(long connectionId, long contactId) {
        return jdbc.sql("select id, state from chats where connection_id = ? and open_contact_id = ?")
                .params(connectionId, contactId)
                .query((rs, row) -> new CustomerChat(rs.getLong(1), false, ChatState.valueOf(rs.getString(2)))).optional();
    }

    /** The customer's message is the chat's latest; one that awaits a reply counts; a parked chat resumes. */
    @Transactional(propagation = Propagation.MANDATORY)
    void customerWrote(CustomerChat chat, long messageId, boolean awaitsReply, OffsetDateTime now) {
        jdbc.sql("""
                update chats set pending_replies = pending_replies + ?, last_message_at = ?, last_inbound_at = ?,
                    last_message_id = ?, state = case when state = 'PENDING' then 'IN_PROGRESS' else state end,
                    version = version + 1
                where id = ?""")
                .params(awaitsReply ? 1 : 0, now, now, messageId, chat.id()).update();
        if (chat.before() == ChatState.PENDING) {
            events.publishEvent(new ChatStateChanged(chat.id(), ChatState.PENDING, ChatState.IN_PROGRESS, null));
        }
    }

    /**
     * Where a message that needs no one's attention goes (typed on the linked phone, or imported
     * from history): the customer's open chat, else their latest, else a new closed chat.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    long forQuietMessage(long connectionId, long contactId, String waId, Long departmentId, OffsetDateTime at) {
        return jdbc.sql("""
                select id from chats where connection_id = ? and contact_id = ?
                order by case when open_contact_id is null then 1 else 0 end, id desc fetch first 1 rows only""")
                .params(connectionId, contactId).query(Long.class).optional()
                .orElseGet(() -> {
                    var keys = new GeneratedKeyHolder();
                    jdbc.sql("""
                            insert into chats (connection_id, contact_id, wa_id, department_id, state, open_contact_id,
                                pending_replies, last_message_at, created_at, closed_at, version)
                            values (?, ?, ?, ?, 'CLOSED', null, 0, ?, ?, ?, 0)""")
                            .params(connectionId, contactId, waId, departmentId, at, at, at)
                            .update(keys, "id");
                    return keys.getKeyAs(Long.class);
                });
    }

    /**
     * A quiet message is stored: a past one does not move the chat's latest message back in time;
     * one the business typed on its phone answers the customer (nothing pending).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void quietMessage(long chatId, long messageId, OffsetDateTime at, boolean past) {
        if (past) {
            jdbc.sql("""
                    update chats set last_message_at = ?, last_message_id = ?, version = version + 1
                    where id = ? and (last_message_at < ? or last_message_id is null)""")
                    .params(at, messageId, chatId, at).update();
        } else {
            jdbc.sql("""
                    update chats set pending_replies = 0, last_message_at = ?, last_message_id = ?, version = version + 1
                    where id = ?""").params(at, messageId, chatId).update();
        }
    }

    // ------------------------------------------------------------------ the business's messages

    /** A message was queued in the chat (a private note moves the activity, not the preview). */
    @Transactional(propagation = Propagation.MANDATORY)
    void messageQueued(long chatId, long messageId, boolean privateNote, OffsetDateTime at) {
        if (privateNote) {
            jdbc.sql("update chats set last_message_at = ?, version = version + 1 where id = ?").params(at, chatId).update();
        } else {
            jdbc.sql("update chats set last_message_at = ?, last_message_id = ?, version = version + 1 where id = ?")
                    .params(at, messageId, chatId).update();
        }
    }

    /** The message standing as a chat's latest is replaced by another (a gateway's echo of one we sent). */
    @Transactional(propagation = Propagation.MANDATORY)
    void latestReplaced(long formerMessageId, long messageId) {
        jdbc.sql("update chats set last_message_id = ? where last_message_id = ?").params(messageId, formerMessageId).update();
    }

    /** An agent answered: nothing is pending any more, and a NEW chat is being worked on. */
    @Transactional(propagation = Propagation.MANDATORY)
    void agentReplied(long chatId, Actor by) {
        var state = lockState(chatId);
        jdbc.sql("""
                update chats set pending_replies = 0, state = case when state = 'NEW' then 'IN_PROGRESS' else state end
                where id = ?""").param(chatId).update();
        if (state == ChatState.NEW) {
            events.publishEvent(new ChatStateChanged(chatId, ChatState.NEW, ChatState.IN_PROGRESS, by));
        }
    }

    /** Whether a free-form message may go out now: the chat is open and WhatsApp's window too. */
    void requireSendable(long chatId) {
        var chat = jdbc.sql("select state, last_inbound_at, connection_id from chats where id = ?").param(chatId)
                .query((rs, row) -> new Object[] {rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getLong(3)})
                .single();
        if ("CLOSED".equals(chat[0])) {
            throw ConversaException.conflict("message.chat_closed");
        }
        var lastInbound = (OffsetDateTime) chat[1];
        boolean windowed = channels.find((Long) chat[2]).map(c -> c.provider().hasServiceWindow()).orElse(true);
        if (!windowOpen(windowed, lastInbound == null ? null : lastInbound.toInstant(), clock.instant())) {
            throw ConversaException.conflict("message.window_closed");
        }
    }

    // ------------------------------------------------------------------ what people do

    /**
     * Closes the chat: nothing is pending any more, and the customer's next message reopens it as
     * NEW. Returns the connection's farewell when it is due: it has one, and WhatsApp still allows
     * free-form messages.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<String> close(Actor by, long chatId) {
        var chat = jdbc.sql("select state, connection_id, last_inbound_at from chats where id = ? for update")
                .param(chatId)
                .query((rs, row) -> new Object[] {ChatState.valueOf(rs.getString(1)), rs.getLong(2),
                        rs.getObject(3, OffsetDateTime.class)})
                .single();
        var from = (ChatState) chat[0];
        if (from == ChatState.CLOSED) {
            throw ConversaException.conflict("chat.already_closed");
        }
        requireMove(from, ChatState.CLOSED);
        var lastInbound = (OffsetDateTime) chat[2];
        var connection = channels.find((Long) chat[1]);
        var farewell = connection.filter(c -> windowOpen(c.provider().hasServiceWindow(),
                        lastInbound == null ? null : lastInbound.toInstant(), clock.instant()))
                .map(ConnectionInfo::farewellMessage).filter(f -> f != null && !f.isBlank());
        jdbc.sql("""
                update chats set state = 'CLOSED', open_contact_id = null, pending_replies = 0, closed_at = ?,
                    version = version + 1 where id = ?""").params(now(), chatId).update();
        audit.record(by, "chat.closed", "chat", chatId, Map.of());
        events.publishEvent(new ChatStateChanged(chatId, from, ChatState.CLOSED, by));
        return farewell;
    }

    /** Gives the chat to a user (or nobody); a NEW chat given to someone is being worked on. */
    @Transactional(propagation = Propagation.MANDATORY)
    void assign(Actor by, long chatId, Long assigneeId) {
        var current = jdbc.sql("select assigned_user_id, state from chats where id = ? for update").param(chatId)
                .query((rs, row) -> new Holder(rs.getObject(1, Long.class), ChatState.valueOf(rs.getString(2)))).single();
        if (assigneeId == null) {
            jdbc.sql("update chats set assigned_user_id = null, version = version + 1 where id = ?").param(chatId).update();
        } else {
            jdbc.sql("""
                    update chats set assigned_user_id = ?, version = version + 1,
                        state = case when state = 'NEW' then 'IN_PROGRESS' else state end
                    where id = ?""").params(assigneeId, chatId).update();
            // the holder is no longer an extra on their own chat
            jdbc.sql("delete from chat_participants where chat_id = ? and user_id = ?").params(chatId, assigneeId).update();
        }
        var details = new LinkedHashMap<String, Object>();
        details.put("from", current.userId());
        details.put("to", assigneeId);
        audit.record(by, "chat.assigned", "chat", chatId, details);
        if (!Objects.equals(current.userId(), assigneeId)) {
            events.publishEvent(new ChatAssigned(chatId, current.userId(), assigneeId, by));
        }
        if (assigneeId != null && current.state() == ChatState.NEW) {
            events.publishEvent(new ChatStateChanged(chatId, ChatState.NEW, ChatState.IN_PROGRESS, by));
        }
    }

    /** A NEW chat nobody holds goes to {@code by}; of two racing, the first wins and the second is told it is gone. */
    @Transactional(propagation = Propagation.MANDATORY)
    void take(Actor by, long chatId) {
        int taken = jdbc.sql("""
                update chats set assigned_user_id = ?, state = 'IN_PROGRESS', version = version + 1
                where id = ? and state = 'NEW' and assigned_user_id is null""").params(by.id(), chatId).update();
        if (taken == 0) {
            throw ConversaException.conflict("chat.already_taken");
        }
        audit.record(by, "chat.taken", "chat", chatId, Map.of());
        events.publishEvent(new ChatAssigned(chatId, null, by.id(), by));
        events.publishEvent(new ChatStateChanged(chatId, ChatState.NEW, ChatState.IN_PROGRESS, by));
    }

    /** Adds an extra agent; adding the holder or someone already in is no change. */
    @Transactional(propagation = Propagation.MANDATORY)
    void addParticipant(Actor by, long chatId, long participantId) {
        Long holder = jdbc.sql("select assigned_user_id from chats where id = ? for update").param(chatId)
                .query((rs, row) -> Optional.ofNullable(rs.getObject(1, Long.class))).single().orElse(null);
        boolean already = jdbc.sql("select count(*) from chat_participants where chat_id = ? and user_id = ?")
                .params(chatId, participantId).query(Long.class).single() > 0;
        if (already || Long.valueOf(participantId).equals(holder)) {
            return;
        }
        jdbc.sql("insert into chat_participants (chat_id, user_id, added_by, added_at) values (?, ?, ?, ?)")
                .params(chatId, participantId, by.id(), now()).update();
        audit.record(by, "chat.participant_added", "chat", chatId, Map.of("user", participantId));
        events.publishEvent(new ParticipantsChanged(chatId, participantId, true, by));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void removeParticipant(Actor by, long chatId, long participantId) {
        int removed = jdbc.sql("delete from chat_participants where chat_id = ? and user_id = ?")
                .params(chatId, participantId).update();
        if (removed > 0) {
            audit.record(by, "chat.participant_removed", "chat", chatId, Map.of("user", participantId));
            events.publishEvent(new ParticipantsChanged(chatId, participantId, false, by));
        }
    }

    /**
     * Parks a chat (PENDING) or resumes it (IN_PROGRESS); a closed chat reopens into either, unless
     * the customer already has another open chat on the connection ({@code chat.open_elsewhere}).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void changeState(Actor by, long chatId, ChatState target) {
        if (target != ChatState.PENDING && target != ChatState.IN_PROGRESS) {
            throw ConversaException.invalid("chat.state_invalid", target);
        }
        var current = lockState(chatId);
        if (current == target) {
            return;
        }
        requireMove(current, target);
        try {
            if (current == ChatState.CLOSED) {
                jdbc.sql("""
                        update chats set state = ?, open_contact_id = contact_id, closed_at = null, version = version + 1
                        where id = ?""").params(target.name(), chatId).update();
            } else {
                jdbc.sql("update chats set state = ?, version = version + 1 where id = ?").params(target.name(), chatId).update();
            }
        } catch (org.springframework.dao.DuplicateKeyException openElsewhere) {
            throw ConversaException.conflict("chat.open_elsewhere");
        }
        audit.record(by, "chat.state_changed", "chat", chatId, Map.of("from", current.name(), "to", target.name()));
        events.publishEvent(new ChatStateChanged(chatId, current, target, by));
    }

    // ------------------------------------------------------------------

    private ChatState lockState(long chatId) {
        return ChatState.valueOf(jdbc.sql("select state from chats where id = ? for update").param(chatId)
                .query(String.class).single());
    }

    private static void requireMove(ChatState from, ChatState to) {
        if (!from.canBecome(to)) {
            throw ConversaException.conflict("chat.state_move_refused", from, to);
        }
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private record Holder(Long userId, ChatState state) {
    }
}
