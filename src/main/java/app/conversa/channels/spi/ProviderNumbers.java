package app.conversa.channels.spi;

import app.conversa.channels.Connection;
import app.conversa.channels.Provider;
import app.conversa.shared.Actor;
import java.util.Optional;
import java.util.OptionalLong;

/** What each provider knows and does about its own numbers: every provider has one. */
public interface ProviderNumbers {

    Provider provider();

    /**
     * The connection a provider account named in a webhook (a Cloud API phone-number id, a
     * gateway instance name) belongs to, if the call that the connection
     * {@code receivingConnectionId} received, authenticated with its secret, may speak for it;
     * empty otherwise, and the item is quarantined.
     */
    OptionalLong route(long receivingConnectionId, String account);

    /** Brings an inactivated number back (a gateway number's instance, deleted with it, is made again). */
    Connection reactivate(Actor actor, long connectionId);

    /**
     * Where an administrator must tell the provider to send this number's webhooks, as a path of
     * this app ({@code /webhooks/<provider>/<id>}); empty when the app tells the provider itself.
     */
    Optional<String> webhookPath(Connection connection);

    /** A number's settings or secrets changed: whatever this node holds of them is stale. */
    void forget(long connectionId);
}
