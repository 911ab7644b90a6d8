package app.conversa.shared;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before retry number {@code attempt} (1 for the first retry): {@code first}
 * doubled per attempt, capped at {@code max}. One policy for sends, reconnects and media fetches.
 */
public record Backoff(Duration first, Duration max) {

    public Backoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max, not " + first + " and " + max);
        }
    }

    /** first × 2^(attempt-1), capped; attempts below 1 count as 1. */
    public Duration ceiling(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        long millis = first.toMillis();
        return Duration.ofMillis(doublings >= Long.numberOfLeadingZeros(millis) - 1 ? max.toMillis()
                : Math.min(max.toMillis(), millis << doublings));
    }

    /**
     * "Equal jitter": between half and all of the {@link #ceiling}, so that many retries scheduled
     * by one outage do not all come back at the same moment.
     */
    public Duration withJitter(int attempt) {
        long ceiling = ceiling(attempt).toMillis();
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }
}
