package app.conversa.conversations;

import app.conversa.channels.DeliveryStatus;
import app.conversa.channels.MessageKind;
import app.conversa.channels.VoiceNotes;
import app.conversa.conversations.ChatViews.MessageView;
import app.conversa.conversations.ConversationEvent.ChatAssigned;
import app.conversa.conversations.ConversationEvent.ChatRead;
import app.conversa.conversations.ConversationEvent.ChatStateChanged;
import app.conversa.conversations.ConversationEvent.MessageStatusChanged;
import app.conversa.conversations.ConversationEvent.ParticipantsChanged;
import app.conversa.identity.CurrentUser;
import app.conversa.shared.ConversaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.InputStreamSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What agents do in a chat: write (text, attachments, private notes), retry a failed message,
 * read. Sending only queues: the API answers at once and the {@link OutboundSender} delivers.
 * The same idempotency key in a chat always yields the same single message.
 */
@Service
class Conversations {

    static final int MAX_TEXT = 4096;

    /** Text an agent writes, or a private note. */
    record Draft(String idempotencyKey, String text, boolean privateNote, String replyToProviderId) {
    }

    /** A file an agent attaches: read only once its type, size and bytes have been checked. */
    record Attachment(String idempotencyKey, InputStreamSource content, long size, String mimeType, String filename,
            String caption, boolean voice) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ChatQueries queries;
    private final Outbox outbox;
    private final MediaStore media;
    private final VoiceNotes voiceNotes;
    private final app.conversa.channels.ChannelDirectory channels;
    private final app.conversa.identity.UserDirectory users;
    private final app.conversa.audit.AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Conversations(JdbcClient jdbc, TransactionTemplate transactions, ChatQueries queries, Outbox outbox,
            MediaStore media, VoiceNotes voiceNotes, app.conversa.channels.ChannelDirectory channels,
            app.conversa.identity.UserDirectory users, app.conversa.audit.AuditTrail audit,
            ApplicationEventPublisher events, Clock clock) {
        this.users = users;
        this.audit = audit;
        this.channels = channels;
        this.voiceNotes = voiceNotes;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.queries = queries;
        this.outbox = outbox;
        this.media = media;
        this.events = events;
        this.clock = clock;
    }

    MessageView write(CurrentUser user, long chatId, Draft draft) {
        String text = draft.text() == null ? "" : draft.text().strip();
        if (text.isEmpty()) {
            throw ConversaException.invalid("message.empty");
        }
        if (text.length() > MAX_TEXT) {
            throw ConversaException.invalid("message.too_long", MAX_TEXT);
        }
        if (!draft.privateNote() && LinkPolicy.containsLink(text)) {
            throw ConversaException.invalid("message.link_refused");
        }
        return once(user, chatId, draft.idempotencyKey(), () -> {
            if (!draft.privateNote()) {
                requireSendable(chatId);
            }
            return outbox.insert(chatId, "AGENT", user.id(), new Outbox.Draft(MessageKind.TEXT, text, null,
                    draft.replyToProviderId(), draft.idempotencyKey()), draft.privateNote());
        }, !draft.privateNote());
    }

    MessageView attach(CurrentUser user, long chatId, Attachment received) {
        queries.requireVisible(user, chatId); // before any work on the file
        var attachment = received;
        if (attachment.voice() && !baseType(attachment.mimeType()).equals("audio/ogg")
                && baseType(attachment.mimeType()).matches("(audio|video)/(webm|mp4|mpeg|aac|x-m4a)")) {
            AttachmentTypes.limitOf("audio/ogg").requireFits(attachment.size());
            AttachmentTypes.requireContentIs(baseType(attachment.mimeType()), attachment.content(), false);
            attachment = asOggVoiceNote(attachment);
        }
        return store(user, chatId, attachment);
    }

    private MessageView store(CurrentUser user, long chatId, Attachment attachment) {
        String mimeType = baseType(attachment.mimeType());
        var limit = AttachmentTypes.limitOf(mimeType);
        limit.requireFits(attachment.size());
        if (attachment.voice() && !mimeType.equals("audio/ogg")) {
            throw ConversaException.invalid("message.voice_format");
        }
        AttachmentTypes.requireContentIs(mimeType, attachment.content(), attachment.voice());
        String caption = attachment.caption() == null || attachment.caption().isBlank() ? null : attachment.caption().strip();
        if (caption != null && LinkPolicy.containsLink(caption)) {
            throw ConversaException.invalid("message.link_refused");
        }
        if (caption != null && caption.length() > 1024) {
            throw ConversaException.invalid("message.too_long", 1024);
        }
        String storedType = mimeType.equals("audio/ogg") ? "audio/ogg; codecs=opus" : mimeType;
        return once(user, chatId, attachment.idempotencyKey(), () -> {
            requireSendable(chatId);
            long mediaId = media.storeOutbound(chatId, attachment.content(), storedType, filename(attachment), attachment.voice());
            return outbox.insert(chatId, "AGENT", user.id(), new Outbox.Draft(limit.kind(),
                    limit.kind() == MessageKind.AUDIO ? null : caption, mediaId, null, attachment.idempotencyKey()), false);
        }, true);
    }

