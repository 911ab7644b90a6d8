package app.conversa.channels;

/**
 * A message to a customer, provider-neutral. Media goes by the provider's id for content uploaded
 * through {@link Messaging#upload} first.
 */
public record OutboundMessage(String to, MessageKind kind, String text, String providerMediaId, String filename,
        boolean voice, String replyToProviderId) {

    @Override
    public String toString() {
        return "OutboundMessage[kind=" + kind + "]";
    }
}
