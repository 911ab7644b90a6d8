package app.conversa.channels.spi;

import app.conversa.channels.Connection;
import app.conversa.channels.OutboundMessage;
import app.conversa.channels.SentLookup;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * An optional capability of a {@link ChannelAdapter} whose provider keeps a store of the messages
 * it sent: find one whose send had no answer.
 */
public interface SentMessages {

    /** See {@link app.conversa.channels.Messaging#lookUp}. */
    SentLookup lookUp(Connection connection, OutboundMessage message, Instant since, Predicate<String> taken);
}
