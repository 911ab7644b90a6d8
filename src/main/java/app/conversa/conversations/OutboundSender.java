package app.conversa.conversations;

import app.conversa.channels.DeliveryStatus;
import app.conversa.channels.MessageKind;
import app.conversa.channels.Messaging;
import app.conversa.channels.OutboundMessage;
import app.conversa.channels.SendFailure;
import app.conversa.channels.SendOutcomeUnknown;
import app.conversa.conversations.ConversationEvent.MessageSendDelayed;
import app.conversa.conversations.ConversationEvent.MessageStatusChanged;
import app.conversa.shared.Backoff;
import app.conversa.shared.WakeableWorker;
import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers queued messages through the connection's adapter. A message is leased before it is
 * sent (so a second node, or a second wake-up, does not send it too), chats are sent in parallel
 * and each chat in order, each number within its rate. A transient failure is retried with
 * exponential backoff and jitter; a permanent one, or too many attempts, leaves the message
 * FAILED with the provider's code and a readable reason. Nothing stays queued silently: the
 * sweep retries what a crash left leased.
 * A send whose answer never came is not simply tried again: see {@link UnansweredSends}.
 */
@Component
class OutboundSender implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboundSender.class);

    private final JdbcClient jdbc;
    private final Chats chats;
    private final TransactionTemplate transactions;
    private final Messaging messaging;
    private final MessageSealing sealing;
    private final StatusLedger statuses;
    private final MediaStore mediaStore;
    private final ApplicationEventPublisher events;
    private final SendAlarms alarms;
    private final UnansweredSends unanswered;
    private final Clock clock;
    private final int ratePerSecond;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Duration lease;
    private final Map<Long, Bucket> rates = new ConcurrentHashMap<>();
    private final WakeableWorker worker = new WakeableWorker("outbound-sender", this::drain);

    OutboundSender(JdbcClient jdbc, TransactionTemplate transactions, Messaging messaging, MessageSealing sealing,
            StatusLedger statuses, MediaStore mediaStore, Chats chats, ApplicationEventPublisher events, SendAlarms alarms,
            UnansweredSends unanswered, Clock clock,
            @Value("${conversa.outbound.rate-per-second:80}") int ratePerSecond,
            @Value("${conversa.outbound.max-attempts:8}") int maxAttempts,
            @Value("${conversa.outbound.first-backoff:1s}") Duration firstBackoff,
            @Value("${conversa.outbound.max-backoff:5m}") Duration maxBackoff,
            @Value("${conversa.outbound.lease:2m}") Duration lease) {
        this.jdbc = jdbc;
        this.chats = chats;
        this.transactions = transactions;
        this.messaging = messaging;
        this.sealing = sealing;
        this.statuses = statuses;
        this.mediaStore = mediaStore;
        this.events = events;
        this.alarms = alarms;
        this.unanswered = unanswered;
        this.clock = clock;
        this.ratePerSecond = ratePerSecond;
        this.maxAttempts = maxAttempts;
        this.backoff = new Backoff(firstBackoff, maxBackoff);
        this.lease = lease;
    }

    void wake() {
        worker.wake();
    }

    /** A message to send was queued, or a failed one queued again: go, once it is committed. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(ConversationEvent.MessageSent sent) {
        if (!sent.privateNote() && !"PHONE".equals(sent.authorType())) {
            wake();
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(MessageStatusChanged changed) {
        if (changed.status() == DeliveryStatus.QUEUED) {
            wake();
        }
    }

    @Scheduled(fixedDelayString = "${conversa.outbound.sweep-interval:1s}", initialDelayString = "${conversa.outbound.sweep-interval:1s}")
    void sweep() {
        wake();
    }

    private record Due(long id, long chatId, long connectionId, OffsetDateTime dueAt) {
    }

    private void drain() {
        while (true) {
            var now = now();
            var due = jdbc.sql("""
                    select id, chat_id, connection_id, next_attempt_at from messages
                    where status = 'QUEUED' and private_note = false and next_attempt_at <= ?
                    order by id fetch first 200 rows only""")
                    .param(now)
                    .query((rs, row) -> new Due(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                            rs.getObject(4, OffsetDateTime.class)))
                    .list();
            if (due.isEmpty()) {
                return;
            }
            var byChat = new LinkedHashMap<Long, List<Due>>();
            due.forEach(message -> byChat.computeIfAbsent(message.chatId(), chat -> new ArrayList<>()).add(message));
            try (var chats = Executors.newVirtualThreadPerTaskExecutor()) {
                byChat.values().forEach(messages -> chats.execute(() -> messages.forEach(this::deliverIfLeased)));
            }
        }
    }

    private void deliverIfLeased(Due message) {
        boolean leased = jdbc.sql("""
                update messages set next_attempt_at = ? where id = ? and status = 'QUEUED' and next_attempt_at = ?""")
                .params(now().plus(lease), message.id(), message.dueAt()).update() == 1;
        if (leased) {
            deliver(message.id());
        }
    }

    private record Outgoing(long chatId, long connectionId, String waId, MessageKind kind, byte[] body, Long mediaId,
            String replyTo, int attempts, OffsetDateTime sendStartedAt) {
    }

    private void deliver(long messageId) {
        var outgoing = jdbc.sql("""
                select m.chat_id, m.connection_id, c.wa_id, m.kind, m.body, m.media_id, m.reply_to_provider_id, m.attempts,
                    m.send_started_at
                from messages m join chats c on c.id = m.chat_id where m.id = ?""")
                .param(messageId)
                .query((rs, row) -> new Outgoing(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        MessageKind.valueOf(rs.getString(4)), rs.getBytes(5), (Long) rs.getObject(6, Long.class),
                        rs.getString(7), rs.getInt(8), rs.getObject(9, OffsetDateTime.class)))
                .single();
        try {
            var message = message(messageId, outgoing);
            if (outgoing.sendStartedAt() != null && !mayResend(messageId, outgoing, message)) {
                return;
            }
            rate(outgoing.connectionId()).asBlocking().consume(1);
            if (!unanswered.started(messageId)) {
                return; // a status echoing its reference gave it its provider id meanwhile
            }
            String providerId = messaging.send(outgoing.connectionId(), message);
            try {
                sent(messageId, outgoing, providerId);
            } catch (RuntimeException afterAccepted) {
                // the customer has it: not treated as a failed send. The message keeps its send_started_at, so
                // when the lease ends (the database down all that time) the sender looks for it before sending again
                log.error("Message {} was sent as {} but could not be recorded", messageId, providerId, afterAccepted);
            }
        } catch (SendOutcomeUnknown unknown) {
            unknown(messageId, outgoing, unknown);
        } catch (SendFailure failure) {
            failed(messageId, outgoing, failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException unexpected) {
            // a bug or the database: retried later like a transient failure (the lease expires if this fails too)
            log.error("Message {} could not be delivered", messageId, unexpected);
            failed(messageId, outgoing, new SendFailure("internal", "Internal error while sending.", true));
        }
    }

    private OutboundMessage message(long messageId, Outgoing outgoing) {
        OutboundMessage.Attachment attachment = null;
        if (outgoing.mediaId() != null) {
            var media = mediaStore.describe(outgoing.mediaId());
            attachment = new OutboundMessage.Attachment(mediaStore.read(outgoing.mediaId()), media.mimeType(),
                    media.filename(), media.voice());
        }
        return new OutboundMessage(outgoing.waId(), outgoing.kind(), sealing.openBody(outgoing.body()), attachment,
                outgoing.replyTo(), StatusLedger.reference(messageId));
    }

    /**
     * A send of this message may have reached the provider (see {@link UnansweredSends}): settles
     * it if the provider has it, and says whether to send it again.
     */
    private boolean mayResend(long messageId, Outgoing outgoing, OutboundMessage message) {
        var verdict = unanswered.judge(messageId, outgoing.connectionId(), message, outgoing.sendStartedAt().toInstant());
        switch (verdict) {
            case UnansweredSends.Verdict.Found found -> {
                log.info("Message {} whose send had no answer was found at the provider", messageId);
                sent(messageId, outgoing, found.providerMessageId());
                return false;
            }
            case UnansweredSends.Verdict.Wait wait -> {
                return false;
            }
            case UnansweredSends.Verdict.SendAgain again when outgoing.attempts() >= maxAttempts -> {
                failed(messageId, outgoing, new SendFailure("outcome_unknown",
                        "The provider never answered whether it took the message.", false));
                return false;
            }
            case UnansweredSends.Verdict.SendAgain again -> {
                if (again.blind()) {
                    alarms.possibleDuplicate(messageId, outgoing.chatId(), outgoing.connectionId(), "No word from the provider within "
                            + unanswered.waitLimit().toSeconds() + " s of a send with no answer; sent again.");
                }
                return true;
            }
        }
    }

    private void unknown(long messageId, Outgoing outgoing, SendOutcomeUnknown unknown) {
        transactions.executeWithoutResult(tx -> {
            unanswered.unanswered(messageId, unknown);
            events.publishEvent(new MessageSendDelayed(outgoing.chatId(), messageId, "unknown_outcome"));
        });
        log.info("Message {}: the provider did not answer ({}); looking for it before any new send", messageId,
                unknown.reason());
    }

    /**
     * Records what the provider accepted. Never lets the send be tried again: a gateway's echo of
     * this message, stored at the same moment, may hold its provider id; once that echo's
     * transaction has committed, a second try finds it and gives it way.
     */
    private void sent(long messageId, Outgoing outgoing, String providerId) {
        for (int attempt = 1; ; attempt++) {
            try {
                record(messageId, outgoing, providerId);
                return;
            } catch (org.springframework.dao.DuplicateKeyException echoCommittedMeanwhile) {
                if (attempt == 3) {
                    throw echoCommittedMeanwhile;
                }
            }
        }
    }

    private void record(long messageId, Outgoing outgoing, String providerId) {
        var now = now();
        boolean recorded = Boolean.TRUE.equals(transactions.execute(tx -> {
            forgetEcho(outgoing.connectionId(), providerId, messageId);
            int updated = jdbc.sql("""
                    update messages set provider_message_id = ?, status = ?, status_rank = ?, sent_at = ?,
                        attempts = attempts + 1, next_attempt_at = null, send_started_at = null, error_code = null,
                        error_reason = null
                    where id = ? and (provider_message_id is null or provider_message_id = ?)""")
                    .params(providerId, DeliveryStatus.SENT.name(), DeliveryStatus.SENT.rank(), now, messageId, providerId)
                    .update();
            if (updated == 1) {
                events.publishEvent(new MessageStatusChanged(outgoing.chatId(), messageId, DeliveryStatus.SENT));
                statuses.apply(outgoing.connectionId(), providerId);
            }
            return updated == 1;
        }));
        if (!recorded) {
            alarms.possibleDuplicate(messageId, outgoing.chatId(), outgoing.connectionId(),
                    "Sent again as " + providerId + " while a status showed the provider had it already.");
        }
    }

    /**
     * A gateway may report a message sent through its API as typed on the phone before the send
     * returns its id: that copy is this very message, so it gives way to it.
     */
    private void forgetEcho(long connectionId, String providerId, long messageId) {
        var echo = jdbc.sql("""
                select id, media_id from messages where connection_id = ? and provider_message_id = ? and author_type = 'PHONE'""")
                .params(connectionId, providerId)
                .query((rs, row) -> new Long[] {rs.getLong(1), rs.getObject(2, Long.class)}).optional();
        if (echo.isEmpty()) {
            return;
        }
        chats.latestReplaced(echo.get()[0], messageId);
        jdbc.sql("delete from messages where id = ?").param(echo.get()[0]).update();
        if (echo.get()[1] != null) {
            jdbc.sql("delete from media where id = ?").param(echo.get()[1]).update();
        }
    }

    private void failed(long messageId, Outgoing outgoing, SendFailure failure) {
        int attempts = outgoing.attempts() + 1;
        boolean retry = failure.transientFailure() && attempts < maxAttempts;
        var now = now();
        String reason = retry || !failure.transientFailure() ? failure.reason()
                : "Gave up after " + attempts + " attempts: " + failure.reason();
        boolean changed = Boolean.TRUE.equals(transactions.execute(tx -> {
            int updated = retry
                    ? jdbc.sql("""
                            update messages set attempts = ?, next_attempt_at = ?, send_started_at = null, error_code = ?,
                                error_reason = ?
                            where id = ? and status = 'QUEUED' and provider_message_id is null""")
                            .params(attempts, now.plus(backoff(attempts)), failure.code(), truncate(reason), messageId)
                            .update()
                    : jdbc.sql("""
                            update messages set attempts = ?, status = ?, status_rank = ?, failed_at = ?, next_attempt_at = null,
                                send_started_at = null, error_code = ?, error_reason = ?
                            where id = ? and status = 'QUEUED' and provider_message_id is null""")
                            .params(attempts, DeliveryStatus.FAILED.name(), DeliveryStatus.FAILED.rank(), now, failure.code(),
                                    truncate(reason), messageId)
                            .update();
            if (updated == 1) {
                events.publishEvent(retry ? new MessageSendDelayed(outgoing.chatId(), messageId, failure.code())
                        : new MessageStatusChanged(outgoing.chatId(), messageId, DeliveryStatus.FAILED));
            }
            return updated == 1;
        }));
        log.info("Message {} not sent (attempt {}, code {}, {})", messageId, attempts, failure.code(),
                retry ? "will retry" : "failed");
        if (changed && !retry) {
            alarms.sendFailed(messageId, outgoing.chatId(), outgoing.connectionId(), attempts, failure.code(),
                    truncate(reason));
        }
    }

    Duration backoff(int attempt) {
        return backoff.withJitter(attempt);
    }

    private Bucket rate(long connectionId) {
        return rates.computeIfAbsent(connectionId, id -> Bucket.builder()
                .addLimit(limit -> limit.capacity(ratePerSecond).refillGreedy(ratePerSecond, Duration.ofSeconds(1)))
                .build());
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }

    @Override
    public void destroy() {
        worker.close();
    }
}
