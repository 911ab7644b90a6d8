package app.conversa.identity;

import app.conversa.shared.ConversaException;
import java.util.Locale;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** The password policy and hashing (Argon2id, see SecurityConfig) in one place. */
@Component
class Passwords {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;

    private final PasswordEncoder encoder;
    private final String unknownUserHash;

    Passwords(PasswordEncoder encoder) {
        this.encoder = encoder;
        this.unknownUserHash = encoder.encode("no user has this password");
    }

    /** Checks the policy and returns the hash to store. */
    String hashNew(String password, String login) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw ConversaException.invalid("password.too_short", MIN_LENGTH);
        }
        if (password.length() > MAX_LENGTH) {
            throw ConversaException.invalid("password.too_long", MAX_LENGTH);
        }
        if (password.toLowerCase(Locale.ROOT).contains(login.toLowerCase(Locale.ROOT))) {
            throw ConversaException.invalid("password.contains_login");
        }
        return encoder.encode(password);
    }

    boolean matches(String password, String hash) {
        return password != null && encoder.matches(password, hash);
    }

    /** Spends the same time as a real check, so response times do not reveal which logins exist. */
    void matchNothing(String password) {
        encoder.matches(password == null ? "" : password, unknownUserHash);
    }
}
