package app.conversa.audit;

import app.conversa.shared.CursorPage;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Critical events")
@RequestMapping("/api/critical-events")
@PreAuthorize("hasAuthority('events.view')")
class CriticalEventController {

    private final CriticalEventQueries queries;

    CriticalEventController(CriticalEventQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    CursorPage<CriticalEventResponse> list(@RequestParam(required = false) Severity severity,
            @RequestParam(required = false) @Size(max = 100) String source,
            @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return queries.find(new CriticalEventQueries.Filter(severity, source, before, size));
    }
}
