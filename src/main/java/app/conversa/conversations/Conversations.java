package app.conversa.conversations;

import app.conversa.channels.DeliveryStatus;
import app.conversa.channels.MessageKind;
import app.conversa.channels.VoiceNotes;
import app.conversa.conversations.ChatViews.MessageView;
import app.conversa.conversations.ConversationEvent.ChatRead;
import app.conversa.conversations.ConversationEvent.MessageStatusChanged;
import app.conversa.identity.CurrentUser;
import app.conversa.shared.ConversaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.InputStreamSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writing in a chat: text, attachments, private notes, retrying a failed message, reading. (What
 * people do to the chat itself, taking, assigning, closing, is {@link ChatWork}.) Sending only queues: the API answers at once and the {@link OutboundSender} delivers.
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
    private final Chats chats;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Conversations(JdbcClient jdbc, TransactionTemplate transactions, ChatQueries queries, Outbox outbox,
            MediaStore media, VoiceNotes voiceNotes, Chats chats, ApplicationEventPublisher events, Clock clock) {
        this.chats = chats;
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
                chats.requireSendable(chatId);
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
            chats.requireSendable(chatId);
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
            chats.requireSendable(chatId);
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
                    chats.agentReplied(chatId, user.actor());
                }
                return id;
            });
            return queries.message(messageId);
        } catch (DuplicateKeyException raced) {
            return queries.message(transactions.execute(tx -> outbox.existing(chatId, key)));
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
