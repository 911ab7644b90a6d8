package app.conversa.channels;

import java.time.Instant;
import java.util.Map;

/**
 * What a provider told us, translated into provider-neutral records: adapters produce these and
 * know nothing of chats or contacts; an {@link InboundHandler} turns them into conversations.
 */
public sealed interface InboundEvent {

    long connectionId();

    /**
     * The customer as WhatsApp identifies them on this connection: {@code waId} is their number's
     * digits, or a privacy id when WhatsApp hides the number (a gateway's {@code <digits>@lid}, a
     * Cloud API business-scoped user id such as {@code US.13491208655302741918});
     * {@code privacyId} is that privacy id when both are known, so both map to one contact.
     */
    record Customer(String waId, String profileName, String privacyId) {
        public Customer(String waId, String profileName) {
            this(waId, profileName, null);
        }
    }

    /**
     * Media announced by the provider, to be fetched by its id, or already here: {@code content}
     * when the webhook carried the bytes inline (a gateway with WEBHOOK_BASE64 on), else null.
     */
    record Media(String providerMediaId, String mimeType, String sha256, String filename, boolean voice, byte[] content) {
        public Media(String providerMediaId, String mimeType, String sha256, String filename, boolean voice) {
            this(providerMediaId, mimeType, sha256, filename, voice, null);
        }

        @Override
        public String toString() {
            return "Media[" + providerMediaId + ", " + mimeType + (content == null ? "" : ", " + content.length + " bytes inline") + "]";
        }
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

    /**
     * A message the business typed on the linked phone itself (a gateway number): stored as an
     * outgoing message authored by the phone, so the team sees the whole conversation.
     */
    record SentFromPhone(MessageReceived message) implements InboundEvent {
        @Override
        public long connectionId() {
            return message.connectionId();
        }
    }

    /**
     * A customer the number knows, from its address book or a contact sync: created or updated as
     * a contact (name, profile photo), never a chat.
     */
    record ContactSeen(long connectionId, Customer customer, String photoUrl) implements InboundEvent {
    }

    /**
     * A past message imported on demand (a gateway's history): stored in the customer's chat
     * without a welcome, without waiting for a reply, and at most once.
     */
    record HistoryMessage(MessageReceived message, boolean fromBusiness) implements InboundEvent {
        @Override
        public long connectionId() {
            return message.connectionId();
        }
    }

    /**
     * A delivery status for a message we sent; a failure keeps the provider's code and reason.
     * {@code reference} is what the send gave the provider to echo ({@link OutboundMessage#reference()}),
     * when the provider echoes it: how a message whose send had no answer learns its provider id.
     */
    record StatusReported(long connectionId, String providerMessageId, DeliveryStatus status, Instant occurredAt,
            String errorCode, String errorReason, String reference) implements InboundEvent {

        public StatusReported(long connectionId, String providerMessageId, DeliveryStatus status, Instant occurredAt,
                String errorCode, String errorReason) {
            this(connectionId, providerMessageId, status, occurredAt, errorCode, errorReason, null);
        }
    }
}
