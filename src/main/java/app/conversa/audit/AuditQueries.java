package app.conversa.audit;

import app.conversa.shared.CursorPage;
import app.conversa.shared.LikePattern;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads the audit log newest first, filtered, one keyset page at a time. */
@Component
class AuditQueries {

    private final AuditEntryRepository entries;
    private final Details details;
    private final List<AuditActions> declaredActions;

    AuditQueries(AuditEntryRepository entries, Details details, List<AuditActions> declaredActions) {
        this.entries = entries;
        this.details = details;
        this.declaredActions = declaredActions;
    }

    record Filter(String action, String actor, Instant from, Instant to, Long before, int size) { }

    @Transactional(readOnly = true)
    CursorPage<AuditEntryResponse> find(Filter filter) {
        var rows = entries.findBy(matching(filter),
                query -> query.sortBy(Sort.by(Sort.Direction.DESC, "id")).limit(filter.size() + 1).all());
        return CursorPage.of(rows, filter.size(), AuditEntry::id, this::toResponse);
    }

    List<String> actions() {
        var codes = new TreeSet<String>();
        declaredActions.forEach(declared -> codes.addAll(declared.codes()));
        return List.copyOf(codes);
    }

    private static Specification<AuditEntry> matching(Filter filter) {
        Specification<AuditEntry> spec = Specification.unrestricted();
        if (filter.before() != null) {
            spec = spec.and((root, q, cb) -> cb.lessThan(root.get("id"), filter.before()));
        }
        if (filter.action() != null && !filter.action().isBlank()) {
            spec = spec.and((root, q, cb) -> cb.equal(root.get("action"), filter.action()));
        }
        if (filter.actor() != null && !filter.actor().isBlank()) {
            String pattern = LikePattern.containing(filter.actor());
            spec = spec.and((root, q, cb) -> cb.like(cb.lower(root.get("actorLogin")), pattern, LikePattern.ESCAPE));
        }
        if (filter.from() != null) {
            spec = spec.and((root, q, cb) -> cb.greaterThanOrEqualTo(root.get("occurredAt"), filter.from()));
        }
        if (filter.to() != null) {
            spec = spec.and((root, q, cb) -> cb.lessThan(root.get("occurredAt"), filter.to()));
        }
        return spec;
    }

    private AuditEntryResponse toResponse(AuditEntry entry) {
        return new AuditEntryResponse(entry.id(), entry.occurredAt(), entry.actorId(), entry.actorLogin(),
                entry.address(), entry.action(), entry.targetType(), entry.targetId(), details.read(entry.details()));
    }
}
