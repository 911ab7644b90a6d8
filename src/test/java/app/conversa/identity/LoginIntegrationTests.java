package app.conversa.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.IntegrationTest;
import app.conversa.TestAccounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
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
        assertThat(jdbc.sql("select address from audit_log where actor_login = ?").param(agent.login())
                .query(String.class).single()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
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
    void signingInIssuesANewSessionIdAndTheOldOneStopsWorking() {
        var first = accounts.create(Role.AGENT);
        var second = accounts.create(Role.AGENT);
        var client = ApiSession.signedIn(port, first.login(), TestAccounts.PASSWORD);
        String before = client.cookie("SESSION");

        var again = client.login(second.login(), TestAccounts.PASSWORD);

        assertThat(again.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("SESSION=").contains("HttpOnly").contains("SameSite=Lax"));
        assertThat(client.cookie("SESSION")).isNotNull().isNotEqualTo(before);
        assertThat(client.get("/api/auth/me").json().get("login").asString()).isEqualTo(second.login());
        assertThat(ApiSession.withSessionCookie(port, before).get("/api/auth/me").status()).isEqualTo(401);
    }

    @Test
    void changesWithoutTheCsrfTokenAreRefused() {
        var admin = accounts.create(Role.ADMINISTRATOR);
        var session = ApiSession.signedIn(port, admin.login(), TestAccounts.PASSWORD);

        var missing = session.withCsrfHeader("").post("/api/departments", Map.of("name", "csrf-" + admin.id()));
        var forged = session.withCsrfHeader("forged-token").put("/api/roles/AGENT/permissions", Map.of("permissions", List.of()));
        var signIn = ApiSession.anonymous(port).withCsrfHeader("").login(admin.login(), TestAccounts.PASSWORD);

        assertThat(List.of(missing.code(), forged.code(), signIn.code())).containsOnly("csrf");
        assertThat(List.of(missing.status(), forged.status(), signIn.status())).containsOnly(403);
        assertThat(session.withCsrfHeader(null).get("/api/departments").json().findValuesAsString("name"))
                .doesNotContain("csrf-" + admin.id());
    }

    @Test
    void parallelGuessesCannotOutrunTheThrottle() throws Exception {
        var agent = accounts.create(Role.AGENT);
        var statuses = new ArrayList<Integer>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var guesses = new ArrayList<CompletableFuture<ApiSession.Response>>();
            for (int i = 0; i < 12; i++) {
                String guess = "parallel-guess-" + i;
                guesses.add(CompletableFuture.supplyAsync(() -> ApiSession.anonymous(port).login(agent.login(), guess), threads));
            }
            for (var guess : guesses) {
                statuses.add(guess.get().status());
            }
        }

        long checkedInBurst = statuses.stream().filter(status -> status == 401).count();
        assertThat(checkedInBurst).isLessThanOrEqualTo(5);
        // each status is a checked guess (401) or a refusal (429); under a tight burst every guess may be refused
        assertThat(statuses).allMatch(status -> status == 401 || status == 429, "401 or 429");
        // refused attempts are not counted, so a burst may use fewer than 5; one by one, the rest are used up
        int checkedAfter = 0;
        while (checkedAfter < 10 && ApiSession.anonymous(port).login(agent.login(), "one-by-one-" + checkedAfter).status() == 401) {
            checkedAfter++;
        }
        assertThat(checkedInBurst + checkedAfter).isEqualTo(5);
        assertThat(ApiSession.anonymous(port).login(agent.login(), TestAccounts.PASSWORD).status()).isEqualTo(429);
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
