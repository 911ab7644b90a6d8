package app.conversa.channels.spi;

import app.conversa.channels.Connection;
import app.conversa.channels.FetchedMedia;
import app.conversa.channels.OutboundMessage;
import app.conversa.channels.Provider;

/**
 * What every provider does for a connection. Adapters translate between the provider's wire
 * format and neutral records; they hold no chat or contact logic. Failures are
 * {@link app.conversa.channels.SendFailure}s.
 */
public interface ChannelAdapter {

    Provider provider();

    /** Sends, with its attachment if any, and returns the provider's id for the message. */
    String send(Connection connection, OutboundMessage message);

    /** Downloads media a customer sent. */
    FetchedMedia fetch(Connection connection, String providerMediaId);

    /** Tells the customer's phone that a message (and those before it) was read: blue ticks. */
    void markRead(Connection connection, String customerWaId, String providerMessageId);
}
