package app.conversa.conversations;

import app.conversa.channels.DeliveryStatus;
import app.conversa.conversations.ConversationEvent.MessageStatusChanged;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Delivery statuses, order-independent: every report is kept once, and a message takes the
 * highest-ranked report whenever a report arrives or the message learns its provider id (a
 * status can beat the send's response). A status never moves a message backwards.
 */
@Component
class StatusLedger {

    private static final String REFERENCE_PREFIX = "conversa-message-";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    StatusLedger(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Keeps a report; false if it was known already. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean record(long connectionId, String providerMessageId, DeliveryStatus status, Instant at, String errorCode,
            String errorReason) {
        boolean known = jdbc.sql("""
                select count(*) from message_status_reports
                where connection_id = ? and provider_message_id = ? and status = ?""")
                .params(connectionId, providerMessageId, status.name()).query(Long.class).single() > 0;
        if (known) {
            return false;
        }
        jdbc.sql("""
                insert into message_status_reports (connection_id, provider_message_id, status, occurred_at, error_code, error_reason)
                values (?, ?, ?, ?, ?, ?)""")
                .params(connectionId, providerMessageId, status.name(), at.atOffset(ZoneOffset.UTC), errorCode,
                        truncate(errorReason))
                .update();
        return true;
    }

    /** What a send gives the provider to echo in its statuses: the message's own id (≤ 512 bytes, A3). */
    static String reference(long messageId) {
        return REFERENCE_PREFIX + messageId;
    }

    /**
     * A status echoing a message's reference gives the message its provider id, if it has none
     * yet: the send reached the provider but its answer was lost (a timeout, a crash). True if
     * the message took the id; the caller then applies the reports.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean adopt(long connectionId, String reference, String providerMessageId) {
        if (!reference.startsWith(REFERENCE_PREFIX)) {
            return false;
        }
        long messageId;
        try {
            messageId = Long.parseLong(reference.substring(REFERENCE_PREFIX.length()));
        } catch (NumberFormatException notOurs) {
            return false;
        }
        return jdbc.sql("""
                update messages set provider_message_id = ?, send_started_at = null, next_attempt_at = null,
                    error_code = null, error_reason = null
                where id = ? and connection_id = ? and direction = 'OUT' and provider_message_id is null
                    and status in ('QUEUED', 'FAILED')""")
                .params(providerMessageId, messageId, connectionId).update() == 1;
    }

    /** Moves the message with this provider id to its highest reported status, if that is further. */
    @Transactional(propagation = Propagation.MANDATORY)
    void apply(long connectionId, String providerMessageId) {
        var message = jdbc.sql("""
                select id, chat_id, status_rank from messages where connection_id = ? and provider_message_id = ?""")
                .params(connectionId, providerMessageId)
                .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getInt(3)}).optional();
        if (message.isEmpty()) {
            return; // the send's response has not been stored yet; applied when it is
        }
        var reports = jdbc.sql("""
                select status, occurred_at, error_code, error_reason from message_status_reports
                where connection_id = ? and provider_message_id = ?""")
                .params(connectionId, providerMessageId)
                .query((rs, row) -> new Report(DeliveryStatus.valueOf(rs.getString(1)),
                        rs.getObject(2, java.time.OffsetDateTime.class), rs.getString(3), rs.getString(4)))
                .list();
        if (reports.isEmpty()) {
            return;
        }
        var best = reports.stream().max(java.util.Comparator.comparingInt(r -> r.status().rank())).orElseThrow();
        long messageId = message.get()[0];
        if (best.status().rank() <= message.get()[2]) {
            return;
        }
        jdbc.sql("""
                update messages set status = ?, status_rank = ?, sent_at = coalesce(sent_at, ?),
                    delivered_at = coalesce(delivered_at, ?), read_at = coalesce(read_at, ?),
                    failed_at = coalesce(failed_at, ?), error_code = coalesce(?, error_code),
                    error_reason = coalesce(?, error_reason)
                where id = ? and status_rank < ?""")
                .params(best.status().name(), best.status().rank(), at(reports, DeliveryStatus.SENT, best),
                        at(reports, DeliveryStatus.DELIVERED, best), at(reports, DeliveryStatus.READ, best),
                        at(reports, DeliveryStatus.FAILED, null), best.errorCode(), best.errorReason(), messageId,
                        best.status().rank())
                .update();
        events.publishEvent(new MessageStatusChanged(message.get()[1], messageId, best.status()));
    }

    /**
     * When a status was reached: its own report, else (for the steps below the best one, which
     * the provider may skip, as read without delivered) the best report's time.
     */
    private static java.time.OffsetDateTime at(java.util.List<Report> reports, DeliveryStatus status, Report best) {
        return reports.stream().filter(r -> r.status() == status).map(Report::at).findFirst()
                .orElse(best != null && best.status() != DeliveryStatus.FAILED && best.status().rank() >= status.rank()
                        ? best.at() : null);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }

    private record Report(DeliveryStatus status, java.time.OffsetDateTime at, String errorCode, String errorReason) {
    }
}