    /** A voice note recorded as WebM (Chromium) or MP4 (Safari) becomes the OGG/Opus WhatsApp plays as a voice note. */
    private Attachment asOggVoiceNote(Attachment recording) {
        try {
            byte[] ogg;
            try (InputStream in = recording.content().getInputStream()) {
                ogg = voiceNotes.toOggOpus(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Attachment(recording.idempotencyKey(), new ByteArrayResource(ogg), ogg.length, "audio/ogg",
                    "voice.ogg", null, true);
        } catch (VoiceNotes.ConversionFailed e) {
            throw ConversaException.invalid("message.voice_conversion", e.getMessage());
        }
    }

    /** A failed message goes back to the queue, as long as the customer can still be written to. */
    MessageView retry(CurrentUser user, long chatId, long messageId) {
        queries.requireVisible(user, chatId);
        transactions.executeWithoutResult(tx -> {
            requireSendable(chatId);
            int queued = jdbc.sql("""
                    update messages set status = 'QUEUED', status_rank = 0, attempts = 0, next_attempt_at = ?,
                        failed_at = null, error_code = null, error_reason = null
                    where id = ? and chat_id = ? and status = 'FAILED' and direction = 'OUT' and private_note = false""")
                    .params(now(), messageId, chatId).update();
            if (queued == 0) {
                throw ConversaException.conflict("message.not_failed");
            }
            events.publishEvent(new MessageStatusChanged(chatId, messageId, DeliveryStatus.QUEUED));
        });
        return queries.message(messageId);
    }

    /**
     * Closes a chat: the connection's farewell goes out (while WhatsApp still allows free-form
     * messages), the pending count clears, and the next message from the customer reopens it as NEW.
     */
    void close(CurrentUser user, long chatId) {
        queries.requireVisible(user, chatId);
        transactions.executeWithoutResult(tx -> {
            var chat = jdbc.sql("select state, connection_id, last_inbound_at from chats where id = ? for update")
                    .param(chatId)
                    .query((rs, row) -> new Object[] {rs.getString(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class)})
                    .single();
            if ("CLOSED".equals(chat[0])) {
                throw ConversaException.conflict("chat.already_closed");
            }
            var lastInbound = (OffsetDateTime) chat[2];
            var connection = channels.find((Long) chat[1]);
            if (connection.isPresent() && ChatQueries.windowOpen(connection.get().provider().hasServiceWindow(),
                    lastInbound == null ? null : lastInbound.toInstant(), clock.instant())) {
                connection.map(c -> c.farewellMessage()).filter(f -> f != null && !f.isBlank())
                        .ifPresent(farewell -> outbox.enqueueAutomatic(chatId, farewell, "farewell"));
            }
            jdbc.sql("""
                    update chats set state = 'CLOSED', open_contact_id = null, pending_replies = 0, closed_at = ?,
                        version = version + 1 where id = ?""").params(now(), chatId).update();
            audit.record(user.actor(), "chat.closed", "chat", chatId, java.util.Map.of());
            events.publishEvent(new ChatStateChanged(chatId, ChatState.valueOf((String) chat[0]), ChatState.CLOSED,
                    user.actor()));
        });
    }

    /**
     * Gives the chat to a user (or to nobody). Administrators may choose any active user;
     * supervisors, users who share one of their departments; the chosen user must be able to work
     * chats (send messages). From then on only the new holder (and those with a wider view) see
     * it: the previous agent's next request or event finds nothing.
     */
    void assign(CurrentUser user, long chatId, Long assigneeId) {
        queries.requireVisible(user, chatId);
        if (assigneeId != null) {
            requireColleague(user, assigneeId);
            requireMayUseNumber(chatId, assigneeId);
        }
        transactions.executeWithoutResult(tx -> {
            var current = jdbc.sql("select assigned_user_id, state from chats where id = ? for update").param(chatId)
                    .query((rs, row) -> new Holder(rs.getObject(1, Long.class), ChatState.valueOf(rs.getString(2)))).single();
            Long before = current.userId();
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
            var details = new java.util.LinkedHashMap<String, Object>();
            details.put("from", before);
            details.put("to", assigneeId);
            audit.record(user.actor(), "chat.assigned", "chat", chatId, details);
            if (!java.util.Objects.equals(before, assigneeId)) {
                events.publishEvent(new ChatAssigned(chatId, before, assigneeId, user.actor()));
            }
            if (assigneeId != null && current.state() == ChatState.NEW) {
                events.publishEvent(new ChatStateChanged(chatId, ChatState.NEW, ChatState.IN_PROGRESS, user.actor()));
            }
        });
    }

    /**
     * An agent takes a NEW chat nobody holds from their departments' queue (with {@code chats.take}).
     * Two agents racing for it: the first wins, the second is told it is gone.
     */
    void take(CurrentUser user, long chatId) {
        queries.requireVisible(user, chatId);
        requireMayUseNumber(chatId, user.id());
        transactions.executeWithoutResult(tx -> {
            int taken = jdbc.sql("""
                    update chats set assigned_user_id = ?, state = 'IN_PROGRESS', version = version + 1
                    where id = ? and state = 'NEW' and assigned_user_id is null""").params(user.id(), chatId).update();
            if (taken == 0) {
                throw ConversaException.conflict("chat.already_taken");
            }
            audit.record(user.actor(), "chat.taken", "chat", chatId, Map.of());
            events.publishEvent(new ChatAssigned(chatId, null, user.id(), user.actor()));
            events.publishEvent(new ChatStateChanged(chatId, ChatState.NEW, ChatState.IN_PROGRESS, user.actor()));
        });
    }

    /** Adds an extra agent to the chat: they see it and write in it (C5). */
    void addParticipant(CurrentUser user, long chatId, long participantId) {
        queries.requireVisible(user, chatId);
        requireColleague(user, participantId);
        requireMayUseNumber(chatId, participantId);
        transactions.executeWithoutResult(tx -> {
            Long holder = jdbc.sql("select assigned_user_id from chats where id = ? for update").param(chatId)
                    .query((rs, row) -> java.util.Optional.ofNullable(rs.getObject(1, Long.class))).single().orElse(null);
            boolean already = jdbc.sql("select count(*) from chat_participants where chat_id = ? and user_id = ?")
                    .params(chatId, participantId).query(Long.class).single() > 0;
            if (already || Long.valueOf(participantId).equals(holder)) {
                return; // adding someone who is already in is no change
            }
            jdbc.sql("insert into chat_participants (chat_id, user_id, added_by, added_at) values (?, ?, ?, ?)")
                    .params(chatId, participantId, user.id(), now()).update();
            audit.record(user.actor(), "chat.participant_added", "chat", chatId, Map.of("user", participantId));
            events.publishEvent(new ParticipantsChanged(chatId, participantId, true, user.actor()));
        });
    }

    /** Removes an extra agent; from then on they see the chat only if another rule lets them. */
    void removeParticipant(CurrentUser user, long chatId, long participantId) {
        queries.requireVisible(user, chatId);
        transactions.executeWithoutResult(tx -> {
            int removed = jdbc.sql("delete from chat_participants where chat_id = ? and user_id = ?")
                    .params(chatId, participantId).update();
            if (removed > 0) {
                audit.record(user.actor(), "chat.participant_removed", "chat", chatId, Map.of("user", participantId));
                events.publishEvent(new ParticipantsChanged(chatId, participantId, false, user.actor()));
            }
        });
    }

    /**
     * Parks a chat (PENDING), resumes it (IN_PROGRESS), or reopens a closed one (IN_PROGRESS,
     * unless the customer already has another open chat on the connection). Closing has its own
     * call, because it sends the farewell.
     */
    void changeState(CurrentUser user, long chatId, ChatState target) {
        queries.requireVisible(user, chatId);
        if (target != ChatState.PENDING && target != ChatState.IN_PROGRESS) {
            throw ConversaException.invalid("chat.state_invalid", target);
        }
        try {
            transactions.executeWithoutResult(tx -> {
                var current = ChatState.valueOf(jdbc.sql("select state from chats where id = ? for update").param(chatId)
                        .query(String.class).single());
                if (current == target) {
                    return;
                }
                if (current == ChatState.CLOSED) {
                    jdbc.sql("""
                            update chats set state = ?, open_contact_id = contact_id, closed_at = null, version = version + 1
                            where id = ?""").params(target.name(), chatId).update();
                } else {
                    jdbc.sql("update chats set state = ?, version = version + 1 where id = ?")
                            .params(target.name(), chatId).update();
                }
                audit.record(user.actor(), "chat.state_changed", "chat", chatId,
                        Map.of("from", current.name(), "to", target.name()));
                events.publishEvent(new ChatStateChanged(chatId, current, target, user.actor()));
            });
        } catch (DuplicateKeyException openElsewhere) {
            throw ConversaException.conflict("chat.open_elsewhere");
        }
    }

    /**
     * An agent may be given a chat, or join it, only on a number they may use: one that lists
     * them among its agents, or lists nobody. Administrators and supervisors may use every number.
     */
    private void requireMayUseNumber(long chatId, long candidateId) {
        long connectionId = jdbc.sql("select connection_id from chats where id = ?").param(chatId).query(Long.class).single();
        var agents = channels.agentsOf(connectionId);
        if (agents.isEmpty() || agents.contains(candidateId)) {
            return;
        }
        boolean agent = users.currentUser(candidateId).map(c -> c.role() == app.conversa.identity.Role.AGENT).orElse(true);
        if (agent) {
            throw ConversaException.invalid("chat.assignee_not_on_number");
        }
    }

    private void requireColleague(CurrentUser user, long candidateId) {
        if (!users.canReceiveWork(user, candidateId)) {
            throw ConversaException.invalid("chat.assignee_invalid");
        }
    }

    /**
     * The agent opened the chat: inbound messages become read, here and (blue ticks, by
     * {@link ReadReceipts} once committed) on the customer's phone.
     */
    void read(CurrentUser user, long chatId) {
        queries.requireVisible(user, chatId);
        transactions.executeWithoutResult(tx -> {
            int read = jdbc.sql("""
                    update messages set status = 'READ', status_rank = ?, read_at = ?
                    where chat_id = ? and direction = 'IN' and status = 'DELIVERED'""")
                    .params(DeliveryStatus.READ.rank(), now(), chatId).update();
            if (read > 0) {
                events.publishEvent(new ChatRead(chatId, user.id()));
            }
        });
    }

    private record Holder(Long userId, ChatState state) {
    }

    private interface Insert {
        long run();
    }

    /**
     * Runs an insert once per idempotency key: a repeated key returns the first message, also when
     * two requests race (the unique constraint decides, the loser reads the winner's message).
     */
    private MessageView once(CurrentUser user, long chatId, String key, Insert insert, boolean agentReplied) {
        queries.requireVisible(user, chatId);
        if (key == null || !key.matches("[A-Za-z0-9_.:-]{8,100}")) {
            throw ConversaException.invalid("message.idempotency_key");
        }
        try {
            long messageId = transactions.execute(tx -> {
                Long existing = outbox.existing(chatId, key);
                if (existing != null) {
                    return existing;
                }
                long id = insert.run();
                if (agentReplied) {
                    var state = ChatState.valueOf(jdbc.sql("select state from chats where id = ? for update").param(chatId)
                            .query(String.class).single());
                    jdbc.sql("""
                            update chats set pending_replies = 0, state = case when state = 'NEW' then 'IN_PROGRESS' else state end
                            where id = ?""").param(chatId).update();
                    if (state == ChatState.NEW) {
                        events.publishEvent(new ChatStateChanged(chatId, ChatState.NEW, ChatState.IN_PROGRESS, user.actor()));
                    }
                }
                return id;
            });
            return queries.message(messageId);
        } catch (DuplicateKeyException raced) {
            return queries.message(transactions.execute(tx -> outbox.existing(chatId, key)));
        }
    }

    private void requireSendable(long chatId) {
        var chat = jdbc.sql("select state, last_inbound_at, connection_id from chats where id = ?").param(chatId)
                .query((rs, row) -> new Object[] {rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getLong(3)})
                .single();
        if ("CLOSED".equals(chat[0])) {
            throw ConversaException.conflict("message.chat_closed");
        }
        var lastInbound = (OffsetDateTime) chat[1];
        boolean windowed = channels.find((Long) chat[2]).map(c -> c.provider().hasServiceWindow()).orElse(true);
        if (!ChatQueries.windowOpen(windowed, lastInbound == null ? null : lastInbound.toInstant(), clock.instant())) {
            throw ConversaException.conflict("message.window_closed");
        }
    }

    private static String baseType(String mimeType) {
        return mimeType == null ? "" : mimeType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    }

    private static String filename(Attachment attachment) {
        String name = attachment.filename() == null ? "" : attachment.filename().replaceAll("[\\\\/\\p{Cntrl}]", "_").strip();
        return name.isEmpty() ? null : name.substring(0, Math.min(name.length(), 200));
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

}
