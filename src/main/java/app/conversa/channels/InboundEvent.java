package app.conversa.channels;

import java.time.Instant;
import java.util.Map;

/**
 * What a provider told us, translated into provider-neutral records: adapters produce these and
 * know nothing of chats or contacts; an {@link InboundHandler} turns them into conversations.
 */
public sealed interface InboundEvent {

    long connectionId();

    /** The customer as WhatsApp identifies them on this connection. */
    record Customer(String waId, String profileName) {
    }

    /** Media announced by the provider, to be fetched by its id. */
    record Media(String providerMediaId, String mimeType, String sha256, String filename, boolean voice) {
    }

    /**
     * A customer's message. {@code text} is the body, caption, emoji or title, whatever a person
     * reads first; {@code details} holds the rest of a structured message (coordinates, shared
     * contacts, the id of a tapped button...).
     */
    record MessageReceived(long connectionId, String providerMessageId, Customer customer, Instant sentAt,
            MessageKind kind, String text, Media media, String replyToProviderId, Map<String, Object> details)
            implements InboundEvent {

        @Override
        public String toString() {
            return "MessageReceived[connection=" + connectionId + ", id=" + providerMessageId + ", kind=" + kind + "]";
        }
    }

    /** A delivery status for a message we sent; a failure keeps the provider's code and reason. */
    record StatusReported(long connectionId, String providerMessageId, DeliveryStatus status, Instant occurredAt,
            String errorCode, String errorReason) implements InboundEvent {
    }
}
