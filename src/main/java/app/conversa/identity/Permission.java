package app.conversa.identity;

import java.util.Arrays;
import java.util.Optional;

/**
 * An action a role may be allowed to perform, named by its code (the Spring Security authority).
 * Two safe limits keep the matrix from locking everyone out: {@code alwaysAdministrator}
 * permissions cannot be taken from administrators, {@code administratorOnly} ones cannot be given
 * to anyone else.
 */
public enum Permission {
    USERS_MANAGE("users.manage", "administration", true, false),
    ROLES_MANAGE("roles.manage", "administration", true, true),
    DEPARTMENTS_MANAGE("departments.manage", "administration", false, false),
    SETTINGS_GLOBAL("settings.global", "administration", true, true),
    AUDIT_VIEW("audit.view", "monitoring", false, false),
    EVENTS_VIEW("events.view", "monitoring", false, false),
    DASHBOARD_GLOBAL("dashboard.global", "dashboard", false, false),
    DASHBOARD_DEPARTMENT("dashboard.department", "dashboard", false, false),
    CHATS_VIEW_ALL("chats.view.all", "chats", false, false),
    CHATS_VIEW_DEPARTMENT("chats.view.department", "chats", false, false),
    CHATS_ASSIGN("chats.assign", "chats", false, false),
    MESSAGES_SEND("messages.send", "chats", false, false),
    QUICK_REPLIES_MANAGE("quick_replies.manage", "chats", false, false),
    TRANSFERS_REQUEST("transfers.request", "transfers", false, false),
    TRANSFERS_APPROVE("transfers.approve", "transfers", false, false),
    CONNECTIONS_VIEW("connections.view", "connections", false, false),
    CONNECTIONS_RECONNECT("connections.reconnect", "connections", false, false),
    CONNECTIONS_MANAGE("connections.manage", "connections", false, false),
    TAGS_MANAGE("tags.manage", "tags", false, false),
    CONTACTS_VIEW_ALL("contacts.view.all", "contacts", false, false),
    CONTACTS_CREATE("contacts.create", "contacts", false, false),
    CONTACTS_MANAGE("contacts.manage", "contacts", false, false),
    CONTACTS_EDIT_SENSITIVE("contacts.edit_sensitive", "contacts", false, false);

    private final String code;
    private final String group;
    private final boolean alwaysAdministrator;
    private final boolean administratorOnly;

    Permission(String code, String group, boolean alwaysAdministrator, boolean administratorOnly) {
        this.code = code;
        this.group = group;
        this.alwaysAdministrator = alwaysAdministrator;
        this.administratorOnly = administratorOnly;
    }

    public String code() { return code; }
    public String group() { return group; }
    public boolean alwaysAdministrator() { return alwaysAdministrator; }
    public boolean administratorOnly() { return administratorOnly; }

    public static Optional<Permission> byCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }
}
