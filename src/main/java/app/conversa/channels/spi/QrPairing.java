package app.conversa.channels.spi;

import app.conversa.channels.Connection;
import app.conversa.channels.Provider;

/**
 * An optional capability: a provider whose numbers are linked by scanning a QR code, whose link
 * {@link app.conversa.channels.ConnectionLinks} keeps watch over. Failures to reach the provider
 * are {@link app.conversa.channels.SendFailure}s.
 */
public interface QrPairing {

    Provider provider();

    /** Whether the provider is set up at all (a gateway configured): nothing to watch otherwise. */
    boolean ready();

    /** The number's link as the provider sees it now. */
    Seen state(Connection connection);

    /** Asks the provider to link the number again: a QR code to scan, or the state it is in. */
    Answer connect(Connection connection);

    /** A link as a provider reports it. */
    enum Seen {
        /** Linked and working. */
        OPEN,
        /** On its way: reconnecting by itself, or waiting for a QR to be scanned. */
        CONNECTING,
        /** Not linked. */
        CLOSED,
        /** Anything else the provider said. */
        UNKNOWN
    }

    /** What "connect" answered: a QR code (with a pairing code when the provider gives one), or a state. */
    record Answer(String qrCode, String pairingCode, Seen state) {
    }
}
