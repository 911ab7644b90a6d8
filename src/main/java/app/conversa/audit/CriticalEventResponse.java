package app.conversa.audit;

import java.time.Instant;
import java.util.Map;

record CriticalEventResponse(long id, Instant at, Severity severity, String source, String message,
        Map<String, Object> details) {
}
