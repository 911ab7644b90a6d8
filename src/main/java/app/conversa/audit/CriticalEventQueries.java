package app.conversa.audit;

import app.conversa.shared.CursorPage;
import app.conversa.shared.LikePattern;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads the critical-event log newest first, filtered, one keyset page at a time. */
@Component
class CriticalEventQueries {

    private final CriticalEventRepository events;
    private final Details details;

    CriticalEventQueries(CriticalEventRepository events, Details details) {
        this.events = events;
        this.details = details;
    }

    record Filter(Severity severity, String source, Long before, int size) { }

    @Transactional(readOnly = true)
    CursorPage<CriticalEventResponse> find(Filter filter) {
        var rows = events.findBy(matching(filter),
                query -> query.sortBy(Sort.by(Sort.Direction.DESC, "id")).limit(filter.size() + 1).all());
        return CursorPage.of(rows, filter.size(), CriticalEvent::id, event -> new CriticalEventResponse(event.id(),
                event.occurredAt(), event.severity(), event.source(), event.code(), details.read(event.details())));
    }

    private static Specification<CriticalEvent> matching(Filter filter) {
        Specification<CriticalEvent> spec = Specification.unrestricted();
        if (filter.before() != null) {
            spec = spec.and((root, q, cb) -> cb.lessThan(root.get("id"), filter.before()));
        }
        if (filter.severity() != null) {
            spec = spec.and((root, q, cb) -> cb.equal(root.get("severity"), filter.severity()));
        }
        if (filter.source() != null && !filter.source().isBlank()) {
            String pattern = LikePattern.containing(filter.source());
            spec = spec.and((root, q, cb) -> cb.like(cb.lower(root.get("source")), pattern, LikePattern.ESCAPE));
        }
        return spec;
    }
}
