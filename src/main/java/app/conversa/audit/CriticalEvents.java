package app.conversa.audit;

import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The critical-event log: things an administrator must be able to find later (connection lost,
 * webhook rejected, send failure, permission denied). Each event is committed on its own, so it
 * stays even when the work that noticed it fails.
 */
@Service
public class CriticalEvents {

    private static final Logger log = LoggerFactory.getLogger(CriticalEvents.class);

    private final CriticalEventRepository events;
    private final Details details;
    private final Clock clock;

    CriticalEvents(CriticalEventRepository events, Details details, Clock clock) {
        this.events = events;
        this.details = details;
        this.clock = clock;
    }

    /** Records an event; {@code message} is for people and must hold no secrets or message bodies. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(Severity severity, String source, String message, Map<String, ?> values) {
        log.warn("critical event [{}] {}: {}", severity, source, message);
        events.save(new CriticalEvent(clock.instant(), severity, source, message, details.write(values)));
    }
}
