/**
 * Users, roles and the role × permission matrix, departments (a supervisor's scope), login,
 * sessions and the first administrator.
 *
 * <p>Public API: {@link app.conversa.identity.CurrentUser} (the signed-in user, refreshed from the
 * database on every request), {@link app.conversa.identity.Role}, {@link app.conversa.identity.Permission},
 * {@link app.conversa.identity.UserAccessChanged} (published when sessions end or rights change, so open
 * WebSockets close) and {@link app.conversa.identity.LiveSessions}.
 * Permissions are Spring Security authorities named by their codes, so other modules guard
 * endpoints with {@code @PreAuthorize("hasAuthority('chats.assign')")}. Depends on {@code audit}
 * and {@code shared}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "shared"})
package app.conversa.identity;
