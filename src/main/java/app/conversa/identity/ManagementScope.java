package app.conversa.identity;

import app.conversa.shared.ConversaException;
import java.util.HashSet;
import java.util.Set;
import org.springframework.data.jpa.domain.Specification;

/**
 * Whom a user with {@code users.manage} may see and change. Administrators: everyone. A
 * supervisor: only agents of the supervisor's own departments, who stay agents. Users outside
 * the scope are answered as not found, so their existence is not revealed. Anyone else: nobody
 * (the matrix does not let agents have {@code users.manage}; this holds even if it did).
 */
final class ManagementScope {

    private ManagementScope() {
    }

    static Specification<User> visibleTo(CurrentUser actor) {
        if (actor.isAdministrator()) {
            return Specification.unrestricted();
        }
        if (actor.role() != Role.SUPERVISOR || actor.departmentIds().isEmpty()) {
            return (root, query, cb) -> cb.disjunction();
        }
        return (root, query, cb) -> {
            query.distinct(true);
            return cb.and(cb.equal(root.get("role"), Role.AGENT),
                    root.join("departmentIds").in(actor.departmentIds()));
        };
    }

    static void checkMaySee(CurrentUser actor, User target) {
        boolean visible = actor.isAdministrator() || actor.role() == Role.SUPERVISOR
                && target.role() == Role.AGENT && target.sharesDepartmentWith(actor.departmentIds());
        if (!visible) {
            throw ConversaException.hidden("user.not_found", target.id());
        }
    }

    static void checkMayGive(CurrentUser actor, Role role) {
        if (!actor.isAdministrator() && role != Role.AGENT) {
            throw ConversaException.forbidden("user.role_not_allowed");
        }
    }

    /**
     * The departments a user ends up in when {@code actor} asks for {@code requested}. A
     * supervisor adds and removes only departments of their own; the user's other departments
     * are kept as they were, whether or not the request repeats them.
     */
    static Set<Long> departmentsAfter(CurrentUser actor, Set<Long> before, Set<Long> requested) {
        if (actor.isAdministrator()) {
            return requested;
        }
        var mine = actor.departmentIds();
        var added = new HashSet<>(requested);
        added.removeAll(before);
        if (!mine.containsAll(added)) {
            throw ConversaException.forbidden("user.departments_out_of_scope");
        }
        var after = new HashSet<Long>();
        requested.stream().filter(mine::contains).forEach(after::add);
        before.stream().filter(id -> !mine.contains(id)).forEach(after::add);
        if (after.isEmpty()) {
            throw ConversaException.forbidden("user.departments_out_of_scope");
        }
        return after;
    }
}
