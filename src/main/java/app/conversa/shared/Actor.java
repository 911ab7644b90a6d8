package app.conversa.shared;

/**
 * Who performs an action, as recorded in the audit log: a user (id and login) or the system.
 * A failed login has no id but the login that was tried.
 */
public record Actor(Long id, String login) {

    public static Actor system() {
        return new Actor(null, "system");
    }
}
