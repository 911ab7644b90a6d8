package app.conversa.channels;

/**
 * Where an outbound message is on its way to the customer. Statuses only move forward, by rank:
 * a late "sent" never downgrades "read". {@code FAILED} outranks sent but not delivered: a
 * delivery report after a failure (multi-device, PROTOCOLS.md A3) is evidence the message arrived.
 */
public enum DeliveryStatus {
    QUEUED(0), SENT(10), FAILED(15), DELIVERED(20), READ(30), PLAYED(40);

    private final int rank;

    DeliveryStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }
}
