package app.conversa.identity;

import app.conversa.shared.ConversaException;
import java.util.Set;
import org.springframework.data.jpa.domain.Specification;

/**
 * Whom a user with {@code users.manage} may see and change. Administrators: everyone. Anyone
 * else (a supervisor): only agents of their own departments, who stay agents of their departments.
 */
final class ManagementScope {

    private ManagementScope() {
    }

    static Specification<User> visibleTo(CurrentUser actor) {
        if (actor.isAdministrator()) {
            return Specification.unrestricted();
        }
        return (root, query, cb) -> {
            query.distinct(true);
            return cb.and(cb.equal(root.get("role"), Role.AGENT),
                    root.join("departmentIds").in(actor.departmentIds()));
        };
    }

    static void checkMayChange(CurrentUser actor, User target) {
        if (!actor.isAdministrator()
                && (target.role() != Role.AGENT || !target.sharesDepartmentWith(actor.departmentIds()))) {
            throw ConversaException.forbidden("user.out_of_scope");
        }
    }

    static void checkMayGive(CurrentUser actor, Role role, Set<Long> departmentIds) {
        if (actor.isAdministrator()) {
            return;
        }
        if (role != Role.AGENT) {
            throw ConversaException.forbidden("user.role_not_allowed");
        }
        if (departmentIds.isEmpty() || !actor.departmentIds().containsAll(departmentIds)) {
            throw ConversaException.forbidden("user.departments_out_of_scope");
        }
    }
}
