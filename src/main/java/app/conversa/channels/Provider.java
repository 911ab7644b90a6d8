package app.conversa.channels;

/** How a connection reaches WhatsApp. */
public enum Provider {
    /** Meta's official WhatsApp Business Cloud API (Graph API out, webhooks in). */
    CLOUD_API,
    /**
     * An ordinary WhatsApp number linked by QR code to an Evolution API gateway, which speaks the
     * WhatsApp Web protocol (PROTOCOLS.md part B). No 24-hour window, no templates.
     */
    EVOLUTION_API;

    /** Whether free-form messages are only allowed within 24 hours of the customer's last one. */
    public boolean hasServiceWindow() {
        return this == CLOUD_API;
    }
}
