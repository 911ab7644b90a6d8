package app.conversa.audit;

import app.conversa.shared.CursorPage;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Locale;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Critical events")
@Validated
@RequestMapping("/api/critical-events")
@PreAuthorize("hasAuthority('events.view')")
class CriticalEventController {

    private final CriticalEventRepository events;
    private final Details details;

    CriticalEventController(CriticalEventRepository events, Details details) {
        this.events = events;
        this.details = details;
    }

    @GetMapping
    @Transactional(readOnly = true)
    CursorPage<CriticalEventResponse> list(@RequestParam(required = false) Severity severity,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        Specification<CriticalEvent> spec = Specification.unrestricted();
        if (before != null) {
            spec = spec.and((root, q, cb) -> cb.lessThan(root.get("id"), before));
        }
        if (severity != null) {
            spec = spec.and((root, q, cb) -> cb.equal(root.get("severity"), severity));
        }
        if (source != null && !source.isBlank()) {
            String pattern = "%" + source.toLowerCase(Locale.ROOT) + "%";
            spec = spec.and((root, q, cb) -> cb.like(cb.lower(root.get("source")), pattern));
        }
        var rows = events.findBy(spec, query -> query.sortBy(Sort.by(Sort.Direction.DESC, "id")).limit(size + 1).all());
        return CursorPage.of(rows, size, CriticalEvent::id, event -> new CriticalEventResponse(event.id(),
                event.occurredAt(), event.severity(), event.source(), event.message(), details.read(event.details())));
    }
}
