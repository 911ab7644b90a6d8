package app.conversa.identity;

import app.conversa.audit.AuditTrail;
import app.conversa.shared.ConversaException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Departments: administrators create, rename, inactivate and staff them; everyone sees their own. */
@Service
class Departments {

    private final DepartmentRepository departments;
    private final UserRepository users;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Sessions sessions;
    private final Clock clock;

    Departments(DepartmentRepository departments, UserRepository users, JdbcClient jdbc, AuditTrail audit,
            Sessions sessions, Clock clock) {
        this.departments = departments;
        this.users = users;
        this.jdbc = jdbc;
        this.audit = audit;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    List<Department> visibleTo(CurrentUser user) {
        return user.isAdministrator()
                ? departments.findAllByOrderByName()
                : departments.findAllByIdInOrderByName(user.departmentIds());
    }

    @Transactional
    Department create(CurrentUser actor, String name, String description) {
        if (departments.existsByNameKey(Department.keyOf(name))) {
            throw ConversaException.conflict("department.name_taken", name.strip());
        }
        var department = departments.save(new Department(name, description, clock.instant()));
        audit.record(actor.actor(), "department.created", "department", department.id(), Map.of("name", department.name()));
        return department;
    }

    @Transactional
    Department update(CurrentUser actor, long id, String name, String description) {
        var department = load(id);
        if (departments.existsByNameKeyAndIdNot(Department.keyOf(name), id)) {
            throw ConversaException.conflict("department.name_taken", name.strip());
        }
        String before = department.name();
        department.rename(name, description, clock.instant());
        audit.record(actor.actor(), "department.updated", "department", id, Map.of("name", List.of(before, department.name())));
        return department;
    }

    @Transactional
    Department inactivate(CurrentUser actor, long id) {
        var department = load(id);
        department.inactivate(clock.instant());
        audit.record(actor.actor(), "department.inactivated", "department", id, Map.of("name", department.name()));
        return department;
    }

    @Transactional
    Department reactivate(CurrentUser actor, long id) {
        var department = load(id);
        department.reactivate(clock.instant());
        audit.record(actor.actor(), "department.reactivated", "department", id, Map.of("name", department.name()));
        return department;
    }

    /** Makes exactly these users the department's members. */
    @Transactional
    Department changeMembers(CurrentUser actor, long id, Set<Long> userIds) {
        var department = load(id);
        if (!department.active()) {
            throw ConversaException.conflict("department.inactive", department.name());
        }
        var wanted = users.findAllByIdIn(userIds);
        if (wanted.size() != userIds.size()) {
            throw ConversaException.invalid("user.not_found", userIds);
        }
        var current = users.findMembersOf(id);
        current.stream().filter(user -> !userIds.contains(user.id())).forEach(user -> {
            user.leaveDepartment(id);
            sessions.rightsChanged(user.id());
        });
        wanted.forEach(user -> user.joinDepartment(id));
        audit.record(actor.actor(), "department.members.changed", "department", id, Map.of(
                "added", ids(wanted.stream().filter(u -> !current.contains(u)).toList()),
                "removed", ids(current.stream().filter(u -> !userIds.contains(u.id())).toList())));
        return department;
    }

    /** Member ids of each department, in one query whatever the number of departments. */
    @Transactional(readOnly = true)
    Map<Long, List<Long>> membersOf(Collection<Long> departmentIds) {
        var members = new HashMap<Long, List<Long>>();
        if (!departmentIds.isEmpty()) {
            jdbc.sql("select department_id, user_id from user_departments where department_id in (:ids) order by user_id")
                    .param("ids", departmentIds)
                    .query((row, n) -> Map.entry(row.getLong(1), row.getLong(2))).list()
                    .forEach(e -> members.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        }
        return members;
    }

    private Department load(long id) {
        return departments.findById(id).orElseThrow(() -> ConversaException.notFound("department.not_found", id));
    }

    private static Set<Long> ids(List<User> list) {
        return list.stream().map(User::id).collect(Collectors.toCollection(TreeSet::new));
    }
}
