package app.conversa.identity;

import app.conversa.audit.AuditTrail;
import app.conversa.shared.ConversaException;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What every user may change about their own account: password and language. */
@Service
class Accounts {

    private final UserRepository users;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final Sessions sessions;
    private final AuditTrail audit;
    private final Clock clock;

    Accounts(UserRepository users, Passwords passwords, LoginThrottle throttle, Sessions sessions, AuditTrail audit,
            Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Changes the password and ends all of the user's sessions, this one included. The current
     * password is checked like a sign-in: throttled, and a wrong one is audited, so a stolen
     * session cannot be used to guess it.
     */
    @Transactional(noRollbackFor = ConversaException.class)
    void changePassword(CurrentUser me, String currentPassword, String newPassword, String address) {
        var user = users.findById(me.id()).orElseThrow();
        throttle.attempt(user.login(), address);
        if (!passwords.matches(currentPassword, user.passwordHash())) {
            audit.record(me.actor(), "auth.password.change_failed", "user", me.id(), Map.of());
            throw ConversaException.invalid("password.current_wrong");
        }
        throttle.succeeded(user.login());
        if (passwords.matches(newPassword, user.passwordHash())) {
            throw ConversaException.invalid("password.unchanged");
        }
        user.changePassword(passwords.hashNew(newPassword, user.login()), false, clock.instant());
        sessions.endAll(me.id());
        audit.record(me.actor(), "auth.password.changed", "user", me.id(), Map.of());
    }

    @Transactional
    void changeLanguage(CurrentUser me, String language) {
        users.findById(me.id()).orElseThrow().changeLanguage(language, clock.instant());
    }
}
