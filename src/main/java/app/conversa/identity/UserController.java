package app.conversa.identity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Users")
@RequestMapping("/api/users")
@PreAuthorize("hasAuthority('users.manage')")
class UserController {

    private final UserAdministration administration;

    UserController(UserAdministration administration) {
        this.administration = administration;
    }

    record ResetPasswordRequest(@NotBlank @Size(max = 128) String newPassword) {
        @Override
        public String toString() {
            return "ResetPasswordRequest[***]";
        }
    }

    @GetMapping
    List<UserResponse> list(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(required = false) Role role, @RequestParam(required = false) Boolean active,
            @RequestParam(required = false) Long departmentId) {
        return administration.list(me, new UserFilter(q, role, active, departmentId)).stream().map(UserResponse::of).toList();
    }

    @GetMapping("/{id}")
    UserResponse get(@AuthenticationPrincipal CurrentUser me, @PathVariable long id) {
        return UserResponse.of(administration.find(me, id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UserResponse create(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody CreateUserRequest request) {
        return UserResponse.of(administration.create(me, request.login(), request.profile(), request.password()));
    }

    @PutMapping("/{id}")
    UserResponse update(@AuthenticationPrincipal CurrentUser me, @PathVariable long id,
            @Valid @RequestBody UpdateUserRequest request) {
        return UserResponse.of(administration.update(me, id, request.profile()));
    }

    @PostMapping("/{id}/inactivate")
    UserResponse inactivate(@AuthenticationPrincipal CurrentUser me, @PathVariable long id) {
        return UserResponse.of(administration.inactivate(me, id));
    }

    @PostMapping("/{id}/reactivate")
    UserResponse reactivate(@AuthenticationPrincipal CurrentUser me, @PathVariable long id) {
        return UserResponse.of(administration.reactivate(me, id));
    }

    @PostMapping("/{id}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void resetPassword(@AuthenticationPrincipal CurrentUser me, @PathVariable long id,
            @Valid @RequestBody ResetPasswordRequest request) {
        administration.resetPassword(me, id, request.newPassword());
    }
}
