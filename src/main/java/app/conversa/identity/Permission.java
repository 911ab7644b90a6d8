package app.conversa.identity;

import java.util.Arrays;
import java.util.Optional;

/**
 * An action a role may be allowed to perform, named by its code (the Spring Security authority).
 * Two safe limits bound the matrix: {@code alwaysAdministrator} permissions cannot be taken from
 * administrators (so nobody locks the company out), and no role below {@code minimumRole} may
 * have the permission (so nobody widens their own scope: an agent never manages users, only
 * administrators shape departments, roles and global settings).
 */
public enum Permission {
    USERS_MANAGE("users.manage", "administration", true, Role.SUPERVISOR),
    ROLES_MANAGE("roles.manage", "administration", true, Role.ADMINISTRATOR),
    DEPARTMENTS_MANAGE("departments.manage", "administration", false, Role.ADMINISTRATOR),
    SETTINGS_GLOBAL("settings.global", "administration", true, Role.ADMINISTRATOR),
    /** Create and revoke one's own API tokens for other systems (each limited to some of one's permissions). */
    API_TOKENS_MANAGE("api_tokens.manage", "administration", false, Role.SUPERVISOR),
    AUDIT_VIEW("audit.view", "monitoring", false, Role.AGENT),
    EVENTS_VIEW("events.view", "monitoring", false, Role.AGENT),
    DASHBOARD_GLOBAL("dashboard.global", "dashboard", false, Role.AGENT),
    DASHBOARD_DEPARTMENT("dashboard.department", "dashboard", false, Role.AGENT),
    /**
     * Read the chats one may see (list, messages, media); which chats is decided by the scope
     * permissions below. Every role has it by default: it exists so an API token reads only when given it.
     */
    CHATS_READ("chats.read", "chats", false, Role.AGENT),
    CHATS_VIEW_ALL("chats.view.all", "chats", false, Role.AGENT),
    CHATS_VIEW_DEPARTMENT("chats.view.department", "chats", false, Role.AGENT),
    CHATS_ASSIGN("chats.assign", "chats", false, Role.AGENT),
    /** Take NEW, unassigned chats of one's departments from the queue (which holders of it then see). */
    CHATS_TAKE("chats.take", "chats", false, Role.AGENT),
    MESSAGES_SEND("messages.send", "chats", false, Role.AGENT),
    QUICK_REPLIES_MANAGE("quick_replies.manage", "chats", false, Role.AGENT),
    TRANSFERS_REQUEST("transfers.request", "transfers", false, Role.AGENT),
    TRANSFERS_APPROVE("transfers.approve", "transfers", false, Role.AGENT),
    CONNECTIONS_VIEW("connections.view", "connections", false, Role.AGENT),
    CONNECTIONS_RECONNECT("connections.reconnect", "connections", false, Role.AGENT),
    CONNECTIONS_MANAGE("connections.manage", "connections", false, Role.AGENT),
    TAGS_MANAGE("tags.manage", "tags", false, Role.AGENT),
    /** Read the contacts and clients one may see (as {@link #CHATS_READ} does for chats). */
    CONTACTS_READ("contacts.read", "contacts", false, Role.AGENT),
    CONTACTS_VIEW_ALL("contacts.view.all", "contacts", false, Role.AGENT),
    CONTACTS_CREATE("contacts.create", "contacts", false, Role.AGENT),
    CONTACTS_MANAGE("contacts.manage", "contacts", false, Role.AGENT),
    CONTACTS_EDIT_SENSITIVE("contacts.edit_sensitive", "contacts", false, Role.AGENT),
    /** Export contacts and clients to CSV (audited). */
    CONTACTS_EXPORT("contacts.export", "contacts", false, Role.AGENT);

    private final String code;
    private final String group;
    private final boolean alwaysAdministrator;
    private final Role minimumRole;

    Permission(String code, String group, boolean alwaysAdministrator, Role minimumRole) {
        this.code = code;
        this.group = group;
        this.alwaysAdministrator = alwaysAdministrator;
        this.minimumRole = minimumRole;
    }

    public String code() { return code; }
    public String group() { return group; }
    public boolean alwaysAdministrator() { return alwaysAdministrator; }
    public Role minimumRole() { return minimumRole; }

    /** Whether the matrix may grant this permission to {@code role}. */
    public boolean grantableTo(Role role) {
        return role.isAtLeast(minimumRole);
    }

    public static Optional<Permission> byCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }
}
