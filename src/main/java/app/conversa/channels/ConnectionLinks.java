package app.conversa.channels;

import app.conversa.audit.CriticalEvents;
import app.conversa.audit.Severity;
import app.conversa.channels.LinkReport.QrExhausted;
import app.conversa.channels.LinkReport.QrIssued;
import app.conversa.channels.LinkReport.StateReported;
import app.conversa.channels.spi.QrPairing;
import app.conversa.identity.UserDirectory;
import app.conversa.realtime.Pushes;
import app.conversa.shared.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The link of each gateway number to WhatsApp: a state machine fed by the gateway's webhooks
 * ({@link LinkReport}s) and by polling the gateway, so a gateway that stops answering is noticed
 * too. Every change of state goes to the history and the critical-event log and is pushed to
 * administrators and the supervisors of the number's department; a number that was working and
 * drops raises an alert, at most once per {@code alert-interval} for a flapping number (a logout
 * always alerts: it needs someone to scan a new QR; only drops count towards that interval). A dropped
 * link (not a logged-out one, which needs a new QR) is reconnected with exponential back-off.
 */
@Service
public class ConnectionLinks {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLinks.class);
    private static final int POLLS_AT_ONCE = 4;

    /** A link's state as shown to administrators; the QR code is sealed and served apart. */
    public record Link(long connectionId, LinkState state, Integer reasonCode, String detail, Instant changedAt,
            Instant heardAt, String linkedJid, String profileName, boolean qrAvailable, Instant qrAt,
            String pairingCode, int reconnectAttempts, Instant nextReconnectAt) {
    }

    /** What a client hears when a number's link changes; {@code alert} when it is bad news to act on. */
    public record LinkEvent(String type, long connectionId, String name, LinkState state, Integer reasonCode, String detail,
            boolean alert) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ConnectionSecrets secrets;
    private final CriticalEvents criticalEvents;
    private final Pushes pushes;
    private final UserDirectory users;
    private final Providers providers;
    private final ConnectionRepository connections;
    private final Clock clock;
    private final Duration silence;
    private final Duration alertInterval;
    private final Backoff backoff;
    private final ApplicationEventPublisher events;

    public ConnectionLinks(JdbcClient jdbc, TransactionTemplate transactions, ConnectionSecrets secrets, CriticalEvents criticalEvents,
            Pushes pushes, UserDirectory users, Providers providers, ConnectionRepository connections,
            ApplicationEventPublisher events, Clock clock,
            @Value("${conversa.gateway.silence:45s}") Duration silence,
            @Value("${conversa.gateway.alert-interval:10m}") Duration alertInterval,
            @Value("${conversa.gateway.reconnect-first-backoff:10s}") Duration firstBackoff,
            @Value("${conversa.gateway.reconnect-max-backoff:5m}") Duration maxBackoff) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.secrets = secrets;
        this.criticalEvents = criticalEvents;
        this.pushes = pushes;
        this.users = users;
        this.providers = providers;
        this.connections = connections;
        this.clock = clock;
        this.silence = silence;
        this.alertInterval = alertInterval;
        this.backoff = new Backoff(firstBackoff, maxBackoff);
        this.events = events;
    }

    /** A new gateway number starts waiting for its QR to be scanned. */
    public void start(long connectionId) {
        var now = now();
        jdbc.sql("""
                insert into connection_links (connection_id, state, changed_at, heard_at, reconnect_attempts)
                values (?, 'QR_PENDING', ?, ?, 0)""").params(connectionId, now, now).update();
        history(connectionId, LinkState.QR_PENDING, null, null, now);
    }

    private static final String LINK_COLUMNS = """
            select connection_id, state, reason_code, detail, changed_at, heard_at, linked_jid, profile_name,
                qr_code, qr_at, pairing_code, reconnect_attempts, next_reconnect_at
            from connection_links""";

    public Optional<Link> find(long connectionId) {
        return jdbc.sql(LINK_COLUMNS + " where connection_id = ?").param(connectionId).query(ConnectionLinks::link).optional();
    }

    public Map<Long, Link> all() {
        var links = new LinkedHashMap<Long, Link>();
        jdbc.sql(LINK_COLUMNS).query(ConnectionLinks::link).list().forEach(link -> links.put(link.connectionId(), link));
        return links;
    }

    private static Link link(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Link(rs.getLong(1), LinkState.valueOf(rs.getString(2)), rs.getObject(3, Integer.class), rs.getString(4),
                instant(rs.getObject(5, OffsetDateTime.class)), instant(rs.getObject(6, OffsetDateTime.class)),
                rs.getString(7), rs.getString(8), rs.getString(9) != null, instant(rs.getObject(10, OffsetDateTime.class)),
                rs.getString(11), rs.getInt(12), instant(rs.getObject(13, OffsetDateTime.class)));
    }

    /** The QR code to scan, in clear, while one is waiting. */
    public Optional<String> qrCode(long connectionId) {
        return jdbc.sql("select qr_code from connection_links where connection_id = ? and state = 'QR_PENDING'")
                .param(connectionId).query(String.class).optional()
                .filter(sealed -> sealed != null).map(sealed -> secrets.open(sealed, ConnectionSecrets.Kind.QR_CODE));
    }

    /** Applies what webhooks reported, in order; joins the caller's transaction when there is one. */
    public void apply(List<LinkReport> reports) {
        for (var report : reports) {
            switch (report) {
                case StateReported state -> {
                    if (!stale(state)) {
                        change(state.connectionId(), state.state(), state.reasonCode(), null, state.linkedJid(),
                                state.profileName());
                    }
                }
                case QrIssued qr -> qrIssued(qr.connectionId(), qr.code(), qr.pairingCode());
                case QrExhausted exhausted -> change(exhausted.connectionId(), LinkState.LOGGED_OUT, 428,
                        "qr_expired", null, null);
            }
        }
    }

    /**
     * Whether a webhook's state report is older, by the gateway's clock, than one already applied
     * (then it only counts as a sign of life); otherwise it becomes the latest.
     */
    private boolean stale(StateReported report) {
        if (report.sentAt() == null) {
            return false;
        }
        var sentAt = report.sentAt().atOffset(ZoneOffset.UTC);
        int newer = jdbc.sql("""
                update connection_links set reported_at = ?
                where connection_id = ? and (reported_at is null or reported_at <= ?)""")
                .params(sentAt, report.connectionId(), sentAt).update();
        if (newer == 0) {
            jdbc.sql("update connection_links set heard_at = ? where connection_id = ?")
                    .params(now(), report.connectionId()).update();
            log.info("Gateway number {}: a late report ({} sent at {}) ignored", report.connectionId(), report.state(),
                    report.sentAt());
        }
        return newer == 0;
    }

    public void qrIssued(long connectionId, String code, String pairingCode) {
        var current = lock(connectionId);
        if (current.isEmpty() || current.get().state() == LinkState.CONNECTED) {
            return; // a late QR for a number that is linked already
        }
        var now = now();
        jdbc.sql("""
                update connection_links set qr_code = ?, pairing_code = ?, qr_at = ?, heard_at = ? where connection_id = ?""")
                .params(secrets.seal(code, ConnectionSecrets.Kind.QR_CODE), pairingCode, now, now, connectionId).update();
        if (current.get().state() != LinkState.QR_PENDING) {
            change(connectionId, LinkState.QR_PENDING, null, null, null, null);
        }
    }

    /**
     * Moves a link to a state. The same state again only refreshes "heard"; a new state is
     * recorded, pushed, and may alert or schedule a reconnect.
     */
    public void change(long connectionId, LinkState reported, Integer reasonCode, String detail, String linkedJid,
            String profileName) {
        // in the caller's transaction, or one of its own: the change and its event commit together
        transactions.executeWithoutResult(tx -> changeLocked(connectionId, reported, reasonCode, detail, linkedJid, profileName));
    }

    private void changeLocked(long connectionId, LinkState reported, Integer reasonCode, String detail, String linkedJid,
            String profileName) {
        var current = lock(connectionId);
        if (current.isEmpty()) {
            return; // not a gateway number
        }
        var before = current.get();
        var now = now();
        // "connecting" is also what a gateway says while its QR waits for a scan
        LinkState state = before.state() == LinkState.QR_PENDING && reported == LinkState.CONNECTING
                ? LinkState.QR_PENDING : reported;
        if (linkedJid != null || profileName != null) {
            jdbc.sql("""
                    update connection_links set linked_jid = coalesce(?, linked_jid), profile_name = coalesce(?, profile_name)
                    where connection_id = ?""").params(linkedJid, profileName, connectionId).update();
            if (linkedJid != null && state == LinkState.CONNECTED) {
                jdbc.sql("update connections set display_number = ? where id = ?") // only QR numbers have a link
                        .params(displayNumber(linkedJid), connectionId).update();
            }
        }
        if (before.state() == state) {
            jdbc.sql("update connection_links set heard_at = ? where connection_id = ?").params(now, connectionId).update();
            return;
        }
        boolean clearsQr = state == LinkState.CONNECTED || state == LinkState.LOGGED_OUT;
        jdbc.sql("""
                update connection_links set state = ?, reason_code = ?, detail = ?, changed_at = ?, heard_at = ?,
                    qr_code = case when ? then null else qr_code end, pairing_code = case when ? then null else pairing_code end,
                    reconnect_attempts = case when ? then 0 else reconnect_attempts end,
                    next_reconnect_at = ?
                where connection_id = ?""")
                .params(state.name(), reasonCode, detail, now, now, clearsQr, clearsQr, state == LinkState.CONNECTED,
                        state == LinkState.DISCONNECTED ? now.plus(backoff(before.reconnectAttempts() + 1)) : null,
                        connectionId)
                .update();
        history(connectionId, state, reasonCode, detail, now);
        // a working number that went down: straight from CONNECTED, or after a reconnect that never
        // finished (Evolution reconnects by itself and only says "connecting"); not what someone did here
        boolean wasWorking = before.state() == LinkState.CONNECTED
                || before.state() == LinkState.CONNECTING && before.linkedJid() != null;
        boolean deliberate = "logged_out_here".equals(detail) || "instance_deleted".equals(detail);
        boolean dropped = wasWorking && !deliberate && (state == LinkState.DISCONNECTED || state == LinkState.LOGGED_OUT);
        // a drop that heals by itself alerts at most once per interval (a flapping number); a logout,
        // which needs someone to scan a new QR, always does, and does not count towards the drops' interval
        boolean alert = dropped && (state == LinkState.LOGGED_OUT || alertDue(connectionId, now));
        events.publishEvent(new ConnectionLinkChanged(connectionId, before.state(), state, reasonCode, detail, alert));
    }

    /**
     * What follows a committed link change: the critical event and the push to the number's
     * administrators and supervisors. Durable: a crash right after the commit still records it.
     */
    @ApplicationModuleListener
    public void on(ConnectionLinkChanged changed) {
        var values = new LinkedHashMap<String, Object>();
        values.put("connectionId", changed.connectionId());
        values.put("from", changed.from().name());
        values.put("to", changed.to().name());
        if (changed.reasonCode() != null) {
            values.put("reasonCode", changed.reasonCode());
        }
        if (changed.detail() != null) {
            values.put("detail", changed.detail());
        }
        criticalEvents.record(severity(changed.to()), "channels", "channels.link_changed", values);
        push(changed.connectionId(), changed.to(), changed.reasonCode(), changed.detail(), changed.alert());
    }

    private boolean alertDue(long connectionId, OffsetDateTime now) {
        int updated = jdbc.sql("""
                update connection_links set alerted_at = ?
                where connection_id = ? and (alerted_at is null or alerted_at < ?)""")
                .params(now, connectionId, now.minus(alertInterval)).update();
        return updated == 1;
    }

    private static Severity severity(LinkState state) {
        return switch (state) {
            case CONNECTED, CONNECTING, QR_PENDING -> Severity.INFO;
            case DISCONNECTED -> Severity.WARNING;
            case LOGGED_OUT -> Severity.CRITICAL;
        };
    }

    private void push(long connectionId, LinkState state, Integer reasonCode, String detail, boolean alert) {
        var connection = jdbc.sql("select name, department_id from connections where id = ?").param(connectionId)
                .query((rs, row) -> new Object[] {rs.getString(1), rs.getObject(2, Long.class)}).optional();
        if (connection.isEmpty()) {
            return;
        }
        var audience = users.administratorsAndSupervisorsOf((Long) connection.get()[1]);
        pushes.push(audience, new LinkEvent("connection.link", connectionId, (String) connection.get()[0], state,
                reasonCode, detail, alert));
    }

    /**
     * Polls every active gateway number: its state as the gateway sees it, a number the gateway
     * has not answered for in {@code silence} marked disconnected, and due reconnects made.
     */
    @Scheduled(fixedDelayString = "${conversa.gateway.poll-interval:15s}", initialDelayString = "${conversa.gateway.poll-interval:15s}")
    void monitor() {
        if (!providers.anyPairingReady()) {
            return;
        }
        var numbers = jdbc.sql("""
                select c.id from connections c join connection_links l on l.connection_id = c.id where c.active = true""")
                .query(Long.class).list();
        // in parallel, a few at a time: one number whose gateway hangs must not delay the others'
        // turn to red, and the polls must not take every pooled database connection
        var slots = new java.util.concurrent.Semaphore(POLLS_AT_ONCE);
        try (var each = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (long id : numbers) {
                each.execute(() -> {
                    try {
                        slots.acquire();
                        try {
                            var connection = connections.findById(id).orElseThrow();
                            providers.pairing(connection.provider()).filter(QrPairing::ready)
                                    .ifPresent(pairing -> poll(connection, pairing));
                        } finally {
                            slots.release();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        log.warn("Could not check QR number {}: {}", id, e.toString());
                    }
                });
            }
        }
    }

    private void poll(Connection connection, QrPairing pairing) {
        long connectionId = connection.id();
        var polledAt = clock.instant();
        QrPairing.Seen state;
        try {
            state = pairing.state(connection);
        } catch (SendFailure failure) {
            transactions.executeWithoutResult(tx -> {
                var link = lock(connectionId).orElseThrow();
                boolean silent = link.heardAt() == null || link.heardAt().plus(silence).isBefore(clock.instant());
                if (silent && link.state() != LinkState.DISCONNECTED && link.state() != LinkState.LOGGED_OUT) {
                    change(connectionId, LinkState.DISCONNECTED, null, "gateway_unreachable", null, null);
                }
            });
            return; // asking an unreachable gateway to connect is pointless: the next poll tries again
        }
        var before = new LinkState[1];
        transactions.executeWithoutResult(tx -> {
            var link = lock(connectionId).orElseThrow();
            before[0] = link.state();
            if (link.changedAt().isAfter(polledAt)) {
                return; // a webhook changed the state while this poll was on its way: it is newer
            }
            var now = clock.instant();
            LinkState seen;
            String detail = null;
            switch (state) {
                case OPEN -> seen = LinkState.CONNECTED;
                case CONNECTING -> {
                    // the gateway is reconnecting by itself: red once that takes longer than the silence allowed
                    if (link.state() == LinkState.CONNECTED) {
                        seen = LinkState.CONNECTING;
                    } else if (link.state() == LinkState.CONNECTING && link.changedAt().plus(silence).isBefore(now)) {
                        seen = LinkState.DISCONNECTED;
                        detail = "reconnecting";
                    } else {
                        seen = link.state();
                    }
                }
                // closed: a logged-out number stays so, a waiting QR waits; anything else is down
                default -> seen = link.state() == LinkState.LOGGED_OUT || link.state() == LinkState.QR_PENDING
                        ? link.state() : LinkState.DISCONNECTED;
            }
            change(connectionId, seen, seen == link.state() ? link.reasonCode() : null,
                    seen == link.state() ? link.detail() : detail, null, null);
        });
        // only a gateway that says "closed" twice in a row is asked to connect: while it reconnects by
        // itself ("connecting"), a second connection of ours would fight its own
        if (state == QrPairing.Seen.CLOSED && before[0] == LinkState.DISCONNECTED) {
            reconnectIfDue(connection, pairing);
        }
    }

    /** A dropped link whose back-off has run out: ask the gateway to connect again. */
    private void reconnectIfDue(Connection connection, QrPairing pairing) {
        long connectionId = connection.id();
        var link = find(connectionId).orElseThrow();
        var now = clock.instant();
        if (link.state() != LinkState.DISCONNECTED || link.nextReconnectAt() == null || link.nextReconnectAt().isAfter(now)) {
            return;
        }
        int attempt = link.reconnectAttempts() + 1;
        jdbc.sql("update connection_links set reconnect_attempts = ?, next_reconnect_at = ? where connection_id = ?")
                .params(attempt, now().plus(backoff(attempt + 1)), connectionId).update();
        try {
            var answer = pairing.connect(connection);
            log.info("Reconnecting gateway number {} (attempt {})", connectionId, attempt);
            transactions.executeWithoutResult(tx -> connected(connectionId, answer));
        } catch (SendFailure failure) {
            log.info("Reconnect of gateway number {} failed (attempt {}): {}", connectionId, attempt, failure.reason());
        }
    }

    /** What the provider answered to "connect": a QR to scan, or the state it is in. */
    public void connected(long connectionId, QrPairing.Answer answer) {
        if (answer.qrCode() != null && !answer.qrCode().isEmpty()) {
            qrIssued(connectionId, answer.qrCode(), answer.pairingCode());
            return;
        }
        if (answer.state() == QrPairing.Seen.OPEN) {
            change(connectionId, LinkState.CONNECTED, null, null, null, null);
        } else if (answer.state() == QrPairing.Seen.CONNECTING) {
            change(connectionId, LinkState.CONNECTING, null, null, null, null);
        }
    }

    public Duration backoff(int attempt) {
        return backoff.withJitter(attempt);
    }

    /** Recent changes of a number's link, newest first, for the dashboard. */
    public List<Map<String, Object>> history(long connectionId, int limit) {
        var rows = new ArrayList<Map<String, Object>>();
        jdbc.sql("""
                select state, reason_code, detail, occurred_at from connection_link_history
                where connection_id = ? order by occurred_at desc, id desc fetch first %d rows only""".formatted(limit))
                .param(connectionId)
                .query(rs -> {
                    var row = new LinkedHashMap<String, Object>();
                    row.put("state", rs.getString(1));
                    row.put("reasonCode", rs.getObject(2, Integer.class));
                    row.put("detail", rs.getString(3));
                    row.put("occurredAt", rs.getObject(4, OffsetDateTime.class).toInstant());
                    rows.add(row);
                });
        return rows;
    }

    private Optional<Link> lock(long connectionId) {
        jdbc.sql("select connection_id from connection_links where connection_id = ? for update").param(connectionId)
                .query(Long.class).optional();
        return find(connectionId);
    }

    private void history(long connectionId, LinkState state, Integer reasonCode, String detail, OffsetDateTime at) {
        jdbc.sql("""
                insert into connection_link_history (connection_id, state, reason_code, detail, occurred_at)
                values (?, ?, ?, ?, ?)""").params(connectionId, state.name(), reasonCode, detail, at).update();
    }

    /** {@code 593991234567@s.whatsapp.net} (or with a device part) as {@code +593991234567}. */
    public static String displayNumber(String jid) {
        String user = jid.contains("@") ? jid.substring(0, jid.indexOf('@')) : jid;
        if (user.contains(":")) {
            user = user.substring(0, user.indexOf(':'));
        }
        return user.matches("\\d+") ? "+" + user : user;
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
