package app.conversa.identity;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Ends all of a user's HTTP sessions, on every node (they live in the database). Inside a
 * transaction it waits for the commit: sessions end only once the change that ends them (a new
 * password, an inactivation) is permanent, and a sign-in squeezed in before that is ended too.
 */
@Component
class Sessions {

    private final FindByIndexNameSessionRepository<? extends Session> repository;

    Sessions(FindByIndexNameSessionRepository<? extends Session> repository) {
        this.repository = repository;
    }

    void endAll(long userId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    endNow(userId);
                }
            });
        } else {
            endNow(userId);
        }
    }

    private void endNow(long userId) {
        repository.findByPrincipalName(Long.toString(userId)).keySet().forEach(repository::deleteById);
    }
}
