package app.conversa.identity;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;

/** A new user; the password is temporary and must be changed at first sign-in. */
record CreateUserRequest(
        @NotBlank @Size(min = 3, max = 100) @Pattern(regexp = "[A-Za-z0-9._@-]+") String login,
        @NotBlank @Size(max = 120) String displayName,
        @Email @Size(max = 254) String email,
        @NotNull Role role,
        @NotNull @Pattern(regexp = "es|en") @Schema(allowableValues = {"es", "en"}) String language,
        @NotNull Set<Long> departmentIds,
        @NotBlank @Size(max = 128) String password) {

    User.Profile profile() {
        return new User.Profile(displayName, email, role, language, departmentIds);
    }

    @Override
    public String toString() {
        return "CreateUserRequest[login=" + login + "]";
    }
}
