package app.conversa.identity;

import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Looks users up for other modules and for the per-request refresh of the signed-in user. */
@Service
public class UserDirectory {

    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    UserDirectory(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Display names by user id, for showing who wrote or holds something. */
    @Transactional(readOnly = true)
    public java.util.Map<Long, String> displayNames(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        var names = new java.util.HashMap<Long, String>();
        jdbc.sql("select id, display_name from users where id in (:ids)").param("ids", ids)
                .query(rs -> { names.put(rs.getLong(1), rs.getString(2)); });
        return names;
    }

    /** The ids of the users who belong to any of these departments (a supervisor's colleagues). */
    @Transactional(readOnly = true)
    public java.util.Set<Long> usersInDepartments(java.util.Collection<Long> departmentIds) {
        if (departmentIds.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("select distinct user_id from user_departments where department_id in (:ids)")
                .param("ids", departmentIds).query(Long.class).list());
    }

    /**
     * Who hears about trouble with something of a department (a number dropping its link): every
     * active administrator, and the active supervisors of that department.
     */
    @Transactional(readOnly = true)
    public java.util.Set<Long> administratorsAndSupervisorsOf(Long departmentId) {
        return new java.util.HashSet<>(jdbc.sql("""
                select u.id from users u where u.active = true and (u.role = 'ADMINISTRATOR'
                    or u.role = 'SUPERVISOR' and exists (select 1 from user_departments d
                        where d.user_id = u.id and d.department_id = :department))""")
                .param("department", departmentId == null ? -1L : departmentId).query(Long.class).list());
    }

    /**
     * Whether {@code chooser} may give work (a chat, a contact) to this user: the user must be active
     * and able to answer chats; administrators choose anyone, others only users who share one of
     * their departments.
     */
    @Transactional(readOnly = true)
    public boolean canReceiveWork(CurrentUser chooser, long candidateId) {
        return currentUser(candidateId)
                .filter(candidate -> candidate.permissions().contains(Permission.MESSAGES_SEND))
                .filter(candidate -> chooser.isAdministrator()
                        || candidate.departmentIds().stream().anyMatch(chooser.departmentIds()::contains))
                .isPresent();
    }

    /**
     * The user as signed in now, or empty when the user no longer exists or is inactive. Read on
     * every request, so in one statement (the user with their departments and their role's
     * permissions), which needs no transaction of its own.
     */
    public Optional<CurrentUser> currentUser(long id) {
        var rows = jdbc.sql(CURRENT_USER).param("id", id).query((rs, n) -> new UserRow(rs.getString("login"),
                rs.getString("display_name"), rs.getString("email"), Role.valueOf(rs.getString("role")),
                rs.getString("language"), rs.getBoolean("must_change_password"),
                rs.getObject("department_id", Long.class), rs.getString("permission"))).list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        var user = rows.getFirst();
        var departments = rows.stream().map(UserRow::departmentId).filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
        var permissions = rows.stream().map(UserRow::permission).filter(Objects::nonNull).map(Permission::byCode)
                .flatMap(Optional::stream).collect(Collectors.toUnmodifiableSet());
        return Optional.of(new CurrentUser(id, user.login(), user.displayName(), user.email(), user.role(), user.language(),
                departments, permissions, user.mustChangePassword()));
    }

    /** One row per department and one per permission, each with the user's own columns. */
    private record UserRow(String login, String displayName, String email, Role role, String language,
            boolean mustChangePassword, Long departmentId, String permission) {
    }

    private static final String CURRENT_USER = """
            select u.login, u.display_name, u.email, u.role, u.language, u.must_change_password,
                   d.department_id, cast(null as varchar(100)) as permission
              from users u left join user_departments d on d.user_id = u.id
             where u.id = :id and u.active = true
            union all
            select u.login, u.display_name, u.email, u.role, u.language, u.must_change_password,
                   cast(null as bigint), p.permission
              from users u join role_permissions p on p.role = u.role
             where u.id = :id and u.active = true""";
}
