package app.conversa.channels;

/** How a connection reaches WhatsApp. */
public enum Provider {
    /** Meta's official WhatsApp Business Cloud API (Graph API out, webhooks in). */
    CLOUD_API
}
