package app.conversa.channels;

/**
 * Implemented by the module that turns provider-neutral events into conversations. Called once or
 * more per event (deliveries are at least once), so it must be idempotent; it commits its own
 * work, and an exception leaves the event to be offered again.
 */
public interface InboundHandler {

    void handle(InboundEvent event);
}
