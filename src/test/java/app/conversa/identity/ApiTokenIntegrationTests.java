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
                "permissions", List.of("contacts.read", "contacts.view.all", "contacts.manage")));
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

    @Test
    void aTokenReadsOnlyWhatItWasGiven() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        long clientId = admin.post("/api/clients", Map.of("name", "Cliente con saldo", "documentId",
                "09" + (10_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(89_999_999)),
                "balance", "1500.00")).json().get("id").asLong();
        long contactId = admin.post("/api/contacts", Map.of("displayName", "Contacto visible", "phone", randomPhone()))
                .json().get("id").asLong();

        var creator = ApiSession.bearer(port, secret(admin, "alta de contactos", "contacts.create"));
        for (String read : List.of("/api/clients", "/api/clients/" + clientId, "/api/contacts", "/api/contacts/" + contactId,
                "/api/client-attributes", "/api/contacts/phone-settings", "/api/chats", "/api/chats/counters",
                "/api/chats/1", "/api/chats/1/messages", "/api/media/1", "/api/departments")) {
            var refused = creator.get(read);
            assertThat(refused.status()).as(read).isEqualTo(403);
            assertThat(refused.code()).as(read).isEqualTo("forbidden");
        }
        assertThat(creator.post("/api/chats/1/read", null).status()).as("marking read is reading").isEqualTo(403);
        assertThat(creator.post("/api/contacts", Map.of("displayName", "Desde el formulario", "phone", randomPhone())).status())
                .as("what it was given").isEqualTo(201);

        var reader = ApiSession.bearer(port, secret(admin, "lectura de clientes", "contacts.read"));
        var clients = reader.get("/api/clients?size=100");
        assertThat(clients.status()).isEqualTo(200);
        assertThat(reader.get("/api/clients/" + clientId).json().get("name").asString()).isEqualTo("Cliente con saldo");
        assertThat(reader.get("/api/contacts/" + contactId).status()).isEqualTo(200);
        assertThat(reader.get("/api/chats").status()).as("contacts are not chats").isEqualTo(403);

        var inbox = ApiSession.bearer(port, secret(admin, "lectura de chats", "chats.read"));
        assertThat(inbox.get("/api/chats").status()).isEqualTo(200);
        assertThat(inbox.get("/api/chats/counters").status()).isEqualTo(200);
        assertThat(inbox.get("/api/clients").status()).isEqualTo(403);
    }

    @Test
    void aTokenNeverActsOnItsOwnersAccount() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var token = ApiSession.bearer(port, secret(admin, "todo", "users.manage", "contacts.read", "chats.read"));

        var language = token.put("/api/account/language", Map.of("language", "es"));
        var password = token.put("/api/account/password", Map.of("currentPassword", TestAccounts.PASSWORD,
                "newPassword", "another-password-2"));

        assertThat(List.of(language.code(), password.code())).containsOnly("token.not_allowed");
        assertThat(admin.get("/api/auth/me").json().get("language").asString()).isEqualTo("en");
    }

    @Test
    void anAdministratorResettingAPasswordRevokesTheUsersTokens() {
        var ownerAccount = accounts.create(Role.ADMINISTRATOR);
        var owner = ApiSession.signedIn(port, ownerAccount.login(), TestAccounts.PASSWORD);
        var token = ApiSession.bearer(port, secret(owner, "ERP", "contacts.read"));
        var other = ApiSession.bearer(port, secret(owner, "reportes", "chats.read"));
        assertThat(token.get("/api/contacts").status()).isEqualTo(200);
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);

        var reset = admin.post("/api/users/" + ownerAccount.id() + "/password", Map.of("newPassword", "temporary-password-9"));

        assertThat(reset.status()).as(reset.body()).isLessThan(300);
        assertThat(token.get("/api/contacts").code()).isEqualTo("token.invalid");
        assertThat(other.get("/api/chats").code()).isEqualTo("token.invalid");
        assertThat(jdbc.sql("select count(*) from api_tokens where user_id = ? and revoked_at is null")
                .param(ownerAccount.id()).query(Long.class).single()).isZero();
        assertThat(admin.get("/api/audit?action=api_token.revoked&size=50").json().get("items").toString())
                .contains("user.password.reset");
    }

    @Test
    void aTokenOfAUserWhoMustChangeTheirPasswordIsRefused() {
        var ownerAccount = accounts.create(Role.ADMINISTRATOR);
        var owner = ApiSession.signedIn(port, ownerAccount.login(), TestAccounts.PASSWORD);
        var token = ApiSession.bearer(port, secret(owner, "ERP", "contacts.read"));
        assertThat(token.get("/api/contacts").status()).isEqualTo(200);

        jdbc.sql("update users set must_change_password = true where id = ?").param(ownerAccount.id()).update();
        var refused = token.get("/api/contacts");

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("token.invalid");
        jdbc.sql("update users set must_change_password = false where id = ?").param(ownerAccount.id()).update();
        assertThat(token.get("/api/contacts").status()).as("the password changed: the token works again").isEqualTo(200);
    }

    @Test
    void integratorsReadTheApiDescriptionWithTheirToken() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var token = ApiSession.bearer(port, secret(admin, "integración", "contacts.read"));

        var description = token.get("/v3/api-docs");

        assertThat(description.status()).isEqualTo(200);
        assertThat(description.json().get("paths").has("/api/contacts")).isTrue();
        assertThat(token.get("/v3/api-docs/swagger-config").status()).isEqualTo(200);
        assertThat(ApiSession.bearer(port, "cva_not-a-token").get("/v3/api-docs").status()).isEqualTo(401);
        assertThat(ApiSession.anonymous(port).get("/v3/api-docs").status()).isEqualTo(401);
    }

    private static String randomPhone() {
        return "099" + java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    }

    private static String secret(ApiSession owner, String name, String... permissions) {
        var created = owner.post("/api/tokens", Map.of("name", name, "permissions", List.of(permissions)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("secret").asString();
    }
}
