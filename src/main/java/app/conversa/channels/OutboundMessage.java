package app.conversa.channels;

/**
 * A message to a customer, provider-neutral. {@code to} is the customer's WhatsApp id as the
 * connection knows it. Media travels as content: each adapter gets it to its provider its own way
 * (Cloud API uploads it first, a gateway takes it inline).
 */
public record OutboundMessage(String to, MessageKind kind, String text, Attachment attachment, String replyToProviderId) {

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
