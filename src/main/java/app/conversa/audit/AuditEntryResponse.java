package app.conversa.audit;

import java.time.Instant;
import java.util.Map;

record AuditEntryResponse(long id, Instant at, Long actorId, String actorLogin, String ip, String action,
        String targetType, String targetId, Map<String, Object> details) {
}
