package app.conversa.realtime;

import app.conversa.identity.LiveSessions;
import app.conversa.identity.UserAccessChanged;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;
import org.springframework.web.socket.server.support.HttpSessionHandshakeInterceptor;

/**
 * The WebSockets open on this node, each with its user and the HTTP session it was opened from,
 * so that they close as soon as that session ends or the user's rights change: a socket would
 * otherwise go on delivering events to someone who signed out. A periodic check also closes those
 * whose session expired or was ended on another node. The client tells the two closes
 * apart by their codes: after {@link #SESSION_ENDED} it must sign in again, after
 * {@link #RIGHTS_CHANGED} it reconnects at once and gets what its new rights allow.
 */
@Component
class OpenSockets implements WebSocketHandlerDecoratorFactory {

    static final CloseStatus SESSION_ENDED = new CloseStatus(4401, "Session ended");
    static final CloseStatus RIGHTS_CHANGED = new CloseStatus(4001, "Rights changed");

    private static final Logger log = LoggerFactory.getLogger(OpenSockets.class);

    private record Open(WebSocketSession socket, String userId, String httpSessionId) {
    }

    private final Map<String, Open> open = new ConcurrentHashMap<>();
    private final LiveSessions sessions;

    OpenSockets(LiveSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public WebSocketHandler decorate(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {
            @Override
            public void afterConnectionEstablished(WebSocketSession socket) throws Exception {
                if (socket.getPrincipal() != null) {
                    open.put(socket.getId(), new Open(socket, socket.getPrincipal().getName(),
                            (String) socket.getAttributes().get(HttpSessionHandshakeInterceptor.HTTP_SESSION_ID_ATTR_NAME)));
                }
                super.afterConnectionEstablished(socket);
            }

            @Override
            public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) throws Exception {
                open.remove(socket.getId());
                super.afterConnectionClosed(socket, status);
            }
        };
    }

    /** Once the change that ends sessions or rights is committed (at once when it was not in a transaction). */
    @TransactionalEventListener(fallbackExecution = true)
    void on(UserAccessChanged change) {
        String userId = Long.toString(change.userId());
        open.values().stream().filter(socket -> socket.userId().equals(userId))
                .filter(socket -> change.sessionId() == null || change.sessionId().equals(socket.httpSessionId()))
                .forEach(socket -> close(socket.socket(), change.sessionEnded() ? SESSION_ENDED : RIGHTS_CHANGED));
    }

    /**
     * Closes the sockets whose sessions expired, or were ended on another node (which publishes
     * its {@link UserAccessChanged} there only).
     */
    @Scheduled(fixedDelayString = "${conversa.realtime.session-check:30s}",
            initialDelayString = "${conversa.realtime.session-check:30s}")
    void closeWhereSessionsEnded() {
        var sockets = List.copyOf(open.values());
        var alive = sessions.aliveAmong(sockets.stream().map(Open::httpSessionId).filter(Objects::nonNull).collect(Collectors.toSet()));
        sockets.stream().filter(socket -> !alive.contains(socket.httpSessionId()))
                .forEach(socket -> close(socket.socket(), SESSION_ENDED));
    }

    private void close(WebSocketSession socket, CloseStatus status) {
        open.remove(socket.getId());
        try {
            socket.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("Closing socket {} failed: {}", socket.getId(), e.toString());
        }
    }
}
