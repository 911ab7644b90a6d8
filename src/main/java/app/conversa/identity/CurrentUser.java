package app.conversa.identity;

import app.conversa.shared.Actor;
import java.io.Serializable;
import java.util.Set;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * The signed-in user as the security context holds it, reloaded from the database on every
 * request (so role, permission, department and active-flag changes apply at once). Its name is
 * the user id, which is how all of a user's sessions are found.
 */
public record CurrentUser(long id, String login, String displayName, String email, Role role, String language,
        Set<Long> departmentIds, Set<Permission> permissions, boolean mustChangePassword)
        implements AuthenticatedPrincipal, Serializable {

    @Override
    public String getName() {
        return Long.toString(id);
    }

    public boolean isAdministrator() {
        return role == Role.ADMINISTRATOR;
    }

    public Actor actor() {
        return new Actor(id, login);
    }
}
