package app.conversa.conversations;

/** Where a chat is in its life: NEW until someone works on it, PENDING while waiting on the customer. */
public enum ChatState {
    NEW, IN_PROGRESS, PENDING, CLOSED
}
