package app.conversa.audit;

import java.time.Instant;
import java.util.Map;

record CriticalEventResponse(long id, Instant at, Severity severity, String source, String code,
        Map<String, Object> details) {
}
