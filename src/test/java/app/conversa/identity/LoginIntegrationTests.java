package app.conversa.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.IntegrationTest;
import app.conversa.TestAccounts;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class LoginIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void forgetFailedLogins() {
        jdbc.sql("delete from login_failures").update();
    }

    @Test
    void signingInReturnsTheProfileAndIsAudited() {
        var agent = accounts.create(Role.AGENT);
        var session = ApiSession.signedIn(port, agent.login().toUpperCase(), TestAccounts.PASSWORD);

        var me = session.get("/api/auth/me").json();
        assertThat(me.get("login").asString()).isEqualTo(agent.login());
        assertThat(me.get("role").asString()).isEqualTo("AGENT");
        assertThat(me.get("permissions").toString()).contains("messages.send").doesNotContain("users.manage");
        assertThat(auditedActions(agent.login())).contains("auth.login.succeeded");
    }

    @Test
    void aWrongPasswordIsRefusedInTheCallersLanguageAndAudited() {
        var agent = accounts.create(Role.AGENT);
        var response = ApiSession.anonymous(port).inLanguage("es").login(agent.login(), "not-the-password");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.json().get("detail").asString()).isEqualTo("Usuario o contraseña incorrectos.");
        assertThat(auditedActions(agent.login())).containsExactly("auth.login.failed");
    }

    @Test
    void unknownAndInactiveLoginsGetTheSameAnswerAsAWrongPassword() {
        var unknown = ApiSession.anonymous(port).login("nobody-" + UUID.randomUUID(), TestAccounts.PASSWORD);
        var inactive = accounts.create(Role.AGENT);
        jdbc.sql("update users set active = false where id = ?").param(inactive.id()).update();
        var refused = ApiSession.anonymous(port).login(inactive.login(), TestAccounts.PASSWORD);

        assertThat(unknown.status()).isEqualTo(401);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo(unknown.code()).isEqualTo("login.invalid_credentials");
    }

    @Test
    void fiveFailuresLockTheLoginEvenForTheRightPassword() {
        var agent = accounts.create(Role.AGENT);
        var client = ApiSession.anonymous(port);
        for (int i = 0; i < 5; i++) {
            assertThat(client.login(agent.login(), "wrong-" + i).status()).isEqualTo(401);
        }

        var locked = client.login(agent.login(), TestAccounts.PASSWORD);

        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.code()).isEqualTo("login.throttled");
        assertThat(locked.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(
                seconds -> assertThat(seconds).isBetween(1L, 900L));
        assertThat(auditedActions(agent.login())).contains("auth.login.throttled");
        assertThat(jdbc.sql("select count(*) from critical_events where source = 'identity' and details like ?")
                .param("%" + agent.login() + "%").query(Long.class).single()).isEqualTo(1);
        var otherUser = accounts.create(Role.AGENT);
        assertThat(client.login(otherUser.login(), TestAccounts.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void manyFailuresFromOneAddressLockEveryLoginFromIt() {
        var client = ApiSession.anonymous(port);
        for (int i = 0; i < 30; i++) {
            assertThat(client.login("guess-" + i, "wrong").status()).isEqualTo(401);
        }
        var agent = accounts.create(Role.AGENT);

        assertThat(client.login(agent.login(), TestAccounts.PASSWORD).status()).isEqualTo(429);
    }

    @Test
    void aSuccessfulLoginClearsEarlierFailures() {
        var agent = accounts.create(Role.AGENT);
        var client = ApiSession.anonymous(port);
        for (int i = 0; i < 4; i++) {
            client.login(agent.login(), "wrong");
        }
        assertThat(client.login(agent.login(), TestAccounts.PASSWORD).status()).isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            client.login(agent.login(), "wrong");
        }

        assertThat(client.login(agent.login(), TestAccounts.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void signingInIssuesANewSessionId() {
        var agent = accounts.create(Role.AGENT);
        var client = ApiSession.anonymous(port);
        var before = client.get("/api/auth/me").headers().firstValue("Set-Cookie").orElseThrow();

        var after = client.login(agent.login(), TestAccounts.PASSWORD).headers().allValues("Set-Cookie");

        assertThat(after).anySatisfy(cookie -> assertThat(cookie).startsWith("SESSION=").contains("HttpOnly")
                .isNotEqualTo(before));
    }

    @Test
    void loggingOutEndsThatSessionOnly() {
        var agent = accounts.create(Role.AGENT);
        var laptop = ApiSession.signedIn(port, agent.login(), TestAccounts.PASSWORD);
        var tablet = ApiSession.signedIn(port, agent.login(), TestAccounts.PASSWORD);

        assertThat(laptop.post("/api/auth/logout", null).status()).isEqualTo(204);

        assertThat(laptop.get("/api/auth/me").status()).isEqualTo(401);
        assertThat(tablet.get("/api/auth/me").status()).isEqualTo(200);
        assertThat(auditedActions(agent.login())).contains("auth.logout");
    }

    @Test
    void pagesCarryStrictSecurityHeaders() {
        var headers = ApiSession.anonymous(port).get("/api/public/info").headers();

        assertThat(headers.firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline"));
        assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
    }

    private java.util.List<String> auditedActions(String login) {
        return jdbc.sql("select action from audit_log where actor_login = ? order by id").param(login)
                .query(String.class).list();
    }
}
