package app.conversa.conversations;

import app.conversa.conversations.ChatViews.ChatView;
import app.conversa.conversations.ChatViews.MessageView;
import app.conversa.identity.CurrentUser;
import app.conversa.identity.UserDirectory;
import app.conversa.realtime.Pushes;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Pushes conversation changes, once committed, to the connected users who may see the chat, by
 * the same {@link ChatVisibility} rule as the API, evaluated against the chat as it is now: a
 * reassigned chat's previous agent receives nothing more. Users are re-read every few seconds,
 * and at once when their role, departments or sessions change.
 */
@Component
class ChatEventPushes {

    /** What a client receives: the chat as it is now, and the message that changed, if any. */
    record ChatEvent(String type, long chatId, ChatView chat, @Schema(nullable = true) MessageView message) {
    }

    private static final Duration USER_FRESHNESS = Duration.ofSeconds(5);
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ChatEventPushes.class);

    private final Pushes pushes;
    private final ChatQueries queries;
    private final ChatVisibility visibility;
    private final UserDirectory users;
    private final app.conversa.channels.ChannelDirectory channels;
    private final Clock clock;
    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

    ChatEventPushes(Pushes pushes, ChatQueries queries, ChatVisibility visibility, UserDirectory users,
            app.conversa.channels.ChannelDirectory channels, Clock clock) {
        this.channels = channels;
        this.pushes = pushes;
        this.queries = queries;
        this.visibility = visibility;
        this.users = users;
        this.clock = clock;
    }

    private record Cached(Optional<CurrentUser> user, Instant loadedAt) {
    }

    /**
     * Pushes are prepared off the committing thread (the inbound drainer, a request), by two
     * workers; when they fall far behind, the committing thread helps (back-pressure, nothing
     * dropped). Clients apply events by id, so two events of a chat may arrive in either order.
     */
    private final java.util.concurrent.ThreadPoolExecutor workers = new java.util.concurrent.ThreadPoolExecutor(2, 2,
            0, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.ArrayBlockingQueue<>(10_000),
            Thread.ofPlatform().name("chat-pushes-", 1).daemon().factory(),
            new java.util.concurrent.ThreadPoolExecutor.CallerRunsPolicy());

    @TransactionalEventListener
    void onCommitted(ConversationEvent event) {
        if (pushes.connectedUserIds().isEmpty() || event instanceof ConversationEvent.ChatOpened) {
            return;
        }
        workers.execute(() -> {
            try {
                push(event);
            } catch (RuntimeException e) {
                // what was committed stays committed; clients catch up when they next load or reconnect
                log.warn("Could not push {}: {}", event, e.toString());
            }
        });
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    private void push(ConversationEvent event) {
        var connected = pushes.connectedUserIds();
        if (connected.isEmpty()) {
            return;
        }
        var chat = queries.chatView(event.chatId());
        var audience = new ArrayList<Long>();
        var connectionAgents = channels.agentsOf(chat.connectionId());
        for (long userId : connected) {
            user(userId).filter(user -> visibility.allows(user, chat.assignedUserId(), chat.departmentId(),
                    chat.state(), chat.participantIds(), connectionAgents))
                    .ifPresent(user -> audience.add(userId));
        }
        if (audience.isEmpty()) {
            return;
        }
        var payload = switch (event) {
            case ConversationEvent.MessageReceived received -> added(chat, received.messageId());
            case ConversationEvent.MessageSent sent -> added(chat, sent.messageId());
            case ConversationEvent.MessageStatusChanged changed -> updated(chat, changed.messageId());
            case ConversationEvent.MessageSendDelayed delayed -> updated(chat, delayed.messageId());
            case ConversationEvent.MessageMediaStored stored -> updated(chat, stored.messageId());
            case ConversationEvent.ChatOpened opened -> null; // its first message's push carries the chat
            case ConversationEvent.ChatAssigned assigned -> chatUpdated(chat);
            case ConversationEvent.ChatStateChanged changed -> chatUpdated(chat);
            case ConversationEvent.ParticipantsChanged changed -> chatUpdated(chat);
            case ConversationEvent.ChatRead read -> chatUpdated(chat);
        };
        if (payload != null) {
            pushes.push(audience, payload);
        }
    }

    private ChatEvent added(ChatView chat, long messageId) {
        return new ChatEvent("message.added", chat.id(), chat, message(chat, messageId));
    }

    private ChatEvent updated(ChatView chat, long messageId) {
        return new ChatEvent("message.updated", chat.id(), chat, message(chat, messageId));
    }

    private static ChatEvent chatUpdated(ChatView chat) {
        return new ChatEvent("chat.updated", chat.id(), chat, null);
    }

    /** The chat view already holds its last message (a customer's needs no author name): no second query then. */
    private MessageView message(ChatView chat, long messageId) {
        var last = chat.lastMessage();
        if (last != null && last.id() == messageId && last.authorUserId() == null) {
            return last;
        }
        return queries.message(messageId);
    }

    /** A changed role or department, a sign-out: the next push reads the user afresh. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(app.conversa.identity.UserAccessChanged change) {
        cache.remove(change.userId());
    }

    private Optional<CurrentUser> user(long userId) {
        var now = clock.instant();
        var cached = cache.get(userId);
        if (cached == null || cached.loadedAt().plus(USER_FRESHNESS).isBefore(now)) {
            cached = new Cached(users.currentUser(userId), now);
            cache.put(userId, cached);
        }
        return cached.user();
    }
}
