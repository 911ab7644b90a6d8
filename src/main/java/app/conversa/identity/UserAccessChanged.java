package app.conversa.identity;

/**
 * What a signed-in user may reach has just changed, and anything that outlives a request (an open
 * WebSocket, a cached copy of the user) must stop relying on it. With a {@code sessionId}, only
 * that session ended (a sign-out); without, all of the user's sessions ended (new password,
 * password reset, inactivation) or the user's role or departments changed. Published after the
 * change is committed, on the node that made it.
 *
 * @param sessionId the one session that ended, or null for all of the user's
 * @param sessionEnded whether the session(s) are gone, so a client must sign in again; when false
 *        (a new role or departments) the client may reconnect at once and gets the new rights
 */
public record UserAccessChanged(long userId, String sessionId, boolean sessionEnded) {
}
