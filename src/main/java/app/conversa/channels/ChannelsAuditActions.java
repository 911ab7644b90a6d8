package app.conversa.channels;

import app.conversa.audit.AuditActions;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class ChannelsAuditActions implements AuditActions {

    @Override
    public List<String> codes() {
        return List.of("connection.created", "connection.updated", "connection.inactivated", "connection.reactivated",
                "connection.reconnected", "connection.logged_out", "connection.instance_deleted", "gateway.configured",
                "connection.contacts_synced", "connection.messages_synced", "connection.hours_changed",
                "connection.team_changed");
    }
}
