package app.conversa.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Ends a user's HTTP sessions, on every node (they live in the database), and announces it
 * ({@link UserAccessChanged}) so open WebSockets of those sessions close too. Inside a transaction
 * the sessions end once it commits: only once the change that ends them (a new password, an
 * inactivation) is permanent, and a sign-in squeezed in before that is ended too.
 */
@Component
class Sessions {

    private final FindByIndexNameSessionRepository<? extends Session> repository;
    private final ApplicationEventPublisher events;

    Sessions(FindByIndexNameSessionRepository<? extends Session> repository, ApplicationEventPublisher events) {
        this.repository = repository;
        this.events = events;
    }

    /** Ends every session of the user. */
    void endAll(long userId) {
        events.publishEvent(new UserAccessChanged(userId, null, true));
    }

    /** Ends the session of this request (a sign-out). */
    void endThis(long userId, HttpServletRequest request) {
        var session = request.getSession(false);
        if (session != null) {
            String id = session.getId();
            session.invalidate();
            events.publishEvent(new UserAccessChanged(userId, id, true));
        }
    }

    /** The user keeps their sessions but their rights changed: what was granted under the old ones stops. */
    void rightsChanged(long userId) {
        events.publishEvent(new UserAccessChanged(userId, null, false));
    }

    /** All of a user's sessions ended: deleted once that is committed (at once outside a transaction). */
    @TransactionalEventListener(fallbackExecution = true)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(UserAccessChanged change) {
        if (change.sessionEnded() && change.sessionId() == null) {
            repository.findByPrincipalName(Long.toString(change.userId())).keySet().forEach(repository::deleteById);
        }
    }
}
