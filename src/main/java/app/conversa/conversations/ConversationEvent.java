package app.conversa.conversations;

import app.conversa.channels.DeliveryStatus;
import app.conversa.shared.Actor;

/**
 * What happened in a chat: public past-tense facts (ids and a few values), published by this
 * module inside the transaction that made the change. Other modules react with
 * {@code @ApplicationModuleListener}: the event publication registry keeps the event with the
 * change, so every such listener gets it even across a crash. {@code by} is who did it; null
 * when the customer or the system did.
 */
public sealed interface ConversationEvent {

    long chatId();

    /** A customer's first message opened a new chat. */
    record ChatOpened(long chatId, long connectionId, long contactId, Long departmentId)
            implements ConversationEvent {
    }

    /** A customer's message was stored (also one imported from history, or typed on the linked phone). */
    record MessageReceived(long chatId, long messageId, long connectionId) implements ConversationEvent {
    }

    /** An agent, a bot or the system queued a message (or wrote a private note). */
    record MessageSent(long chatId, long messageId, String authorType, Long authorUserId, boolean privateNote)
            implements ConversationEvent {
    }

    /** A message moved to a new delivery status (queued again, sent, delivered, read, failed). */
    record MessageStatusChanged(long chatId, long messageId, DeliveryStatus status) implements ConversationEvent {
    }

    /** A send will be tried again later ({@code reason}: the provider's error code, or {@code unknown_outcome}). */
    record MessageSendDelayed(long chatId, long messageId, String reason) implements ConversationEvent {
    }

    /** A message's attachment is stored and can be shown. */
    record MessageMediaStored(long chatId, long messageId) implements ConversationEvent {
    }

    /** The chat changed holder (to nobody when {@code toUserId} is null). */
    record ChatAssigned(long chatId, Long fromUserId, Long toUserId, Actor by)
            implements ConversationEvent {
    }

    /** Taken, parked, resumed, closed or reopened. */
    record ChatStateChanged(long chatId, ChatState from, ChatState to, Actor by) implements ConversationEvent {
    }

    /** An extra agent was added to the chat or removed from it. */
    record ParticipantsChanged(long chatId, long userId, boolean added, Actor by) implements ConversationEvent {
    }

    /** Someone who may work the chat opened it: the customer's messages are read. */
    record ChatRead(long chatId, long byUserId) implements ConversationEvent {
    }
}
