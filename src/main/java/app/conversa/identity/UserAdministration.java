package app.conversa.identity;

import app.conversa.audit.AuditTrail;
import app.conversa.shared.ConversaException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating, editing, inactivating and reactivating users and resetting their passwords, within
 * the actor's {@link ManagementScope}, never removing the last active administrator, and
 * recording each change in the audit log.
 */
@Service
class UserAdministration {

    private final UserRepository users;
    private final DepartmentRules departments;
    private final Passwords passwords;
    private final Sessions sessions;
    private final ApiTokens tokens;
    private final AuditTrail audit;
    private final Clock clock;

    UserAdministration(UserRepository users, DepartmentRules departments, Passwords passwords, Sessions sessions,
            ApiTokens tokens, AuditTrail audit, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.departments = departments;
        this.passwords = passwords;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    List<User> list(CurrentUser actor, UserFilter filter) {
        return users.findAll(ManagementScope.visibleTo(actor).and(filter.specification()), Sort.by("displayName", "id"));
    }

    @Transactional(readOnly = true)
    User find(CurrentUser actor, long id) {
        return loadVisible(actor, id);
    }

    @Transactional
    User create(CurrentUser actor, String rawLogin, User.Profile profile, String temporaryPassword) {
        String login = rawLogin.strip().toLowerCase(Locale.ROOT);
        ManagementScope.checkMayGive(actor, profile.role());
        var departmentIds = ManagementScope.departmentsAfter(actor, Set.of(), profile.departmentIds());
        departments.checkJoinable(Set.of(), departmentIds);
        if (users.existsByLogin(login)) {
            throw ConversaException.conflict("user.login_taken", login);
        }
        var user = users.save(new User(login, profile.withDepartments(departmentIds),
                passwords.hashNew(temporaryPassword, login), true, clock.instant()));
        audit.record(actor.actor(), "user.created", "user", user.id(), Map.of("login", login,
                "role", profile.role(), "departmentIds", profile.departmentIds()));
        return user;
    }

    @Transactional
    User update(CurrentUser actor, long id, User.Profile profile) {
        var user = loadVisible(actor, id);
        ManagementScope.checkMayGive(actor, profile.role());
        var before = user.profile();
        var departmentIds = ManagementScope.departmentsAfter(actor, before.departmentIds(), profile.departmentIds());
        departments.checkJoinable(before.departmentIds(), departmentIds);
        if (before.role() == Role.ADMINISTRATOR && profile.role() != Role.ADMINISTRATOR && user.active()) {
            refuseRemovingLastAdministrator(user);
        }
        user.apply(profile.withDepartments(departmentIds), clock.instant());
        if (before.role() != user.profile().role() || !before.departmentIds().equals(user.profile().departmentIds())) {
            sessions.rightsChanged(id);
        }
        audit.record(actor.actor(), "user.updated", "user", id, changes(before, user.profile()));
        return user;
    }

    @Transactional
    User inactivate(CurrentUser actor, long id) {
        var user = loadVisible(actor, id);
        if (user.id() == actor.id()) {
            throw ConversaException.conflict("user.cannot_inactivate_self");
        }
        if (user.isActiveAdministrator()) {
            refuseRemovingLastAdministrator(user);
        }
        user.inactivate(clock.instant());
        sessions.endAll(id);
        audit.record(actor.actor(), "user.inactivated", "user", id, Map.of("login", user.login()));
        return user;
    }

    @Transactional
    User reactivate(CurrentUser actor, long id) {
        var user = loadVisible(actor, id);
        user.reactivate(clock.instant());
        audit.record(actor.actor(), "user.reactivated", "user", id, Map.of("login", user.login()));
        return user;
    }

    @Transactional
    void resetPassword(CurrentUser actor, long id, String temporaryPassword) {
        var user = loadVisible(actor, id);
        user.changePassword(passwords.hashNew(temporaryPassword, user.login()), true, clock.instant());
        sessions.endAll(id);
        tokens.revokeAllOf(actor, id);
        audit.record(actor.actor(), "user.password.reset", "user", id, Map.of("login", user.login()));
    }

    private User loadVisible(CurrentUser actor, long id) {
        var user = users.findById(id).orElseThrow(() -> ConversaException.notFound("user.not_found", id));
        ManagementScope.checkMaySee(actor, user);
        return user;
    }

    private void refuseRemovingLastAdministrator(User user) {
        users.lockActiveAdministrators();
        if (users.countOtherActiveAdministrators(user.id()) == 0) {
            throw ConversaException.conflict("user.last_administrator");
        }
    }

    private static Map<String, Object> changes(User.Profile before, User.Profile after) {
        var changes = new LinkedHashMap<String, Object>();
        put(changes, "displayName", before.displayName(), after.displayName());
        put(changes, "email", before.email(), after.email());
        put(changes, "role", before.role(), after.role());
        put(changes, "language", before.language(), after.language());
        put(changes, "departmentIds", before.departmentIds(), after.departmentIds());
        return changes;
    }

    private static void put(Map<String, Object> changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.put(field, java.util.Arrays.asList(before, after));
        }
    }
}
