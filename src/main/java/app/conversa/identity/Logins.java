package app.conversa.identity;

import app.conversa.audit.AuditTrail;
import app.conversa.audit.CriticalEvents;
import app.conversa.audit.Severity;
import app.conversa.shared.Actor;
import app.conversa.shared.ConversaException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Checks credentials, with throttling, and records every sign-in, failure and sign-out in the audit log. */
@Service
class Logins {

    private final UserRepository users;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final AuditTrail audit;
    private final CriticalEvents criticalEvents;
    private final Clock clock;

    Logins(UserRepository users, Passwords passwords, LoginThrottle throttle, AuditTrail audit,
            CriticalEvents criticalEvents, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
        this.criticalEvents = criticalEvents;
        this.clock = clock;
    }

    /** Returns the id of the user whose credentials these are; refuses unknown, inactive and throttled ones alike. */
    @Transactional(noRollbackFor = ConversaException.class)
    long login(String rawLogin, String password, String address) {
        String login = rawLogin.strip().toLowerCase(Locale.ROOT);
        try {
            throttle.attempt(login, address);
        } catch (LoginThrottledException e) {
            audit.record(new Actor(null, login), "auth.login.throttled", null, null, Map.of());
            throw e;
        }
        var user = users.findByLogin(login).orElse(null);
        boolean valid = user != null ? passwords.matches(password, user.passwordHash()) : matchNothing(password);
        if (!valid || !user.active()) {
            refuse(login, user);
        }
        throttle.succeeded(login);
        user.recordLogin(clock.instant());
        audit.record(new Actor(user.id(), login), "auth.login.succeeded", "user", user.id(), Map.of());
        return user.id();
    }

    @Transactional
    void logout(CurrentUser user) {
        audit.record(user.actor(), "auth.logout", "user", user.id(), Map.of());
    }

    private boolean matchNothing(String password) {
        passwords.matchNothing(password);
        return false;
    }

    private void refuse(String login, User user) {
        String reason = user == null ? "unknown_login" : user.active() ? "wrong_password" : "inactive_user";
        audit.record(new Actor(user == null ? null : user.id(), login), "auth.login.failed", null, null,
                Map.of("reason", reason));
        if (throttle.exhausted(login)) {
            criticalEvents.record(Severity.WARNING, "identity", "identity.login_locked", Map.of("login", login));
        }
        throw new ConversaException(HttpStatus.UNAUTHORIZED, "login.invalid_credentials");
    }
}
