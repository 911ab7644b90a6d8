package app.conversa.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.IntegrationTest;
import app.conversa.TestAccounts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** API tokens for other systems: scoped, stored hashed, stopped at once by revocation. */
@IntegrationTest
class ApiTokenIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aTokenActsWithinItsScopeAndStopsAtOnceWhenRevoked() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var created = admin.post("/api/tokens", Map.of("name", "ERP de cobranzas",
                "permissions", List.of("contacts.view.all", "contacts.manage")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String secret = created.json().get("secret").asString();
        long tokenId = created.json().get("token").get("id").asLong();
        assertThat(secret).startsWith("cva_").hasSizeGreaterThan(40);
        assertThat(jdbc.sql("select count(*) from api_tokens where token_hash = ? or prefix = ?").params(secret, secret)
                .query(Long.class).single()).as("the secret itself is not stored").isZero();

        var erp = ApiSession.bearer(port, secret);
        assertThat(erp.get("/api/contacts").status()).isEqualTo(200);
        var client = erp.post("/api/clients", Map.of("name", "Desde el ERP"));
        assertThat(client.status()).as("writes need no CSRF token: no cookie is trusted").isEqualTo(201);
        assertThat(erp.post("/api/clients/" + client.json().get("id").asLong() + "/inactivate", null).status()).isEqualTo(200);
        assertThat(erp.get("/api/users").status()).as("outside the token's scope, though the owner may").isEqualTo(403);
        assertThat(erp.put("/api/clients/" + client.json().get("id").asLong(), Map.of("name", "Desde el ERP",
                "balance", "10")).code()).as("sensitive fields need their own permission").isEqualTo("client.sensitive_forbidden");
        assertThat(erp.get("/api/tokens").code()).as("tokens never manage tokens").isEqualTo("token.not_allowed");
        assertThat(jdbc.sql("select last_used_at from api_tokens where id = ?").param(tokenId).query(Object.class).optional())
                .isPresent();

        assertThat(admin.send("DELETE", "/api/tokens/" + tokenId, null).status()).isEqualTo(204);
        var refused = erp.get("/api/contacts");
        assertThat(refused.status()).as("revoked: the very next call").isEqualTo(401);
        assertThat(refused.code()).isEqualTo("token.invalid");
        assertThat(admin.get("/api/tokens").json().get(0).get("revokedAt").isNull()).isFalse();
        assertThat(ApiSession.bearer(port, "cva_not-a-token").get("/api/contacts").status()).isEqualTo(401);
        assertThat(admin.get("/api/audit?action=api_token.revoked&size=50").json().get("items").toString())
                .contains("\"targetId\":\"" + tokenId + "\"");
    }

    @Test
    void aTokenHasNoMoreThanItsOwnerNowHas() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var supervisorAccount = accounts.create(Role.SUPERVISOR, accounts.department());
        var supervisorPermissions = new java.util.ArrayList<String>();
        admin.get("/api/roles").json().get("roles").forEach(role -> role.get("permissions").forEach(permission -> {
            if (role.get("role").asString().equals("SUPERVISOR")) {
                supervisorPermissions.add(permission.asString());
            }
        }));
        var granted = new java.util.ArrayList<>(supervisorPermissions);
        granted.add("api_tokens.manage");
        admin.put("/api/roles/SUPERVISOR/permissions", Map.of("permissions", granted));
        try {
            var supervisor = ApiSession.signedIn(port, supervisorAccount.login(), TestAccounts.PASSWORD);
            assertThat(supervisor.post("/api/tokens", Map.of("name", "x", "permissions", List.of("contacts.view.all"))).code())
                    .as("a permission the owner lacks").isEqualTo("token.permission_not_held");
            String secret = supervisor.post("/api/tokens", Map.of("name", "reportes", "permissions",
                    List.of("users.manage", "contacts.manage"))).json().get("secret").asString();
            var token = ApiSession.bearer(port, secret);
            assertThat(token.get("/api/users").status()).isEqualTo(200);
            var without = new java.util.ArrayList<>(granted);
            without.remove("users.manage");
            admin.put("/api/roles/SUPERVISOR/permissions", Map.of("permissions", without));
            assertThat(token.get("/api/users").status()).as("the owner lost it, so did the token").isEqualTo(403);
        } finally {
            admin.put("/api/roles/SUPERVISOR/permissions", Map.of("permissions", supervisorPermissions));
        }
    }
}
