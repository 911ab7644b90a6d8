package app.conversa.identity;

import app.conversa.audit.AuditTrail;
import app.conversa.shared.ConversaException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The role × permission matrix, stored in the database and edited by administrators within safe limits. */
@Service
public class PermissionMatrix {

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    PermissionMatrix(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public Set<Permission> of(Role role) {
        var granted = EnumSet.noneOf(Permission.class);
        jdbc.sql("select permission from role_permissions where role = ?").param(role.name())
                .query(String.class).list()
                .forEach(code -> Permission.byCode(code).ifPresent(granted::add));
        return granted;
    }

    @Transactional(readOnly = true)
    public Map<Role, Set<Permission>> all() {
        var matrix = new EnumMap<Role, Set<Permission>>(Role.class);
        Arrays.stream(Role.values()).forEach(role -> matrix.put(role, of(role)));
        return matrix;
    }

    @Transactional
    Set<Permission> change(Role role, Set<Permission> wanted, CurrentUser actor) {
        refuseUnsafe(role, wanted);
        var before = of(role);
        jdbc.sql("delete from role_permissions where role = ?").param(role.name()).update();
        wanted.forEach(permission -> jdbc.sql("insert into role_permissions (role, permission) values (?, ?)")
                .params(role.name(), permission.code()).update());
        audit.record(actor.actor(), "role.permissions.changed", "role", role.name(), Map.of(
                "granted", codes(wanted, before), "revoked", codes(before, wanted)));
        return of(role);
    }

    private static void refuseUnsafe(Role role, Set<Permission> wanted) {
        for (Permission permission : Permission.values()) {
            if (role == Role.ADMINISTRATOR && permission.alwaysAdministrator() && !wanted.contains(permission)) {
                throw ConversaException.invalid("role.permission_required", permission.code());
            }
            if (!permission.grantableTo(role) && wanted.contains(permission)) {
                throw ConversaException.invalid("role.permission_not_grantable", permission.code(), role.name());
            }
        }
    }

    private static Set<String> codes(Set<Permission> these, Set<Permission> butNot) {
        return these.stream().filter(p -> !butNot.contains(p)).map(Permission::code)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
