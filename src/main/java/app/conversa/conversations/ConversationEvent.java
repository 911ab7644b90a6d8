package app.conversa.conversations;

/** What changed in a conversation, by id; listeners load what they need after commit. */
public sealed interface ConversationEvent {

    long chatId();

    record MessageAdded(long chatId, long messageId) implements ConversationEvent {
    }

    record MessageUpdated(long chatId, long messageId) implements ConversationEvent {
    }

    record ChatUpdated(long chatId) implements ConversationEvent {
    }
}
