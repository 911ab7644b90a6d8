package app.conversa.realtime;

import app.conversa.identity.CurrentUser;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.core.Authentication;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.server.support.HttpSessionHandshakeInterceptor;

/**
 * The STOMP endpoint. The handshake needs a signed-in session (SecurityConfig) from this origin
 * (Spring's default same-origin check, against cross-site WebSocket hijacking); frames are then
 * checked here: connecting with a temporary password, subscribing to anything but one's own queue,
 * or sending, is refused. Sockets close when their session ends (OpenSockets).
 */
@Configuration
@EnableWebSocketMessageBroker
class WebSocketConfig implements WebSocketMessageBrokerConfigurer {

    static final String EVENTS = "/queue/events";

    private final OpenSockets sockets;

    WebSocketConfig(OpenSockets sockets) {
        this.sockets = sockets;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        // remembers which HTTP session opened each socket (and nothing else of the session), see OpenSockets
        var sessionId = new HttpSessionHandshakeInterceptor();
        sessionId.setCopyAllAttributes(false);
        registry.addEndpoint("/ws").addInterceptors(sessionId);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.addDecoratorFactory(sockets);
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.enableSimpleBroker("/queue").setHeartbeatValue(new long[] {20_000, 20_000})
                .setTaskScheduler(webSocketHeartbeats());
        registry.setUserDestinationPrefix("/user");
        registry.setApplicationDestinationPrefixes("/app");
    }

    @org.springframework.context.annotation.Bean
    org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler webSocketHeartbeats() {
        var scheduler = new org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("ws-heartbeat-");
        return scheduler;
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(new ChannelInterceptor() {
            @Override
            public Message<?> preSend(Message<?> message, MessageChannel channel) {
                var stomp = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
                if (stomp == null || stomp.getCommand() == null) {
                    return message;
                }
                StompCommand command = stomp.getCommand();
                if (stomp.getUser() == null && command != StompCommand.DISCONNECT) {
                    throw new MessageDeliveryException("Sign in first");
                }
                if (command == StompCommand.CONNECT && stomp.getUser() instanceof Authentication signedIn
                        && signedIn.getPrincipal() instanceof CurrentUser user && user.mustChangePassword()) {
                    throw new MessageDeliveryException("Change the temporary password first");
                }
                if (command == StompCommand.SUBSCRIBE && !("/user" + EVENTS).equals(stomp.getDestination())) {
                    throw new MessageDeliveryException("Only /user" + EVENTS + " may be subscribed to");
                }
                if (command == StompCommand.SEND) {
                    throw new MessageDeliveryException("Clients do not send over this socket");
                }
                return message;
            }
        });
    }
}
