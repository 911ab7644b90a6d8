package app.conversa.audit;

import app.conversa.shared.CursorPage;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Audit log")
@RequestMapping("/api/audit")
@PreAuthorize("hasAuthority('audit.view')")
class AuditController {

    private final AuditQueries queries;
    private final AuditChainVerifier verifier;

    AuditController(AuditQueries queries, AuditChainVerifier verifier) {
        this.queries = queries;
        this.verifier = verifier;
    }

    @GetMapping
    CursorPage<AuditEntryResponse> list(@RequestParam(required = false) @Size(max = 100) String action,
            @RequestParam(required = false) @Size(max = 100) String actor,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return queries.find(new AuditQueries.Filter(action, actor, from, to, before, size));
    }

    /**
     * Checks the log's hash chain from its first entry and reports the first broken link (an entry
     * changed, missing, outside the chain, or a chain that does not end at its recorded head), with
     * the head's hash to keep elsewhere. Reads the whole log: seconds for a million entries.
     */
    @GetMapping("/verify")
    AuditChainVerifier.ChainVerificationResponse verifyChain() {
        return verifier.verify();
    }

    @GetMapping("/actions")
    List<String> actions() {
        return queries.actions();
    }
}
