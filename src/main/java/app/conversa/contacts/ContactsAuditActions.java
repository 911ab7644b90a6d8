package app.conversa.contacts;

import app.conversa.audit.AuditActions;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class ContactsAuditActions implements AuditActions {

    @Override
    public List<String> codes() {
        return List.of("contact.created", "contact.updated", "contact.assigned", "contact.validated", "contact.inactivated",
                "contact.reactivated", "client.created", "client.updated", "client.sensitive_changed", "client.inactivated",
                "client.reactivated", "contacts.exported", "contacts.imported",
                "client_attribute.created", "client_attribute.updated");
    }
}
