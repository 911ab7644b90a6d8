package app.conversa.sandbox;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.stereotype.Component;

/**
 * Faults the fakes play on the next send calls of a number, one per call, in order. The fake
 * Graph API (keyed by phone number id): Meta's errors as Meta shapes them, a slow answer, or a
 * send whose statuses never come. The fake gateway (keyed by instance name): a slow answer.
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty(name = "conversa.sandbox.enabled")
public class SandboxFaults {

    public sealed interface Fault {
    }

    /** An HTTP error with Meta's error body (A5). */
    public record GraphError(int httpStatus, int code, String message, String details) implements Fault {
    }

    /**
     * The provider hangs for the pause, then accepts the message: past the app's read timeout,
     * the app never sees the answer though the customer gets the message.
     */
    public record Slow(Duration pause) implements Fault {
    }

    /** Accepted, but no status webhook follows. */
    public record DropStatuses() implements Fault {
    }

    public static final GraphError SERVER_ERROR = new GraphError(500, 131000, "(#131000) Something went wrong",
            "Something went wrong. Please try again later.");
    public static final GraphError THROUGHPUT = new GraphError(400, 130429, "(#130429) Rate limit hit",
            "Cloud API message throughput has been reached.");
    public static final GraphError OUTSIDE_WINDOW = new GraphError(400, 131047, "(#131047) Re-engagement message",
            "Message failed to send because more than 24 hours have passed since the customer last replied to this number.");

    private final Map<String, Queue<Fault>> planned = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger hanging = new java.util.concurrent.atomic.AtomicInteger();

    /** Whether a send is hanging on a {@link Slow} fault and has not been accepted yet. */
    public boolean hanging() {
        return hanging.get() > 0;
    }

    /** Holds a send for the fault's pause, then accepts it: hanging until the acceptance is done. */
    public <T> T hangThen(Slow slow, java.util.function.Supplier<T> accept) {
        hanging.incrementAndGet();
        try {
            Thread.sleep(slow.pause());
            return accept.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hanging", e);
        } finally {
            hanging.decrementAndGet();
        }
    }

    public void inject(String phoneNumberId, Fault... faults) {
        var queue = planned.computeIfAbsent(phoneNumberId, id -> new ConcurrentLinkedQueue<>());
        queue.addAll(java.util.List.of(faults));
    }

    public void clear(String phoneNumberId) {
        planned.remove(phoneNumberId);
    }

    public Fault next(String phoneNumberId) {
        var queue = planned.get(phoneNumberId);
        return queue == null ? null : queue.poll();
    }
}
