package app.conversa.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.IntegrationTest;
import app.conversa.TestAccounts;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A user's sessions end on password change, on inactivation and on a password reset (all of them). */
@IntegrationTest
class SessionEndIntegrationTests {

    private static final String NEW_PASSWORD = "a-brand-new-password";

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void changingThePasswordEndsEverySessionOfTheUser() {
        var agent = accounts.create(Role.AGENT);
        var laptop = ApiSession.signedIn(port, agent.login(), TestAccounts.PASSWORD);
        var tablet = ApiSession.signedIn(port, agent.login(), TestAccounts.PASSWORD);

        var change = laptop.put("/api/account/password",
                Map.of("currentPassword", TestAccounts.PASSWORD, "newPassword", NEW_PASSWORD));

        assertThat(change.status()).isEqualTo(204);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'auth.password.changed' and actor_id = ?")
                .param(agent.id()).query(Long.class).single()).isEqualTo(1);
        assertThat(laptop.get("/api/auth/me").status()).isEqualTo(401);
        assertThat(tablet.get("/api/auth/me").status()).isEqualTo(401);
        assertThat(ApiSession.anonymous(port).login(agent.login(), TestAccounts.PASSWORD).status()).isEqualTo(401);
        assertThat(ApiSession.anonymous(port).login(agent.login(), NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aWrongCurrentPasswordChangesNothingAndGuessingItIsThrottled() {
        var agent = accounts.create(Role.AGENT);
        var session = ApiSession.signedIn(port, agent.login(), TestAccounts.PASSWORD);

        var change = session.put("/api/account/password",
                Map.of("currentPassword", "not-my-password", "newPassword", NEW_PASSWORD));
        for (int i = 0; i < 4; i++) {
            session.put("/api/account/password", Map.of("currentPassword", "guess-" + i, "newPassword", NEW_PASSWORD));
        }
        var sixth = session.put("/api/account/password",
                Map.of("currentPassword", TestAccounts.PASSWORD, "newPassword", NEW_PASSWORD));

        assertThat(change.status()).isEqualTo(400);
        assertThat(change.code()).isEqualTo("password.current_wrong");
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(session.get("/api/auth/me").status()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'auth.password.change_failed' and actor_id = ?")
                .param(agent.id()).query(Long.class).single()).isEqualTo(5);
        jdbc.sql("delete from login_failures").update();
    }

    @Test
    void aTooShortNewPasswordIsRefused() {
        var agent = accounts.create(Role.AGENT);
        var session = ApiSession.signedIn(port, agent.login(), TestAccounts.PASSWORD).inLanguage("es");

        var change = session.put("/api/account/password", Map.of("currentPassword", TestAccounts.PASSWORD, "newPassword", "short"));

        assertThat(change.status()).isEqualTo(400);
        assertThat(change.json().get("detail").asString()).isEqualTo("La contraseña debe tener al menos 10 caracteres.");
    }

    @Test
    void inactivatingAUserEndsTheirSessionsAndRefusesTheirLogin() {
        var admin = accounts.create(Role.ADMINISTRATOR);
        var agent = accounts.create(Role.AGENT);
        var agentSession = ApiSession.signedIn(port, agent.login(), TestAccounts.PASSWORD);
        var adminSession = ApiSession.signedIn(port, admin.login(), TestAccounts.PASSWORD);

        var inactivated = adminSession.post("/api/users/" + agent.id() + "/inactivate", null);

        assertThat(inactivated.status()).isEqualTo(200);
        assertThat(inactivated.json().get("active").asBoolean()).isFalse();
        assertThat(agentSession.get("/api/auth/me").status()).isEqualTo(401);
        assertThat(ApiSession.anonymous(port).login(agent.login(), TestAccounts.PASSWORD).status()).isEqualTo(401);

        assertThat(adminSession.post("/api/users/" + agent.id() + "/reactivate", null).status()).isEqualTo(200);
        assertThat(ApiSession.anonymous(port).login(agent.login(), TestAccounts.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aResetPasswordIsTemporaryAndMustBeChangedBeforeAnythingElse() {
        var admin = accounts.create(Role.ADMINISTRATOR);
        var other = accounts.create(Role.ADMINISTRATOR);
        var otherSession = ApiSession.signedIn(port, other.login(), TestAccounts.PASSWORD);
        var adminSession = ApiSession.signedIn(port, admin.login(), TestAccounts.PASSWORD);

        assertThat(adminSession.post("/api/users/" + other.id() + "/password", Map.of("newPassword", "temporary-pass-1"))
                .status()).isEqualTo(204);

        assertThat(otherSession.get("/api/auth/me").status()).isEqualTo(401);
        var fresh = ApiSession.signedIn(port, other.login(), "temporary-pass-1");
        assertThat(fresh.get("/api/auth/me").json().get("mustChangePassword").asBoolean()).isTrue();
        var blocked = fresh.get("/api/users");
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.code()).isEqualTo("password_change_required");
        var sameBrowser = ApiSession.anonymous(port);
        sameBrowser.login(other.login(), "temporary-pass-1");
        assertThat(sameBrowser.login(admin.login(), TestAccounts.PASSWORD).status())
                .as("another user can still sign in from a browser stuck at the password change").isEqualTo(200);

        fresh.put("/api/account/password", Map.of("currentPassword", "temporary-pass-1", "newPassword", NEW_PASSWORD));
        var changed = ApiSession.signedIn(port, other.login(), NEW_PASSWORD);
        assertThat(changed.get("/api/auth/me").json().get("mustChangePassword").asBoolean()).isFalse();
        assertThat(changed.get("/api/users").status()).isEqualTo(200);
    }
}
