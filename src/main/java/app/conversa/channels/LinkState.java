package app.conversa.channels;

/** Where a gateway number's link to WhatsApp is. */
public enum LinkState {
    /** Waiting for the phone to scan a QR code. */
    QR_PENDING,
    /** The gateway is opening the session. */
    CONNECTING,
    /** Linked and working. */
    CONNECTED,
    /** The link dropped, or the gateway cannot be reached; Conversa reconnects with back-off. */
    DISCONNECTED,
    /** The phone unlinked the session (or it was refused): only a new QR brings it back. */
    LOGGED_OUT
}
