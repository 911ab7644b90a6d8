package app.conversa.shared;

/**
 * Who performs an action, as recorded in the audit log: a user's id and login. A failed sign-in
 * with an unknown login has no id, only the login that was tried.
 */
public record Actor(Long id, String login) {
}
