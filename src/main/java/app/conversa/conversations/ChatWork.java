package app.conversa.conversations;

import app.conversa.channels.ChannelDirectory;
import app.conversa.identity.CurrentUser;
import app.conversa.identity.Role;
import app.conversa.identity.UserDirectory;
import app.conversa.shared.ConversaException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What people do to a chat: close it, give it to someone, take it from the queue, add or remove
 * an extra agent, park or resume it. Checks who may (the chat visible to them, the other person a
 * colleague who may use the chat's number), then makes the move through {@link Chats}, where the
 * rules of the moves themselves live.
 */
@Service
class ChatWork {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ChatQueries queries;
    private final Chats chats;
    private final Outbox outbox;
    private final ChannelDirectory channels;
    private final UserDirectory users;

    ChatWork(JdbcClient jdbc, TransactionTemplate transactions, ChatQueries queries, Chats chats, Outbox outbox,
            ChannelDirectory channels, UserDirectory users) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.queries = queries;
        this.chats = chats;
        this.outbox = outbox;
        this.channels = channels;
        this.users = users;
    }

    /** Closes the chat; the connection's farewell goes out when it is due. */
    void close(CurrentUser user, long chatId) {
        queries.requireVisible(user, chatId);
        transactions.executeWithoutResult(tx -> chats.close(user.actor(), chatId)
                .ifPresent(farewell -> outbox.enqueueAutomatic(chatId, farewell, "farewell")));
    }

    /**
     * Gives the chat to a user (or to nobody). Administrators may choose any active user;
     * supervisors, users who share one of their departments; the chosen user must be able to work
     * chats (send messages). From then on only the new holder (and those with a wider view) see
     * it: the previous agent's next request or event finds nothing.
     */
    void assign(CurrentUser user, long chatId, Long assigneeId) {
        queries.requireVisible(user, chatId);
        if (assigneeId != null) {
            requireColleague(user, assigneeId);
            requireMayUseNumber(chatId, assigneeId);
        }
        transactions.executeWithoutResult(tx -> chats.assign(user.actor(), chatId, assigneeId));
    }

    /** An agent takes a NEW chat nobody holds from their departments' queue (with {@code chats.take}). */
    void take(CurrentUser user, long chatId) {
        queries.requireVisible(user, chatId);
        requireMayUseNumber(chatId, user.id());
        transactions.executeWithoutResult(tx -> chats.take(user.actor(), chatId));
    }

    /** Adds an extra agent to the chat: they see it and write in it (C5). */
    void addParticipant(CurrentUser user, long chatId, long participantId) {
        queries.requireVisible(user, chatId);
        requireColleague(user, participantId);
        requireMayUseNumber(chatId, participantId);
        transactions.executeWithoutResult(tx -> chats.addParticipant(user.actor(), chatId, participantId));
    }

    /** Removes an extra agent; from then on they see the chat only if another rule lets them. */
    void removeParticipant(CurrentUser user, long chatId, long participantId) {
        queries.requireVisible(user, chatId);
        transactions.executeWithoutResult(tx -> chats.removeParticipant(user.actor(), chatId, participantId));
    }

    /** Parks a chat (PENDING), resumes it (IN_PROGRESS), or reopens a closed one into either. */
    void changeState(CurrentUser user, long chatId, ChatState target) {
        queries.requireVisible(user, chatId);
        transactions.executeWithoutResult(tx -> chats.changeState(user.actor(), chatId, target));
    }

    /**
     * An agent may be given a chat, or join it, only on a number they may use: one that lists
     * them among its agents, or lists nobody. Administrators and supervisors may use every number.
     */
    private void requireMayUseNumber(long chatId, long candidateId) {
        long connectionId = jdbc.sql("select connection_id from chats where id = ?").param(chatId).query(Long.class).single();
        var agents = channels.agentsOf(connectionId);
        if (agents.isEmpty() || agents.contains(candidateId)) {
            return;
        }
        boolean agent = users.currentUser(candidateId).map(c -> c.role() == Role.AGENT).orElse(true);
        if (agent) {
            throw ConversaException.invalid("chat.assignee_not_on_number");
        }
    }

    private void requireColleague(CurrentUser user, long candidateId) {
        if (!users.canReceiveWork(user, candidateId)) {
            throw ConversaException.invalid("chat.assignee_invalid");
        }
    }
}
