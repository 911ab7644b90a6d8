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

    /** A SQL condition, with its named parameters. */
    record Condition(String sql, Map<String, Object> params) {
    }

    private final ChatReach chats;
    private final UserDirectory users;

    ContactVisibility(ChatReach chats, UserDirectory users) {
        this.chats = chats;
        this.users = users;
    }

    /** The rule on contacts aliased {@code k}. */
    Condition contacts(CurrentUser user) {
        return contacts(user, "k");
    }

    /**
     * The rule as a test of each contact row aliased {@code alias}: its own columns (held by or
     * created by the user, or held by a colleague), then whether one of its chats is visible. Lists
     * walk the contacts in name order or take the few that match a search, and test each row: the
     * column tests are read from the name index ({@code ix_contacts_name_cover} on PostgreSQL), and
     * the chat test is one lookup of the contact's chats ({@code ix_chats_contact}). The
     * {@code offset 0} keeps that lookup per row: without it PostgreSQL may instead collect every
     * chat the user may see, once per query, which grows with the chats table.
     */
    Condition contacts(CurrentUser user, String alias) {
        if (user.permissions().contains(Permission.CONTACTS_VIEW_ALL)) {
            return new Condition("1 = 1", Map.of());
        }
        var params = new HashMap<String, Object>();
        params.put("contactViewer", user.id());
        var reach = chats.contactsOfVisibleChats(user);
        params.putAll(reach.params());
        List<String> tests = new ArrayList<>(List.of(
                alias + ".assigned_user_id = :contactViewer",
                alias + ".created_by = :contactViewer"));
        if (user.permissions().contains(Permission.CONTACTS_MANAGE)) {
            var colleagues = users.usersInDepartments(user.departmentIds());
            if (!colleagues.isEmpty()) {
                params.put("contactColleagues", colleagues);
                tests.add(alias + ".assigned_user_id in (:contactColleagues)");
            }
        }
        tests.add("exists (select 1 from (" + reach.sql() + ") reached where reached.contact_id = " + alias + ".id offset 0)");
        return new Condition("(" + String.join(" or ", tests) + ")", params);
    }

    /**
     * Clients aliased {@code l}: those the user created, and those with a contact the user may see
     * (tested per client through its contacts, {@code ix_contacts_client_name}).
     */
    Condition clients(CurrentUser user) {
        var contacts = contacts(user, "seen");
        if (contacts.sql().equals("1 = 1")) {
            return new Condition("1 = 1", Map.of());
        }
        return new Condition("(l.created_by = :contactViewer or exists (select 1 from contacts seen where seen.client_id = l.id and "
                + contacts.sql() + "))", contacts.params());
    }

    /**
     * The same rule as {@link #contacts(CurrentUser, String)}, the other way round: the
     * {@code client_id} of every contact the user may see (nulls and repeats included), as a
     * {@code union all} of sets that each come from one index on PostgreSQL: the contacts the user
     * and the colleagues hold ({@code ix_contacts_assigned_cover}, index-only), those the user
     * created, and the contacts of the chats the user may see (one lookup per chat); null for
     * {@code contacts.view.all}. For client searches that would otherwise test a long run of
     * clients one by one (ClientAdministration#list).
     */
    Condition clientsOfVisibleContacts(CurrentUser user) {
        if (user.permissions().contains(Permission.CONTACTS_VIEW_ALL)) {
            return null;
        }
        var params = new HashMap<String, Object>();
        params.put("contactViewer", user.id());
        var reach = chats.contactsOfVisibleChats(user);
        params.putAll(reach.params());
        List<String> sets = new ArrayList<>(List.of(
                "select k.client_id from contacts k where k.assigned_user_id = :contactViewer",
                "select k.client_id from contacts k where k.created_by = :contactViewer"));
        if (user.permissions().contains(Permission.CONTACTS_MANAGE)) {
            var colleagues = users.usersInDepartments(user.departmentIds());
            if (!colleagues.isEmpty()) {
                params.put("contactColleagues", colleagues);
                sets.add("select k.client_id from contacts k where k.assigned_user_id in (:contactColleagues)");
            }
        }
        // a lookup per reached contact: joined, PostgreSQL may read every contact instead
        sets.add("select (select k.client_id from contacts k where k.id = reached.contact_id) from (" + reach.sql()
                + ") reached");
        return new Condition(String.join(" union all ", sets), params);
    }
}
