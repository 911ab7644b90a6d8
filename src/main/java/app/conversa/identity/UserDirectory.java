package app.conversa.identity;

import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Looks users up for other modules and for the per-request refresh of the signed-in user. */
@Service
public class UserDirectory {

    private final UserRepository users;
    private final PermissionMatrix matrix;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    UserDirectory(UserRepository users, PermissionMatrix matrix, org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.users = users;
        this.matrix = matrix;
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

    /** The user as signed in now, or empty when the user no longer exists or is inactive. */
    @Transactional(readOnly = true)
    public Optional<CurrentUser> currentUser(long id) {
        return users.findById(id).filter(User::active).map(user -> new CurrentUser(user.id(), user.login(),
                user.displayName(), user.email(), user.role(), user.language(), user.departmentIds(),
                matrix.of(user.role()), user.mustChangePassword()));
    }
}
