package app.conversa.channels;

import java.time.Instant;
import java.util.function.Predicate;

/** What a provider that keeps a store of the messages it sent can do: find one whose send had no answer. */
interface SentMessages {

    /** See {@link Messaging#lookUp}. */
    SentLookup lookUp(Connection connection, OutboundMessage message, Instant since, Predicate<String> taken);
}
