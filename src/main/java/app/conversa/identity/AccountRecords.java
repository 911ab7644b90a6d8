package app.conversa.identity;

import app.conversa.audit.AuditTrail;
import app.conversa.audit.CriticalEvents;
import app.conversa.audit.Severity;
import app.conversa.shared.Actor;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The short transactions that follow a credential check: what a sign-in, a sign-out or a password
 * change leaves behind (audit entries, throttle bookkeeping, the new hash, ended sessions). The
 * checks themselves run outside any transaction, so no connection is held during a password hash.
 */
@Service
@Transactional
class AccountRecords {

    private final UserRepository users;
    private final LoginThrottle throttle;
    private final Sessions sessions;
    private final AuditTrail audit;
    private final CriticalEvents criticalEvents;
    private final Clock clock;

    AccountRecords(UserRepository users, LoginThrottle throttle, Sessions sessions, AuditTrail audit,
            CriticalEvents criticalEvents, Clock clock) {
        this.users = users;
        this.throttle = throttle;
        this.sessions = sessions;
        this.audit = audit;
        this.criticalEvents = criticalEvents;
        this.clock = clock;
    }

    void signInThrottled(String login) {
        audit.record(new Actor(null, login), "auth.login.throttled", null, null, Map.of());
    }

    void signInFailed(String login, Long userId, String reason) {
        audit.record(new Actor(userId, login), "auth.login.failed", null, null, Map.of("reason", reason));
        if (throttle.exhausted(login)) {
            criticalEvents.record(Severity.WARNING, "identity", "identity.login_locked", Map.of("login", login));
        }
    }

    void signedIn(long userId, String login) {
        throttle.succeeded(login);
        users.findById(userId).orElseThrow().recordLogin(clock.instant());
        audit.record(new Actor(userId, login), "auth.login.succeeded", "user", userId, Map.of());
    }

    void signedOut(CurrentUser user) {
        audit.record(user.actor(), "auth.logout", "user", user.id(), Map.of());
    }

    void passwordChangeRefused(CurrentUser user) {
        audit.record(user.actor(), "auth.password.change_failed", "user", user.id(), Map.of());
    }

    /** Stores the new hash and ends all of the user's sessions once it is committed. */
    void passwordChanged(CurrentUser user, String newHash) {
        throttle.succeeded(user.login());
        users.findById(user.id()).orElseThrow().changePassword(newHash, false, clock.instant());
        sessions.endAll(user.id());
        audit.record(user.actor(), "auth.password.changed", "user", user.id(), Map.of());
    }

    void languageChanged(CurrentUser user, String language) {
        users.findById(user.id()).orElseThrow().changeLanguage(language, clock.instant());
    }
}
