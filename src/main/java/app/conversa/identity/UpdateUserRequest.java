package app.conversa.identity;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;

record UpdateUserRequest(
        @NotBlank @Size(max = 120) String displayName,
        @Email @Size(max = 254) String email,
        @NotNull Role role,
        @NotNull @Pattern(regexp = "es|en") @Schema(allowableValues = {"es", "en"}) String language,
        @NotNull Set<Long> departmentIds) {

    User.Profile profile() {
        return new User.Profile(displayName, email, role, language, departmentIds);
    }
}
