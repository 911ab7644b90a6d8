package app.conversa.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Ends a user's HTTP sessions, on every node (they live in the database), and announces it
 * ({@link UserAccessChanged}) so open WebSockets of those sessions close too. Inside a transaction
 * it waits for the commit: sessions end only once the change that ends them (a new password, an
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
        afterCommit(() -> {
            repository.findByPrincipalName(Long.toString(userId)).keySet().forEach(repository::deleteById);
            events.publishEvent(new UserAccessChanged(userId, null, true));
        });
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
        afterCommit(() -> events.publishEvent(new UserAccessChanged(userId, null, false)));
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
