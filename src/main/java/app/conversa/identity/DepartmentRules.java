package app.conversa.identity;

import app.conversa.shared.ConversaException;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Which departments a user may join: existing, active ones. Staying in an inactivated one is fine. */
@Component
class DepartmentRules {

    private final DepartmentRepository departments;

    DepartmentRules(DepartmentRepository departments) {
        this.departments = departments;
    }

    void checkJoinable(Set<Long> before, Set<Long> after) {
        var joining = new HashSet<>(after);
        joining.removeAll(before);
        var usable = departments.findAllByIdInOrderByName(joining).stream()
                .filter(Department::active).map(Department::id).collect(Collectors.toSet());
        joining.stream().filter(id -> !usable.contains(id)).findFirst().ifPresent(id -> {
            throw ConversaException.invalid("department.unknown", id);
        });
    }
}
