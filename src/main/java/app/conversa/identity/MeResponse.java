package app.conversa.identity;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

record MeResponse(long id, String login, String displayName, @Schema(nullable = true) String email, Role role,
        @Schema(allowableValues = {"es", "en"}) String language, List<String> permissions, List<Long> departmentIds,
        boolean mustChangePassword) {

    static MeResponse of(CurrentUser user) {
        return new MeResponse(user.id(), user.login(), user.displayName(), user.email(), user.role(), user.language(),
                user.permissions().stream().map(Permission::code).sorted().toList(),
                user.departmentIds().stream().sorted().toList(), user.mustChangePassword());
    }
}
