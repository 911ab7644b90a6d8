package app.conversa.conversations;

import app.conversa.channels.ChannelDirectory;
import app.conversa.channels.ConnectionInfo;
import app.conversa.channels.DeliveryStatus;
import app.conversa.channels.InboundEvent;
import app.conversa.channels.InboundEvent.MessageReceived;
import app.conversa.channels.InboundEvent.ContactSeen;
import app.conversa.channels.InboundEvent.HistoryMessage;
import app.conversa.channels.InboundEvent.SentFromPhone;
import app.conversa.channels.InboundEvent.StatusReported;
import app.conversa.channels.InboundHandler;
import app.conversa.channels.MessageKind;
import app.conversa.contacts.Contacts;
import app.conversa.conversations.ConversationEvent.MessageSent;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns inbound events into conversations. Idempotent by construction: a message is stored once
 * per (connection, provider id), a unique constraint in the database; concurrent copies that race
 * past the first check meet that constraint (or the one-open-chat constraint), roll back, and
 * are retried, finding the message stored.
 */
@Component
class InboundMessages implements InboundHandler {

    private static final int ATTEMPTS = 3;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Contacts contacts;
    private final ChannelDirectory channels;
    private final MessageSealing sealing;
    private final StatusLedger statuses;
    private final MediaStore mediaStore;
    private final Outbox outbox;
    private final Chats chats;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    InboundMessages(JdbcClient jdbc, TransactionTemplate transactions, Contacts contacts, ChannelDirectory channels,
            MessageSealing sealing, StatusLedger statuses, MediaStore mediaStore, Outbox outbox, Chats chats,
            ApplicationEventPublisher events, Clock clock) {
        this.chats = chats;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.contacts = contacts;
        this.channels = channels;
        this.sealing = sealing;
        this.statuses = statuses;
        this.mediaStore = mediaStore;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void handle(InboundEvent event) {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive()) {
            // part of the caller's batch: a race surfaces to the caller, which retries the items one by one
            handleOnce(event);
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWithoutResult(tx -> handleOnce(event));
                return;
            } catch (DuplicateKeyException raced) {
                if (attempt == ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    private void handleOnce(InboundEvent event) {
        switch (event) {
            case MessageReceived message -> store(message);
            case SentFromPhone typed -> storeQuietly(typed.message(), true, false);
            case HistoryMessage past -> storeQuietly(past.message(), past.fromBusiness(), true);
            case ContactSeen seen -> contacts.syncWhatsApp(seen.connectionId(), seen.customer().waId(),
                    seen.customer().profileName(), seen.customer().privacyId(), seen.photoUrl());
            case StatusReported status -> report(status);
        }
    }

    private void store(MessageReceived message) {
        boolean known = jdbc.sql("select count(*) from messages where connection_id = ? and provider_message_id = ?")
                .params(message.connectionId(), message.providerMessageId()).query(Long.class).single() > 0;
        if (known) {
            return;
        }
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        long contactId = contacts.identifyWhatsApp(message.connectionId(), message.customer().waId(),
                message.customer().profileName(), message.customer().privacyId());
        var connection = channels.find(message.connectionId());
        Long departmentId = connection.map(ConnectionInfo::departmentId).orElse(null);
        var chat = chats.forCustomerMessage(message.connectionId(), contactId, message.customer().waId(), departmentId);
        long chatId = chat.id();
        boolean opened = chat.opened();
        Long mediaId = message.media() == null ? null : insertMedia(chatId, message.media(), now);
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into messages (chat_id, connection_id, provider_message_id, direction, kind, author_type,
                    private_note, body, details, media_id, reply_to_provider_id, status, status_rank, sent_at,
                    delivered_at, attempts, created_at)
                values (?, ?, ?, 'IN', ?, 'CUSTOMER', false, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)""")
                .params(chatId, message.connectionId(), message.providerMessageId(), message.kind().name(),
                        sealing.sealBody(message.text()), sealing.sealDetails(message.details()), mediaId,
                        message.replyToProviderId(), DeliveryStatus.DELIVERED.name(), DeliveryStatus.DELIVERED.rank(),
                        message.sentAt().atOffset(ZoneOffset.UTC), now, now)
                .update(keys, "id");
        long messageId = keys.getKeyAs(Long.class);
        boolean awaitsReply = message.kind() != MessageKind.REACTION;
        chats.customerWrote(chat, messageId, awaitsReply, now);
        events.publishEvent(new ConversationEvent.MessageReceived(chatId, messageId, message.connectionId()));
        if (mediaId != null) {
            events.publishEvent(new MediaFetcher.MediaAnnounced(mediaId));
        }
        if (opened) { // a chat the customer just opened (or reopened) gets the connection's welcome
            connection.map(ConnectionInfo::welcomeMessage)
                    .filter(welcome -> !welcome.isBlank())
                    .ifPresent(welcome -> outbox.enqueueAutomatic(chatId, welcome, "welcome"));
        }
        // outside business hours, the customer is told once a day per chat
        connection.filter(info -> awaitsReply && info.closedAt(now.toInstant()))
                .ifPresent(info -> outbox.enqueueAutomatic(chatId, info.outOfHoursMessage(),
                        "out_of_hours:" + info.businessHours().day(now.toInstant())));
    }

    /**
     * A message that needs no one's attention: one the business typed on the linked phone (an
     * outgoing message authored by the phone, which answers the customer), or a past message
     * imported from the gateway's history. It goes to the customer's open chat, else their latest
     * chat (left closed), else a new closed chat: never a welcome, never a queue. A past message
     * does not move a chat's latest message back in time, and does not wait for a reply.
     */
    private void storeQuietly(MessageReceived message, boolean fromBusiness, boolean past) {
        boolean known = jdbc.sql("select count(*) from messages where connection_id = ? and provider_message_id = ?")
                .params(message.connectionId(), message.providerMessageId()).query(Long.class).single() > 0;
        if (known) {
            return;
        }
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        var sentAt = message.sentAt().atOffset(ZoneOffset.UTC);
        var at = past ? sentAt : now;
        long contactId = contacts.identifyWhatsApp(message.connectionId(), message.customer().waId(),
                fromBusiness ? null : message.customer().profileName(), message.customer().privacyId());
        long chatId = chats.forQuietMessage(message.connectionId(), contactId, message.customer().waId(),
                channels.find(message.connectionId()).map(ConnectionInfo::departmentId).orElse(null), at);
        Long mediaId = message.media() == null ? null : insertMedia(chatId, message.media(), now);
        var status = fromBusiness ? DeliveryStatus.SENT : DeliveryStatus.READ;
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into messages (chat_id, connection_id, provider_message_id, direction, kind, author_type,
                    private_note, body, details, media_id, reply_to_provider_id, status, status_rank, sent_at,
                    attempts, created_at)
                values (?, ?, ?, ?, ?, ?, false, ?, ?, ?, ?, ?, ?, ?, 0, ?)""")
                .params(chatId, message.connectionId(), message.providerMessageId(), fromBusiness ? "OUT" : "IN",
                        message.kind().name(), fromBusiness ? "PHONE" : "CUSTOMER", sealing.sealBody(message.text()),
                        sealing.sealDetails(message.details()), mediaId, message.replyToProviderId(), status.name(),
                        status.rank(), sentAt, at)
                .update(keys, "id");
        long messageId = keys.getKeyAs(Long.class);
        chats.quietMessage(chatId, messageId, at, past);
        events.publishEvent(fromBusiness ? new MessageSent(chatId, messageId, "PHONE", null, false)
                : new ConversationEvent.MessageReceived(chatId, messageId, message.connectionId()));
        if (mediaId != null) {
            events.publishEvent(new MediaFetcher.MediaAnnounced(mediaId));
        }
        if (fromBusiness) {
            statuses.apply(message.connectionId(), message.providerMessageId()); // receipts that came first
        }
    }

    private long insertMedia(long chatId, InboundEvent.Media media, OffsetDateTime now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into media (chat_id, provider_media_id, mime_type, filename, sha256, voice, state, attempts,
                    next_attempt_at, created_at)
                values (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)""")
                .params(chatId, media.providerMediaId(), media.mimeType(), media.filename(), hex(media.sha256()),
                        media.voice(), now, now)
                .update(keys, "id");
        long mediaId = keys.getKeyAs(Long.class);
        // bytes that came inline are kept at once: asking the provider again can fail for good
        // (a gateway that stores no messages answers "Message not found"); bytes that do not match
        // their announced sha256 are left for the fetcher, which downloads them
        if (media.content() != null && (hex(media.sha256()) == null
                || hex(media.sha256()).equals(MediaStore.sha256(media.content())))) {
            mediaStore.storeFetched(mediaId, media.content(), media.mimeType());
        }
        return mediaId;
    }

    /** Meta announces the sha256 in base64; kept as hex, or dropped if it is neither. */
    private static String hex(String announced) {
        if (announced == null) {
            return null;
        }
        if (announced.matches("[0-9a-fA-F]{64}")) {
            return announced.toLowerCase(java.util.Locale.ROOT);
        }
        try {
            byte[] digest = Base64.getDecoder().decode(announced);
            return digest.length == 32 ? HexFormat.of().formatHex(digest) : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private void report(StatusReported status) {
        boolean news = statuses.record(status.connectionId(), status.providerMessageId(), status.status(),
                status.occurredAt(), status.errorCode(), status.errorReason());
        boolean adopted = status.reference() != null
                && statuses.adopt(status.connectionId(), status.reference(), status.providerMessageId());
        if (news || adopted) {
            statuses.apply(status.connectionId(), status.providerMessageId());
        }
    }
}
