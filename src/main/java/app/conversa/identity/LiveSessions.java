package app.conversa.identity;

import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which HTTP sessions are still alive, for what outlives a request: an open WebSocket checks now
 * and then that its session has neither expired nor been ended on another node.
 */
@Component
public class LiveSessions {

    private final JdbcClient jdbc;
    private final Clock clock;

    LiveSessions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Those of these session ids whose sessions still exist and have not expired. */
    public Set<String> aliveAmong(Collection<String> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select session_id from spring_session where session_id in (:ids) and expiry_time > :now")
                .param("ids", sessionIds).param("now", clock.millis()).query(String.class).list());
    }
}
