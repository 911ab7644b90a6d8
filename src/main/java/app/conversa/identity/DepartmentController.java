package app.conversa.identity;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
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
@Tag(name = "Departments")
@RequestMapping("/api/departments")
class DepartmentController {

    private final Departments departments;

    DepartmentController(Departments departments) {
        this.departments = departments;
    }

    record DepartmentResponse(long id, String name, @Schema(nullable = true) String description, boolean active,
            List<Long> memberIds) { }

    record SaveDepartmentRequest(@NotBlank @Size(max = 120) String name, @Size(max = 500) String description) { }

    record UpdateMembersRequest(@NotNull Set<Long> userIds) { }

    /** Administrators see every department; everyone else the departments they belong to. */
    @GetMapping
    @PreAuthorize("hasAnyAuthority('chats.read', 'contacts.read', 'users.manage', 'departments.manage')")
    List<DepartmentResponse> list(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) Boolean active) {
        var visible = departments.visibleTo(me).stream().filter(d -> active == null || d.active() == active).toList();
        var members = departments.membersOf(visible.stream().map(Department::id).toList());
        return visible.stream().map(d -> response(d, members.getOrDefault(d.id(), List.of()))).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('departments.manage')")
    DepartmentResponse create(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody SaveDepartmentRequest request) {
        return response(departments.create(me, request.name(), request.description()));
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAuthority('departments.manage')")
    DepartmentResponse update(@AuthenticationPrincipal CurrentUser me, @PathVariable long id,
            @Valid @RequestBody SaveDepartmentRequest request) {
        return response(departments.update(me, id, request.name(), request.description()));
    }

    @PostMapping("/{id}/inactivate")
    @PreAuthorize("hasAuthority('departments.manage')")
    DepartmentResponse inactivate(@AuthenticationPrincipal CurrentUser me, @PathVariable long id) {
        return response(departments.inactivate(me, id));
    }

    @PostMapping("/{id}/reactivate")
    @PreAuthorize("hasAuthority('departments.manage')")
    DepartmentResponse reactivate(@AuthenticationPrincipal CurrentUser me, @PathVariable long id) {
        return response(departments.reactivate(me, id));
    }

    @PutMapping("/{id}/members")
    @PreAuthorize("hasAuthority('departments.manage')")
    DepartmentResponse changeMembers(@AuthenticationPrincipal CurrentUser me, @PathVariable long id,
            @Valid @RequestBody UpdateMembersRequest request) {
        return response(departments.changeMembers(me, id, request.userIds()));
    }

    private DepartmentResponse response(Department department) {
        return response(department, departments.membersOf(List.of(department.id())).getOrDefault(department.id(), List.of()));
    }

    private static DepartmentResponse response(Department department, List<Long> memberIds) {
        return new DepartmentResponse(department.id(), department.name(), department.description(), department.active(),
                memberIds);
    }
}
