package app.conversa.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

record AuditEntryResponse(long id, Instant at, @Schema(nullable = true) Long actorId,
        @Schema(nullable = true) String actorLogin, @Schema(nullable = true) String ip, String action,
        @Schema(nullable = true) String targetType, @Schema(nullable = true) String targetId,
        Map<String, Object> details) {
}
