package app.conversa.identity;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/** Ends all of a user's HTTP sessions, on every node (they live in the database). */
@Component
class Sessions {

    private final FindByIndexNameSessionRepository<? extends Session> repository;

    Sessions(FindByIndexNameSessionRepository<? extends Session> repository) {
        this.repository = repository;
    }

    void endAll(long userId) {
        repository.findByPrincipalName(Long.toString(userId)).keySet().forEach(repository::deleteById);
    }
}
