package app.conversa.audit;

import app.conversa.shared.Actor;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends to the audit log. Called inside the caller's transaction so the action and its entry
 * commit together; the address is that of the current HTTP request, when there is one. Each
 * entry extends the log's hash chain ({@link AuditChain}), so tampering shows.
 */
@Service
public class AuditTrail {

    private final AuditEntryRepository entries;
    private final AuditChain chain;
    private final Details details;
    private final Clock clock;

    AuditTrail(AuditEntryRepository entries, AuditChain chain, Details details, Clock clock) {
        this.entries = entries;
        this.chain = chain;
        this.details = details;
        this.clock = clock;
    }

    /**
     * Records that {@code actor} did {@code action} to the target; details are small values, never
     * secrets nor personal data (the log cannot be erased). The entry is the chain's next link: the
     * chain's head stays locked until the caller's transaction ends.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(Actor actor, String action, String targetType, Object targetId, Map<String, ?> values) {
        var head = chain.lockHead();
        // the database keeps microseconds: the hash covers the instant as it is stored
        var link = new AuditChain.Link(head.seq() + 1, head.hash(), clock.instant().truncatedTo(ChronoUnit.MICROS),
                actor.id(), actor.login(), RequestAddress.current(), action, targetType,
                targetId == null ? null : targetId.toString(), details.write(values));
        String hash = link.hash();
        entries.save(new AuditEntry(link, hash));
        chain.advance(new AuditChain.Head(link.seq(), hash));
    }
}
