package app.conversa.conversations;

import static app.conversa.conversations.ChatState.CLOSED;
import static app.conversa.conversations.ChatState.IN_PROGRESS;
import static app.conversa.conversations.ChatState.NEW;
import static app.conversa.conversations.ChatState.PENDING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The moves a chat may make, and the ones it may not. */
class ChatStateTests {

    @Test
    void aChatMovesForwardAndOnlyTheCustomerOrAReopeningBringsAClosedOneBack() {
        assertThat(EnumSet.allOf(ChatState.class).stream().filter(NEW::canBecome)).containsExactlyInAnyOrder(IN_PROGRESS, PENDING, CLOSED);
        assertThat(EnumSet.allOf(ChatState.class).stream().filter(IN_PROGRESS::canBecome)).containsExactlyInAnyOrder(PENDING, CLOSED);
        assertThat(EnumSet.allOf(ChatState.class).stream().filter(PENDING::canBecome)).containsExactlyInAnyOrder(IN_PROGRESS, CLOSED);
        assertThat(EnumSet.allOf(ChatState.class).stream().filter(CLOSED::canBecome)).containsExactlyInAnyOrder(NEW, IN_PROGRESS, PENDING);
    }

    @Test
    void stayingPutIsNoMoveAndNothingGoesBackToNewButAReopening() {
        for (var state : ChatState.values()) {
            assertThat(state.canBecome(state)).as(state.name()).isFalse();
        }
        assertThat(IN_PROGRESS.canBecome(NEW)).isFalse();
        assertThat(PENDING.canBecome(NEW)).isFalse();
    }
}
