package app.conversa.channels;

/**
 * A message to a customer, provider-neutral. {@code to} is the customer's WhatsApp id as the
 * connection knows it. Media travels as content: each adapter gets it to its provider its own way
 * (Cloud API uploads it first, a gateway takes it inline). {@code reference} is the sender's own
 * id for the message: a provider that echoes it in its statuses (Cloud API's
 * {@code biz_opaque_callback_data}) lets a send whose answer was lost be recognised.
 */
public record OutboundMessage(String to, MessageKind kind, String text, Attachment attachment, String replyToProviderId,
        String reference) {

    /** The content of an image, document, audio (a voice note when {@code voice}) or video. */
    public record Attachment(byte[] content, String mimeType, String filename, boolean voice) {
        @Override
        public String toString() {
            return "Attachment[" + mimeType + ", " + content.length + " bytes]";
        }
    }

    @Override
    public String toString() {
        return "OutboundMessage[kind=" + kind + "]";
    }
}
