package app.conversa.conversations;

import app.conversa.channels.Messaging;
import app.conversa.channels.SendFailure;
import app.conversa.conversations.ConversationEvent.MessageMediaStored;
import app.conversa.shared.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Downloads the media customers send, promptly (Meta's media ids expire after 7 days), and keeps
 * trying with growing pauses until it is stored; content whose sha256 differs from the one the
 * provider announced is refused and fetched again.
 */
@Component
class MediaFetcher {

    private static final Logger log = LoggerFactory.getLogger(MediaFetcher.class);
    /** 2 s, 4 s, 8 s ... up to an hour (no jitter: one fetch per media item). */
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(2), Duration.ofHours(1));
    /** About the 7 days a provider keeps the media, at the longest pause. */
    private static final int MAX_ATTEMPTS = 180;

    private final JdbcClient jdbc;
    private final Messaging messaging;
    private final MediaStore store;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    MediaFetcher(JdbcClient jdbc, Messaging messaging, MediaStore store, TransactionTemplate transactions,
            ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.messaging = messaging;
        this.store = store;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** Published when a customer's message announces media. */
    record MediaAnnounced(long mediaId) {
    }

    /** A message with media arrived: fetch right after it commits, without waiting for the sweep. */
    @TransactionalEventListener
    void onMediaAnnounced(MediaAnnounced announced) {
        Thread.ofVirtual().start(this::fetchDueQuietly);
    }

    @Scheduled(fixedDelayString = "${conversa.media.sweep-interval:5s}")
    void fetchDueQuietly() {
        try {
            fetchDue();
        } catch (RuntimeException e) {
            log.warn("Media fetching paused: {}", e.toString());
        }
    }

    private record Pending(long id, long chatId, long connectionId, String providerMediaId, String sha256, int attempts,
            OffsetDateTime dueAt) {
    }

    synchronized void fetchDue() {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        var pending = jdbc.sql("""
                select m.id, m.chat_id, c.connection_id, m.provider_media_id, m.sha256, m.attempts, m.next_attempt_at
                from media m join chats c on c.id = m.chat_id
                where m.state = 'PENDING' and m.next_attempt_at <= ? order by m.id fetch first 50 rows only""")
                .param(now)
                .query((rs, row) -> new Pending(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getObject(7, OffsetDateTime.class)))
                .list();
        pending.forEach(this::fetch);
    }

    private void fetch(Pending media) {
        try {
            var fetched = messaging.fetch(media.connectionId(), media.providerMediaId());
            if (media.sha256() != null && !media.sha256().equals(MediaStore.sha256(fetched.content()))) {
                throw new SendFailure("sha256", "The downloaded content does not match its announced sha256.", true);
            }
            transactions.executeWithoutResult(tx -> {
                store.storeFetched(media.id(), fetched.content(), fetched.mimeType());
                messageOf(media.id()).ifPresent(messageId -> events.publishEvent(new MessageMediaStored(media.chatId(), messageId)));
            });
        } catch (SendFailure | java.io.UncheckedIOException e) {
            int attempts = media.attempts() + 1;
            boolean giveUp = attempts >= MAX_ATTEMPTS; // a wrong token or an outage can be fixed: keep trying
            var pause = BACKOFF.ceiling(attempts);
            jdbc.sql("update media set attempts = ?, next_attempt_at = ?, last_error = ?, state = ? where id = ?")
                    .params(attempts, clock.instant().plus(pause).atOffset(ZoneOffset.UTC),
                            e.getMessage() == null ? e.getClass().getSimpleName()
                                    : e.getMessage().substring(0, Math.min(300, e.getMessage().length())),
                            giveUp ? "FAILED" : "PENDING", media.id())
                    .update();
            log.info("Media {} not fetched (attempt {}): {}", media.id(), attempts, e.getMessage());
        }
    }

    private java.util.Optional<Long> messageOf(long mediaId) {
        return jdbc.sql("select id from messages where media_id = ?").param(mediaId).query(Long.class).optional();
    }
}
