package app.conversa;

import java.lang.reflect.Type;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/** One user's STOMP socket at /ws, as the web app opens it, and what arrived on it (events, errors, the close). */
public final class EventSocket extends StompSessionHandlerAdapter {

    public final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    public final BlockingQueue<String> errors = new LinkedBlockingQueue<>();
    public final StompSession session;
    private volatile CloseStatus closeStatus;

    /** Connects with the user's session cookie and subscribes to {@code destination}. */
    public EventSocket(int port, ApiSession user, String destination) throws Exception {
        var client = new WebSocketStompClient(new ClosingClient());
        client.setMessageConverter(new StringMessageConverter() {
            {
                addSupportedMimeTypes(MimeTypeUtils.APPLICATION_JSON);
            }
        });
        var headers = new WebSocketHttpHeaders();
        headers.add("Cookie", "SESSION=" + user.cookie("SESSION"));
        headers.setOrigin("http://localhost:" + port);
        session = client.connectAsync("ws://localhost:" + port + "/ws", headers, this).get(10, TimeUnit.SECONDS);
        session.subscribe(destination, this);
    }

    /** Its own queue, as the web app subscribes. */
    public static EventSocket of(int port, ApiSession user) throws Exception {
        return new EventSocket(port, user, "/user/queue/events");
    }

    /** How the server closed the socket, or null while it is open. */
    public CloseStatus closeStatus() {
        return closeStatus;
    }

    @Override
    public Type getPayloadType(StompHeaders headers) {
        return String.class;
    }

    @Override
    public void handleFrame(StompHeaders headers, Object payload) {
        events.add((String) payload);
    }

    @Override
    public void handleException(StompSession session, StompCommand command, StompHeaders headers, byte[] payload,
            Throwable exception) {
        errors.add(String.valueOf(exception));
    }

    @Override
    public void handleTransportError(StompSession session, Throwable exception) {
        errors.add(String.valueOf(exception));
    }

    public List<String> drain(String containing) {
        var all = new ArrayList<String>();
        events.drainTo(all);
        return all.stream().filter(event -> event.contains(containing)).toList();
    }

    /** Notes the close status the server sends, which STOMP does not pass on. */
    private final class ClosingClient implements WebSocketClient {
        private final StandardWebSocketClient client = new StandardWebSocketClient();

        @Override
        public CompletableFuture<WebSocketSession> execute(WebSocketHandler handler, String uriTemplate, Object... uriVariables) {
            return client.execute(noting(handler), uriTemplate, uriVariables);
        }

        @Override
        public CompletableFuture<WebSocketSession> execute(WebSocketHandler handler, WebSocketHttpHeaders headers, URI uri) {
            return client.execute(noting(handler), headers, uri);
        }

        private WebSocketHandler noting(WebSocketHandler handler) {
            return new WebSocketHandlerDecorator(handler) {
                @Override
                public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) throws Exception {
                    closeStatus = status;
                    super.afterConnectionClosed(socket, status);
                }
            };
        }
    }
}
