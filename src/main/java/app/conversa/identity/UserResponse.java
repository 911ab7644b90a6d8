package app.conversa.identity;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

record UserResponse(long id, String login, String displayName, @Schema(nullable = true) String email, Role role,
        boolean active, @Schema(allowableValues = {"es", "en"}) String language, List<Long> departmentIds,
        @Schema(nullable = true) Instant lastLoginAt, Instant createdAt) {

    static UserResponse of(User user) {
        return new UserResponse(user.id(), user.login(), user.displayName(), user.email(), user.role(), user.active(),
                user.language(), user.departmentIds().stream().sorted().toList(), user.lastLoginAt(), user.createdAt());
    }
}
