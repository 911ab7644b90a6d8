package app.conversa.identity;

import java.time.Instant;
import java.util.List;

record UserResponse(long id, String login, String displayName, String email, Role role, boolean active,
        String language, List<Long> departmentIds, Instant lastLoginAt, Instant createdAt) {

    static UserResponse of(User user) {
        return new UserResponse(user.id(), user.login(), user.displayName(), user.email(), user.role(), user.active(),
                user.language(), user.departmentIds().stream().sorted().toList(), user.lastLoginAt(), user.createdAt());
    }
}
