package app.conversa.channels;

import app.conversa.channels.spi.ChannelAdapter;
import app.conversa.channels.spi.SentMessages;
import app.conversa.shared.ConversaException;
import org.springframework.stereotype.Service;

/**
 * Other modules' way to the wire: picks the adapter for a connection's provider (the registry),
 * so nothing outside this module branches on providers. Calls block on the network: never call
 * inside a transaction.
 */
@Service
public class Messaging {

    private final ConnectionRepository connections;
    private final Providers providers;

    Messaging(ConnectionRepository connections, Providers providers) {
        this.connections = connections;
        this.providers = providers;
    }

    public String send(long connectionId, OutboundMessage message) {
        var connection = connection(connectionId);
        if (!connection.active()) {
            throw new SendFailure("inactive", "The connection is inactive.", false);
        }
        return adapter(connection).send(connection, message);
    }

    /**
     * Whether the provider has a message whose send had no answer, sent since then; ids for which
     * {@code taken} holds belong to other messages already. Calls the provider; never inside a
     * transaction.
     */
    public SentLookup lookUp(long connectionId, OutboundMessage message, java.time.Instant since,
            java.util.function.Predicate<String> taken) {
        var connection = connection(connectionId);
        return adapter(connection) instanceof SentMessages sent ? sent.lookUp(connection, message, since, taken)
                : new SentLookup.CannotTell();
    }

    public FetchedMedia fetch(long connectionId, String providerMediaId) {
        var connection = connection(connectionId);
        return adapter(connection).fetch(connection, providerMediaId);
    }

    public void markRead(long connectionId, String customerWaId, String providerMessageId) {
        var connection = connection(connectionId);
        adapter(connection).markRead(connection, customerWaId, providerMessageId);
    }

    private Connection connection(long connectionId) {
        return connections.findById(connectionId)
                .orElseThrow(() -> ConversaException.notFound("connection.not_found", connectionId));
    }

    private ChannelAdapter adapter(Connection connection) {
        return providers.adapter(connection.provider());
    }
}
