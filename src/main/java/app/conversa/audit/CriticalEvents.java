package app.conversa.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import app.conversa.shared.AccessRefused;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The critical-event log: things an administrator must be able to find later (connection lost,
 * webhook rejected, send failure, access refused). Each event is committed on its own, so it
 * stays even when the work that noticed it fails. An event is a code (translated by the web app,
 * e.g. {@code security.access_refused}) with small details, never message bodies or secrets.
 */
@Service
public class CriticalEvents {

    private static final Logger log = LoggerFactory.getLogger(CriticalEvents.class);

    private final CriticalEventRepository events;
    private final Details details;
    private final Clock clock;
    private final RecentRefusals recentRefusals = new RecentRefusals(Duration.ofMinutes(1));

    CriticalEvents(CriticalEventRepository events, Details details, Clock clock) {
        this.events = events;
        this.details = details;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(Severity severity, String source, String code, Map<String, ?> values) {
        log.warn("critical event [{}] {}: {}", severity, source, code);
        events.save(new CriticalEvent(clock.instant(), severity, source, code, details.write(values)));
    }

    /**
     * Records a refusal caused by a caller, unless the very same one (source, code, details) was
     * recorded within the last minute on this node: a client repeating a refused request in a loop
     * cannot flood the log.
     */
    public void recordRefusal(Severity severity, String source, String code, Map<String, ?> values) {
        if (recentRefusals.firstIn(List.of(source, code, values), clock.instant())) {
            record(severity, source, code, values);
        }
    }

    /** Every refusal, wherever it was decided, is a critical event. */
    @EventListener
    void on(AccessRefused refusal) {
        recordRefusal(Severity.WARNING, "security", "security.access_refused", Map.of("userId", refusal.userId(),
                "method", refusal.method(), "path", refusal.path(), "reason", refusal.code()));
    }
}
