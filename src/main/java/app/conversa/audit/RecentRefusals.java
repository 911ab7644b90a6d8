package app.conversa.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, for a short while, which events were already recorded, so a caller repeating the same
 * refused request in a loop cannot flood the log. Bounded, so it cannot grow without limit.
 */
final class RecentRefusals {

    private static final int MAX_REMEMBERED = 10_000;

    private final Duration window;
    private final Map<Object, Instant> lastRecorded = new ConcurrentHashMap<>();

    RecentRefusals(Duration window) {
        this.window = window;
    }

    /** True when this event was not recorded within the window, and remembers it as recorded now. */
    boolean firstIn(Object event, Instant now) {
        if (lastRecorded.size() > MAX_REMEMBERED) {
            lastRecorded.values().removeIf(at -> at.isBefore(now.minus(window)));
        }
        var previous = lastRecorded.get(event);
        if (previous != null && previous.isAfter(now.minus(window))) {
            return false;
        }
        lastRecorded.put(event, now);
        return true;
    }
}
