package app.conversa.identity;

import app.conversa.shared.ConversaException;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Which departments a user may be placed in: existing, active ones. */
@Component
class DepartmentRules {

    private final DepartmentRepository departments;

    DepartmentRules(DepartmentRepository departments) {
        this.departments = departments;
    }

    void checkAssignable(Set<Long> departmentIds) {
        var usable = departments.findAllByIdInOrderByName(departmentIds).stream()
                .filter(Department::active).map(Department::id).collect(Collectors.toSet());
        departmentIds.stream().filter(id -> !usable.contains(id)).findFirst().ifPresent(id -> {
            throw ConversaException.invalid("department.unknown", id);
        });
    }
}
