package app.conversa.identity;

import app.conversa.shared.ConversaException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The role × permission matrix. */
@RestController
@Tag(name = "Roles and permissions")
@RequestMapping("/api/roles")
@PreAuthorize("hasAuthority('roles.manage')")
class RoleController {

    private final PermissionMatrix matrix;

    RoleController(PermissionMatrix matrix) {
        this.matrix = matrix;
    }

    record PermissionResponse(String code, String group, boolean alwaysAdministrator, Role minimumRole) { }

    record RoleResponse(Role role, List<String> permissions) {
        static RoleResponse of(Role role, Set<Permission> permissions) {
            return new RoleResponse(role, permissions.stream().map(Permission::code).sorted().toList());
        }
    }

    record RolesResponse(List<PermissionResponse> permissions, List<RoleResponse> roles) { }

    record UpdateRolePermissionsRequest(@NotNull Set<String> permissions) { }

    @GetMapping
    RolesResponse matrix() {
        var permissions = Arrays.stream(Permission.values()).map(p -> new PermissionResponse(p.code(), p.group(),
                p.alwaysAdministrator(), p.minimumRole())).toList();
        var roles = matrix.all().entrySet().stream().map(e -> RoleResponse.of(e.getKey(), e.getValue())).toList();
        return new RolesResponse(permissions, roles);
    }

    @PutMapping("/{role}/permissions")
    RoleResponse change(@AuthenticationPrincipal CurrentUser me, @PathVariable Role role,
            @Valid @RequestBody UpdateRolePermissionsRequest request) {
        var wanted = EnumSet.noneOf(Permission.class);
        request.permissions().forEach(code -> wanted.add(Permission.byCode(code)
                .orElseThrow(() -> ConversaException.invalid("role.unknown_permission", code))));
        return RoleResponse.of(role, matrix.change(role, wanted, me));
    }
}
