package app.conversa.audit;

import app.conversa.shared.Actor;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends to the audit log. Called inside the caller's transaction so the action and its entry
 * commit together; the address is that of the current HTTP request, when there is one.
 */
@Service
public class AuditTrail {

    private final AuditEntryRepository entries;
    private final Details details;
    private final Clock clock;

    AuditTrail(AuditEntryRepository entries, Details details, Clock clock) {
        this.entries = entries;
        this.details = details;
        this.clock = clock;
    }

    /** Records that {@code actor} did {@code action} to the target; details are small values, never secrets. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(Actor actor, String action, String targetType, Object targetId, Map<String, ?> values) {
        entries.save(new AuditEntry(clock.instant(), actor, RequestAddress.current(), action, targetType,
                targetId == null ? null : targetId.toString(), details.write(values)));
    }


}
