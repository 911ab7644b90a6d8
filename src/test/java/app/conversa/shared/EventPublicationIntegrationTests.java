package app.conversa.shared;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.Eventually;
import app.conversa.IntegrationTest;
import app.conversa.channels.ConnectionLinkChanged;
import app.conversa.channels.LinkState;
import app.conversa.conversations.ConversationEvent;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event publication registry: an event a durable listener has not finished (the node died
 * while it ran, or it threw) is handed to the listener again; a finished one leaves no row.
 */
@IntegrationTest
class EventPublicationIntegrationTests {

    static final String LINK_LISTENER = "app.conversa.channels.ConnectionLinks.on(app.conversa.channels.ConnectionLinkChanged)";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    EventRedelivery redelivery;

    private static long unknownConnection() {
        return ThreadLocalRandom.current().nextLong(5_000_000_000L, 9_000_000_000L);
    }

    private Optional<Long> linkChangeRecordedFor(long connectionId) {
        return jdbc.sql("select count(*) from critical_events where code = 'channels.link_changed' and details like ?")
                .param("%\"connectionId\":" + connectionId + "%").query(Long.class).optional().filter(n -> n > 0);
    }

    private long publicationsOf(long connectionId) {
        return jdbc.sql("select count(*) from event_publication where serialized_event like ?")
                .param("%\"connectionId\":" + connectionId + "%").query(Long.class).single();
    }

    @Test
    void anEventCommittedWithItsChangeReachesTheDurableListenerAndLeavesNoRow() {
        long connectionId = unknownConnection();
        transactions.executeWithoutResult(tx -> {
            events.publishEvent(new ConnectionLinkChanged(connectionId, LinkState.CONNECTED, LinkState.DISCONNECTED, 408,
                    null, true));
            assertThat(publicationsOf(connectionId)).as("stored with the change, before the commit").isEqualTo(1);
        });
        Eventually.await("the listener's critical event", () -> linkChangeRecordedFor(connectionId), Optional::isPresent);
        Eventually.await("the publication gone once completed", () -> publicationsOf(connectionId), n -> n == 0);
    }

    @Test
    void anEventWithOnlyInMemoryListenersWritesNoRow() {
        long chatId = unknownConnection();
        transactions.executeWithoutResult(tx -> {
            // heard only by the real-time pushes, which are not durable: nothing to store per message
            events.publishEvent(new ConversationEvent.ChatOpened(chatId, 1, 1, null));
            assertThat(jdbc.sql("select count(*) from event_publication where event_type = ? and serialized_event like ?")
                    .params(ConversationEvent.ChatOpened.class.getName(), "%\"chatId\":" + chatId + "%")
                    .query(Long.class).single()).isZero();
        });
    }

    @Test
    void anEventRolledBackWithItsChangeReachesNobody() {
        long connectionId = unknownConnection();
        transactions.executeWithoutResult(tx -> {
            events.publishEvent(new ConnectionLinkChanged(connectionId, LinkState.CONNECTED, LinkState.LOGGED_OUT, 401,
                    null, true));
            tx.setRollbackOnly();
        });
        assertThat(publicationsOf(connectionId)).isZero();
        assertThat(linkChangeRecordedFor(connectionId)).isEmpty();
    }

    @Test
    void anEventLeftUnfinishedByADeadNodeIsHandedToItsListenerAgain() {
        long connectionId = unknownConnection();
        // what a node that died while the listener ran leaves behind, once the staleness check marked it failed
        jdbc.sql("""
                insert into event_publication (id, listener_id, event_type, serialized_event, publication_date, status,
                    completion_attempts)
                values (?, ?, ?, ?, ?, 'FAILED', 1)""")
                .params(UUID.randomUUID(), LINK_LISTENER, ConnectionLinkChanged.class.getName(),
                        "{\"connectionId\":" + connectionId + ",\"from\":\"CONNECTED\",\"to\":\"DISCONNECTED\","
                                + "\"reasonCode\":null,\"detail\":\"crashed_node\",\"alert\":true}",
                        OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10))
                .update();
        assertThat(linkChangeRecordedFor(connectionId)).isEmpty();

        redelivery.redeliver();

        Eventually.await("the listener's critical event", () -> linkChangeRecordedFor(connectionId), Optional::isPresent);
        Eventually.await("the publication completed", () -> publicationsOf(connectionId), n -> n == 0);
    }
}
