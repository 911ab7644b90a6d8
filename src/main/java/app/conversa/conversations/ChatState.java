package app.conversa.conversations;

/**
 * Where a chat is in its life: NEW until someone works on it, PENDING while waiting on the
 * customer, CLOSED until the customer writes again (back to NEW) or someone reopens it.
 */
public enum ChatState {
    NEW, IN_PROGRESS, PENDING, CLOSED;

    /** Whether a chat in this state may move to {@code target} (staying in the same state is no move). */
    boolean canBecome(ChatState target) {
        return switch (this) {
            case NEW -> target == IN_PROGRESS || target == PENDING || target == CLOSED;
            case IN_PROGRESS -> target == PENDING || target == CLOSED;
            case PENDING -> target == IN_PROGRESS || target == CLOSED;
            case CLOSED -> target == NEW || target == IN_PROGRESS || target == PENDING;
        };
    }
}
