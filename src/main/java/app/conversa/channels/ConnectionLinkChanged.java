package app.conversa.channels;

/**
 * A QR-linked number's link moved from one state to another (committed with the change);
 * {@code alert} when it is bad news someone must act on (a working number dropped or logged out).
 */
public record ConnectionLinkChanged(long connectionId, LinkState from, LinkState to, Integer reasonCode, String detail,
        boolean alert) {
}
