package app.conversa.realtime;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Service;

/** Sends an event to chosen users' queues; the caller has decided, per user, that they may receive it. */
@Service
public class Pushes {

    private final SimpMessagingTemplate messaging;
    private final SimpUserRegistry users;

    Pushes(SimpMessagingTemplate messaging, SimpUserRegistry users) {
        this.messaging = messaging;
        this.users = users;
    }

    /** Ids of the users with at least one open socket on this node. */
    public Set<Long> connectedUserIds() {
        return users.getUsers().stream().map(user -> user.getName()).filter(name -> name.matches("\\d+"))
                .map(Long::valueOf).collect(Collectors.toSet());
    }

    public void push(Collection<Long> userIds, Object event) {
        for (long userId : userIds) {
            messaging.convertAndSendToUser(Long.toString(userId), WebSocketConfig.EVENTS, event);
        }
    }
}
