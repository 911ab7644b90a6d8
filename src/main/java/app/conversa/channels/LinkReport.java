package app.conversa.channels;

import java.time.Instant;

/** What a gateway said about a number's link to WhatsApp (PROTOCOLS.md B4), provider-neutral. */
public sealed interface LinkReport {

    long connectionId();

    /** A new QR code to scan (and the pairing code, when the number was given). */
    public record QrIssued(long connectionId, String code, String pairingCode, Instant at) implements LinkReport {
        @Override
        public String toString() {
            return "QrIssued[connection=" + connectionId + "]";
        }
    }

    /** The gateway gave up issuing QR codes: nobody scanned them. */
    public record QrExhausted(long connectionId, Instant at) implements LinkReport {
    }

    /**
     * The link's state as the gateway reports it. {@code reasonCode} is the disconnect reason
     * (Baileys' codes: 401 logged out, 408 lost, 440 replaced, 515 restart required...).
     * {@code sentAt} is when the gateway sent it, by the gateway's clock (null if it did not say):
     * its webhooks come from concurrent handlers, so a late one must not undo a newer state.
     */
    public record StateReported(long connectionId, LinkState state, Integer reasonCode, String linkedJid, String profileName,
            Instant at, Instant sentAt) implements LinkReport {
    }
}
