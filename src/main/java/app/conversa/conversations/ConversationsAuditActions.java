package app.conversa.conversations;

import app.conversa.audit.AuditActions;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class ConversationsAuditActions implements AuditActions {

    @Override
    public List<String> codes() {
        return List.of("chat.assigned", "chat.closed", "chat.taken", "chat.participant_added", "chat.participant_removed",
                "chat.state_changed");
    }
}
