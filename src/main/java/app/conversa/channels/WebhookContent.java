package app.conversa.channels;

import java.util.List;

/**
 * What one stored webhook said, as its provider's {@link WebhookReader} read it: events for the
 * {@link InboundHandler}s, news about the number's link (gateway numbers), items set aside, and
 * errors the provider reported about the number itself.
 */
public record WebhookContent(List<InboundEvent> events, List<LinkReport> links, List<Quarantined> quarantined,
        List<ProviderError> errors) {

    /** An item set aside, as JSON, with why. */
    public record Quarantined(String reason, String item) {
    }

    /** An error the provider reports about the number itself (Cloud API {@code value.errors[]}, e.g. 130429). */
    public record ProviderError(long connectionId, String code, String reason) {
    }

    public static WebhookContent unreadable(String reason, String item) {
        return new WebhookContent(List.of(), List.of(), List.of(new Quarantined(reason, item)), List.of());
    }
}
