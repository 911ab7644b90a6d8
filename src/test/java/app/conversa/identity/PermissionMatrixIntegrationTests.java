package app.conversa.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.IntegrationTest;
import app.conversa.TestAccounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class PermissionMatrixIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;

    @Test
    void aGrantAppliesOnTheAgentsNextRequestWithoutSigningInAgain() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var agent = ApiSession.signedIn(port, accounts.create(Role.AGENT).login(), TestAccounts.PASSWORD);
        var original = permissionsOf(admin, "AGENT");
        assertThat(agent.get("/api/audit").status()).isEqualTo(403);
        try {
            var granted = new ArrayList<>(original);
            granted.add("audit.view");
            var changed = admin.put("/api/roles/AGENT/permissions", Map.of("permissions", granted));

            assertThat(changed.status()).isEqualTo(200);
            assertThat(agent.get("/api/audit").status()).isEqualTo(200);
            var audited = admin.get("/api/audit?action=role.permissions.changed").json().get("items").get(0);
            assertThat(audited.get("details").get("granted").toString()).isEqualTo("[\"audit.view\"]");
        } finally {
            admin.put("/api/roles/AGENT/permissions", Map.of("permissions", original));
        }
        assertThat(agent.get("/api/audit").status()).isEqualTo(403);
    }

    @Test
    void administratorsAlwaysKeepUserRoleAndSettingsManagement() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var without = new ArrayList<>(permissionsOf(admin, "ADMINISTRATOR"));
        without.remove("roles.manage");

        var refused = admin.put("/api/roles/ADMINISTRATOR/permissions", Map.of("permissions", without));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("role.permission_required");
        assertThat(permissionsOf(admin, "ADMINISTRATOR")).contains("roles.manage");
    }

    @Test
    void noRoleGetsAPermissionAboveItsRankAndUnknownOnesAreRefused() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);

        var settings = admin.put("/api/roles/SUPERVISOR/permissions",
                Map.of("permissions", with(permissionsOf(admin, "SUPERVISOR"), "settings.global")));
        var departments = admin.put("/api/roles/SUPERVISOR/permissions",
                Map.of("permissions", with(permissionsOf(admin, "SUPERVISOR"), "departments.manage")));
        var users = admin.put("/api/roles/AGENT/permissions",
                Map.of("permissions", with(permissionsOf(admin, "AGENT"), "users.manage")));
        var unknown = admin.put("/api/roles/SUPERVISOR/permissions", Map.of("permissions", List.of("chats.delete")));

        assertThat(List.of(settings.code(), departments.code(), users.code())).containsOnly("role.permission_not_grantable");
        assertThat(unknown.code()).isEqualTo("role.unknown_permission");
        assertThat(permissionsOf(admin, "SUPERVISOR")).doesNotContain("settings.global", "departments.manage")
                .contains("transfers.approve");
        assertThat(permissionsOf(admin, "AGENT")).doesNotContain("users.manage");
    }

    @Test
    void theMatrixDescribesEveryPermissionWithItsSafeLimits() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);

        var matrix = admin.get("/api/roles").json();

        assertThat(matrix.get("permissions")).hasSize(Permission.values().length);
        assertThat(matrix.get("roles").findValuesAsString("role")).containsExactly("ADMINISTRATOR", "SUPERVISOR", "AGENT");
        assertThat(permissionsOf(admin, "AGENT")).containsExactlyInAnyOrder("chats.read", "contacts.read", "messages.send",
                "transfers.request", "contacts.create");
    }

    private static List<String> with(List<String> permissions, String extra) {
        var all = new ArrayList<>(permissions);
        all.add(extra);
        return all;
    }

    private static List<String> permissionsOf(ApiSession admin, String role) {
        for (var entry : admin.get("/api/roles").json().get("roles")) {
            if (entry.get("role").asString().equals(role)) {
                var codes = new ArrayList<String>();
                entry.get("permissions").forEach(code -> codes.add(code.asString()));
                return codes;
            }
        }
        throw new IllegalStateException(role);
    }
}
