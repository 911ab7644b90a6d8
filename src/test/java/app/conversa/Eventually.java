package app.conversa;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for the asynchronous pipelines: polls until a value satisfies a condition, or fails with the last value. */
public final class Eventually {

    private Eventually() {
    }

    public static <T> T await(String what, Supplier<T> value, Predicate<T> done) {
        return await(what, value, done, Duration.ofSeconds(15));
    }

    public static <T> T await(String what, Supplier<T> value, Predicate<T> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = value.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Timed out waiting for " + what + "; last value: " + last);
    }
}
