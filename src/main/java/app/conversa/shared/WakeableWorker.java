package app.conversa.shared;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background thread that runs a job when woken: wake-ups that arrive while a run is pending
 * coalesce into it, and one that arrives during a run causes one more run after it. A failing run
 * is logged and waits for the next wake-up (the callers also wake it on a schedule).
 */
public final class WakeableWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WakeableWorker.class);

    private final String name;
    private final Runnable job;
    private final ExecutorService thread;
    private final AtomicBoolean pending = new AtomicBoolean();

    public WakeableWorker(String name, Runnable job) {
        this.name = name;
        this.job = job;
        this.thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name(name).daemon().factory());
    }

    public void wake() {
        if (pending.compareAndSet(false, true)) {
            thread.execute(() -> {
                pending.set(false);
                try {
                    job.run();
                } catch (RuntimeException e) {
                    // typically the database is unreachable: the work stays where it is for the next run
                    log.warn("{} paused: {}", name, e.toString());
                }
            });
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
