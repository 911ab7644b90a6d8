package app.conversa.identity;

import app.conversa.shared.ConversaException;
import app.conversa.shared.RetryLater;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/** Too many failed logins for this login or from this address: try again after a while. */
class LoginThrottledException extends ConversaException implements RetryLater {

    private final Duration retryAfter;

    LoginThrottledException(Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, "login.throttled", Math.max(1, (retryAfter.toSeconds() + 59) / 60));
        this.retryAfter = retryAfter;
    }

    @Override
    public Duration retryAfter() {
        return retryAfter;
    }
}
