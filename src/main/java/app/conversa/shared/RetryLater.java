package app.conversa.shared;

import java.time.Duration;

/** A refusal that may succeed later; the API tells the caller when in a Retry-After header. */
public interface RetryLater {

    Duration retryAfter();
}
