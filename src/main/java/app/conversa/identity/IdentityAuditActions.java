package app.conversa.identity;

import app.conversa.audit.AuditActions;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class IdentityAuditActions implements AuditActions {

    @Override
    public List<String> codes() {
        return List.of("api_token.created", "api_token.revoked", "auth.login.succeeded", "auth.login.failed", "auth.login.throttled", "auth.logout",
                "auth.password.changed", "auth.password.change_failed", "user.created", "user.updated", "user.inactivated", "user.reactivated",
                "user.password.reset", "role.permissions.changed", "department.created", "department.updated",
                "department.inactivated", "department.reactivated", "department.members.changed");
    }
}
