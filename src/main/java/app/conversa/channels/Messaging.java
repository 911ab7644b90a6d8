package app.conversa.channels;

import app.conversa.shared.ConversaException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Other modules' way to the wire: picks the adapter for a connection's provider (the registry),
 * so nothing outside this module branches on providers. Calls block on the network: never call
 * inside a transaction.
 */
@Service
public class Messaging {

    private final ConnectionRepository connections;
    private final Map<Provider, ChannelAdapter> adapters = new EnumMap<>(Provider.class);

    Messaging(ConnectionRepository connections, List<ChannelAdapter> adapters) {
        this.connections = connections;
        adapters.forEach(adapter -> this.adapters.put(adapter.provider(), adapter));
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
        var adapter = adapters.get(connection.provider());
        if (adapter == null) {
            throw new IllegalStateException("No adapter for " + connection.provider());
        }
        return adapter;
    }
}
