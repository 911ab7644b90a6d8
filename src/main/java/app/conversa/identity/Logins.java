package app.conversa.identity;

import app.conversa.shared.ConversaException;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Checks credentials, with throttling. Deliberately not one transaction: the attempt is committed
 * first (see LoginThrottle), the Argon2 check holds no database connection, and the outcome is
 * recorded in a short transaction of its own, so a burst of sign-ins cannot exhaust the pool.
 */
@Service
class Logins {

    private final UserRepository users;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final AccountRecords records;

    Logins(UserRepository users, Passwords passwords, LoginThrottle throttle, AccountRecords records) {
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
        this.records = records;
    }

    /** Returns the id of the user whose credentials these are; refuses unknown, inactive and throttled ones alike. */
    long login(String rawLogin, String password, String address) {
        String login = rawLogin.strip().toLowerCase(Locale.ROOT);
        try {
            throttle.attempt(login, address);
        } catch (LoginThrottledException e) {
            records.signInThrottled(login);
            throw e;
        }
        var user = users.findByLogin(login).orElse(null);
        if (user == null) {
            passwords.matchNothing(password);
            refuse(login, null, "unknown_login");
        } else if (!passwords.matches(password, user.passwordHash())) {
            refuse(login, user.id(), "wrong_password");
        } else if (!user.active()) {
            refuse(login, user.id(), "inactive_user");
        }
        records.signedIn(user.id(), login);
        return user.id();
    }

    void logout(CurrentUser user) {
        records.signedOut(user);
    }

    private void refuse(String login, Long userId, String reason) {
        records.signInFailed(login, userId, reason);
        throw new ConversaException(HttpStatus.UNAUTHORIZED, "login.invalid_credentials");
    }
}
