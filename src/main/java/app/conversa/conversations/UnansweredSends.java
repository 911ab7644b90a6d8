package app.conversa.conversations;

import app.conversa.channels.Messaging;
import app.conversa.channels.OutboundMessage;
import app.conversa.channels.SendFailure;
import app.conversa.channels.SendOutcomeUnknown;
import app.conversa.channels.SentLookup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sends whose answer never came (a read timeout, or a crash in mid-call: the message is found
 * with {@code send_started_at} set). The provider may have accepted them, so they are not sent
 * again until the provider shows it does not have them: a gateway is asked (its message store);
 * a Cloud API number tells through the statuses that echo the message's reference
 * ({@link StatusLedger#adopt}). After a bounded wait without that answer the message may be sent
 * again, blind: a possible duplicate, which the sender counts and logs ({@link SendAlarms}).
 */
@Component
class UnansweredSends {

    /** What to do with a message whose last send had no answer. */
    sealed interface Verdict {
        /** The provider has it under this id. */
        record Found(String providerMessageId) implements Verdict {
        }

        /** Look again later (already scheduled). */
        record Wait() implements Verdict {
        }

        /** Send it again; {@code blind} when the provider could not say it lacks it. */
        record SendAgain(boolean blind) implements Verdict {
        }
    }

    private final JdbcClient jdbc;
    private final Messaging messaging;
    private final Clock clock;
    private final Duration pause;
    private final Duration wait;

    UnansweredSends(JdbcClient jdbc, Messaging messaging, Clock clock,
            @Value("${conversa.outbound.reconcile-pause:5s}") Duration pause,
            @Value("${conversa.outbound.reconcile-wait:2m}") Duration wait) {
        this.jdbc = jdbc;
        this.messaging = messaging;
        this.clock = clock;
        this.pause = pause;
        this.wait = wait;
    }

    Duration waitLimit() {
        return wait;
    }

    /** Asks the provider for the message, sent since {@code startedAt}; calls the provider, never inside a transaction. */
    Verdict judge(long messageId, long connectionId, OutboundMessage message, Instant startedAt) {
        SentLookup lookup;
        try {
            lookup = messaging.lookUp(connectionId, message, startedAt, id -> taken(connectionId, id));
        } catch (SendFailure cannotAsk) {
            postpone(messageId, "Could not ask the provider whether it has the message: " + cannotAsk.reason());
            return new Verdict.Wait();
        }
        if (lookup instanceof SentLookup.Found found) {
            return new Verdict.Found(found.providerMessageId());
        }
        if (clock.instant().isBefore(startedAt.plus(wait))) {
            postpone(messageId, "The provider did not answer; waiting to learn whether it has the message.");
            return new Verdict.Wait();
        }
        return new Verdict.SendAgain(lookup instanceof SentLookup.CannotTell);
    }

    /** Notes that a send is on its way to the provider: from now on a lost answer means an unknown outcome. */
    boolean started(long messageId) {
        return jdbc.sql("""
                update messages set send_started_at = ? where id = ? and status = 'QUEUED' and provider_message_id is null""")
                .params(now(), messageId).update() == 1;
    }

    /** The send had no answer: counted as an attempt, looked for after the pause. */
    void unanswered(long messageId, SendOutcomeUnknown unknown) {
        jdbc.sql("""
                update messages set attempts = attempts + 1, next_attempt_at = ?, error_code = ?, error_reason = ?
                where id = ? and status = 'QUEUED' and provider_message_id is null""")
                .params(now().plus(pause), unknown.code(), truncate(unknown.reason()), messageId).update();
    }

    /** Whether another message already holds this provider id (a gateway's echo of this very message does not count). */
    private boolean taken(long connectionId, String providerId) {
        return jdbc.sql("""
                select count(*) from messages where connection_id = ? and provider_message_id = ? and author_type <> 'PHONE'""")
                .params(connectionId, providerId).query(Long.class).single() > 0;
    }

    private void postpone(long messageId, String reason) {
        jdbc.sql("""
                update messages set next_attempt_at = ?, error_code = ?, error_reason = ?
                where id = ? and status = 'QUEUED' and provider_message_id is null""")
                .params(now().plus(pause), "outcome_unknown", truncate(reason), messageId).update();
    }

    private java.time.OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }
}
