package app.conversa.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * The session store Spring Boot configures (Spring Session JDBC), with one change: a session's
 * last-access time is written at most once a minute. Spring Session sets it on every request,
 * which made every API call, reads included, update the session row; now a request that changes
 * nothing else writes nothing. Sessions stay server-side: they still expire (at most a minute
 * before their idle timeout) and can still be ended at once ({@link Sessions}).
 */
final class LazilyTouchedSessions
        implements FindByIndexNameSessionRepository<LazilyTouchedSessions.TouchedSession>, DisposableBean {

    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final FindByIndexNameSessionRepository<Session> store;

    @SuppressWarnings("unchecked")
    private LazilyTouchedSessions(FindByIndexNameSessionRepository<? extends Session> store) {
        this.store = (FindByIndexNameSessionRepository<Session>) store;
    }

    /** Puts itself around the JDBC session store wherever it is injected (the session filter, {@link Sessions}). */
    static BeanPostProcessor aroundTheStore() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof JdbcIndexedSessionRepository jdbc ? new LazilyTouchedSessions(jdbc) : bean;
            }
        };
    }

    @Override
    public TouchedSession createSession() {
        return new TouchedSession(store.createSession());
    }

    @Override
    public void save(TouchedSession session) {
        store.save(session.stored);
    }

    @Override
    public TouchedSession findById(String id) {
        var session = store.findById(id);
        return session == null ? null : new TouchedSession(session);
    }

    @Override
    public void deleteById(String id) {
        store.deleteById(id);
    }

    @Override
    public Map<String, TouchedSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        return store.findByIndexNameAndIndexValue(indexName, indexValue).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> new TouchedSession(entry.getValue())));
    }

    /** The store's own cleanup scheduler stops with the application. */
    @Override
    public void destroy() throws Exception {
        if (store instanceof DisposableBean disposable) {
            disposable.destroy();
        }
    }

    /** A stored session whose last-access time moves only when it is at least a minute old. */
    static final class TouchedSession implements Session {

        private final Session stored;

        private TouchedSession(Session stored) {
            this.stored = stored;
        }

        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            if (!lastAccessedTime.isBefore(stored.getLastAccessedTime().plus(TOUCH_INTERVAL))) {
                stored.setLastAccessedTime(lastAccessedTime);
            }
        }

        @Override
        public Instant getLastAccessedTime() {
            return stored.getLastAccessedTime();
        }

        @Override
        public String getId() {
            return stored.getId();
        }

        @Override
        public String changeSessionId() {
            return stored.changeSessionId();
        }

        @Override
        public <T> T getAttribute(String attributeName) {
            return stored.getAttribute(attributeName);
        }

        @Override
        public Set<String> getAttributeNames() {
            return stored.getAttributeNames();
        }

        @Override
        public void setAttribute(String attributeName, Object attributeValue) {
            stored.setAttribute(attributeName, attributeValue);
        }

        @Override
        public void removeAttribute(String attributeName) {
            stored.removeAttribute(attributeName);
        }

        @Override
        public Instant getCreationTime() {
            return stored.getCreationTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            stored.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return stored.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return stored.isExpired();
        }
    }
}
