package app.conversa.contacts;

import app.conversa.identity.CurrentUser;
import app.conversa.identity.Permission;
import app.conversa.identity.UserDirectory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Who may see a contact, and through its contacts a client (R2-R5): with {@code contacts.view.all}
 * every one; everyone the contacts assigned to them, those they created, and the contacts of the
 * chats they may see; with {@code contacts.manage} (supervisors) also the contacts held by the
 * users of their departments. Outside the rule a contact or client does not exist (404).
 */
@Component
class ContactVisibility {

    /** A SQL condition on contacts aliased {@code k}, with its named parameters. */
    record Condition(String sql, Map<String, Object> params) {
    }

    private final ChatReach chats;
    private final UserDirectory users;

    ContactVisibility(ChatReach chats, UserDirectory users) {
        this.chats = chats;
        this.users = users;
    }

    Condition contacts(CurrentUser user) {
        if (user.permissions().contains(Permission.CONTACTS_VIEW_ALL)) {
            return new Condition("1 = 1", Map.of());
        }
        var params = new HashMap<String, Object>();
        params.put("contactViewer", user.id());
        var reach = chats.contactsOfVisibleChats(user);
        params.putAll(reach.params());
        // one id subquery whose branches are index lookups: an OR of them makes PostgreSQL test every
        // contact (see the inbox's ChatVisibility and docs/benchmarks.md)
        List<String> sources = new ArrayList<>(List.of(
                "select a.id from contacts a where a.assigned_user_id = :contactViewer",
                "select a.id from contacts a where a.created_by = :contactViewer",
                reach.sql()));
        if (user.permissions().contains(Permission.CONTACTS_MANAGE)) {
            var colleagues = users.usersInDepartments(user.departmentIds());
            if (!colleagues.isEmpty()) {
                params.put("contactColleagues", colleagues);
                sources.add("select a.id from contacts a where a.assigned_user_id in (:contactColleagues)");
            }
        }
        return new Condition("k.id in (" + String.join(" union all ", sources) + ")", params);
    }

    /** Clients aliased {@code l}: those with a contact the user may see, and those the user created. */
    Condition clients(CurrentUser user) {
        var contacts = contacts(user);
        if (contacts.sql().equals("1 = 1")) {
            return new Condition("1 = 1", Map.of());
        }
        return new Condition("(l.created_by = :contactViewer or l.id in (select k.client_id from contacts k where "
                + contacts.sql() + "))", contacts.params());
    }
}
