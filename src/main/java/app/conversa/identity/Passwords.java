package app.conversa.identity;

import app.conversa.shared.ConversaException;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The password policy and hashing (Argon2id, see SecurityConfig) in one place. Each hash takes
 * about 19 MiB of memory, so only a few run at once: a burst of sign-ins queues instead of
 * exhausting the heap.
 */
@Component
class Passwords {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;

    private final Semaphore hashing = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));
    private final PasswordEncoder encoder;
    private final String unknownUserHash;

    Passwords(PasswordEncoder encoder) {
        this.encoder = encoder;
        this.unknownUserHash = limited(() -> encoder.encode("no user has this password"));
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
        return limited(() -> encoder.encode(password));
    }

    boolean matches(String password, String hash) {
        return password != null && limited(() -> encoder.matches(password, hash));
    }

    /** Spends the same time as a real check, so response times do not reveal which logins exist. */
    void matchNothing(String password) {
        limited(() -> encoder.matches(password == null ? "" : password, unknownUserHash));
    }

    private <T> T limited(Supplier<T> work) {
        hashing.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            hashing.release();
        }
    }
}
