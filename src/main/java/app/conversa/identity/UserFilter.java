package app.conversa.identity;

import app.conversa.shared.LikePattern;
import org.springframework.data.jpa.domain.Specification;

/** The Users screen's filters: text in name or login, role, active flag, department; each optional. */
record UserFilter(String text, Role role, Boolean active, Long departmentId) {

    Specification<User> specification() {
        Specification<User> spec = Specification.unrestricted();
        if (text != null && !text.isBlank()) {
            String pattern = LikePattern.containing(text);
            spec = spec.and((root, query, cb) -> cb.or(
                    cb.like(cb.lower(root.get("displayName")), pattern, LikePattern.ESCAPE),
                    cb.like(root.get("login"), pattern, LikePattern.ESCAPE)));
        }
        if (role != null) {
            spec = spec.and((root, query, cb) -> cb.equal(root.get("role"), role));
        }
        if (active != null) {
            spec = spec.and((root, query, cb) -> cb.equal(root.get("active"), active));
        }
        if (departmentId != null) {
            spec = spec.and((root, query, cb) -> cb.isMember(departmentId, root.get("departmentIds")));
        }
        return spec;
    }
}
