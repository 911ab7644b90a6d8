package app.conversa.audit;

import app.conversa.shared.AccessRefused;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Remembers, for a short while, which refusals were already recorded; bounded, so it cannot grow without limit. */
final class RecentRefusals {

    private static final int MAX_REMEMBERED = 10_000;

    private final Duration window;
    private final Map<AccessRefused, Instant> lastRecorded = new ConcurrentHashMap<>();

    RecentRefusals(Duration window) {
        this.window = window;
    }

    /** True when this refusal was not recorded within the window, and remembers it as recorded now. */
    boolean firstIn(AccessRefused refusal, Instant now) {
        if (lastRecorded.size() > MAX_REMEMBERED) {
            lastRecorded.values().removeIf(at -> at.isBefore(now.minus(window)));
        }
        var previous = lastRecorded.get(refusal);
        if (previous != null && previous.isAfter(now.minus(window))) {
            return false;
        }
        lastRecorded.put(refusal, now);
        return true;
    }
}
