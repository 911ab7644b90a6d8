package app.conversa.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.conversa.ApiSession;
import app.conversa.EventSocket;
import app.conversa.Eventually;
import app.conversa.IntegrationTest;
import app.conversa.SandboxLines;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import app.conversa.sandbox.SandboxPhone;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.socket.CloseStatus;

/**
 * An open WebSocket never outlives what it was opened under: it closes within a second when its
 * session ends (sign-out), when all of the user's sessions end (new password, password reset,
 * inactivation), and when the user's role changes; within seconds when the session expires; a
 * temporary password opens none.
 */
@IntegrationTest
class SocketSessionEndIntegrationTests {

    private static final Duration AT_ONCE = Duration.ofSeconds(1);

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    SandboxLines lines;
    @Autowired
    SandboxPhone phone;
    @Autowired
    JdbcClient jdbc;

    @Test
    void signingOutClosesTheSocketsOfThatSessionOnly() throws Exception {
        var agent = accounts.create(Role.AGENT);
        var laptop = ApiSession.signedIn(port, agent.login(), TestAccounts.PASSWORD);
        var tablet = ApiSession.signedIn(port, agent.login(), TestAccounts.PASSWORD);
        var laptopSocket = EventSocket.of(port, laptop);
        var tabletSocket = EventSocket.of(port, tablet);

        assertThat(laptop.post("/api/auth/logout", null).status()).isEqualTo(204);

        assertThat(closedAtOnce(laptopSocket)).isEqualTo(OpenSockets.SESSION_ENDED);
        assertThat(tabletSocket.closeStatus()).as("the other session's socket").isNull();
        assertThat(tabletSocket.session.isConnected()).isTrue();
    }

    @Test
    void changingThePasswordClosesEverySocketOfTheUser() throws Exception {
        var agent = accounts.create(Role.AGENT);
        var laptop = ApiSession.signedIn(port, agent.login(), TestAccounts.PASSWORD);
        var laptopSocket = EventSocket.of(port, laptop);
        var tabletSocket = EventSocket.of(port, ApiSession.signedIn(port, agent.login(), TestAccounts.PASSWORD));

        assertThat(laptop.put("/api/account/password",
                Map.of("currentPassword", TestAccounts.PASSWORD, "newPassword", "a-brand-new-password")).status()).isEqualTo(204);

        assertThat(closedAtOnce(laptopSocket)).isEqualTo(OpenSockets.SESSION_ENDED);
        assertThat(closedAtOnce(tabletSocket)).isEqualTo(OpenSockets.SESSION_ENDED);
    }

    @Test
    void resettingThePasswordOrInactivatingTheUserClosesTheirSockets() throws Exception {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var reset = accounts.create(Role.AGENT);
        var inactivated = accounts.create(Role.AGENT);
        var resetSocket = EventSocket.of(port, ApiSession.signedIn(port, reset.login(), TestAccounts.PASSWORD));
        var inactivatedSocket = EventSocket.of(port, ApiSession.signedIn(port, inactivated.login(), TestAccounts.PASSWORD));
        var adminSocket = EventSocket.of(port, admin);

        assertThat(admin.post("/api/users/" + reset.id() + "/password", Map.of("newPassword", "temporary-pass-1"))
                .status()).isEqualTo(204);
        assertThat(closedAtOnce(resetSocket)).isEqualTo(OpenSockets.SESSION_ENDED);

        assertThat(admin.post("/api/users/" + inactivated.id() + "/inactivate", null).status()).isEqualTo(200);
        assertThat(closedAtOnce(inactivatedSocket)).isEqualTo(OpenSockets.SESSION_ENDED);

        assertThat(adminSocket.closeStatus()).as("the administrator's own socket").isNull();
    }

    @Test
    void aSocketWhoseSessionExpiredClosesAtTheNextCheck() throws Exception {
        var agent = ApiSession.signedIn(port, accounts.create(Role.AGENT).login(), TestAccounts.PASSWORD);
        var expiring = EventSocket.of(port, agent);
        var other = EventSocket.of(port, ApiSession.signedIn(port, accounts.create(Role.AGENT).login(), TestAccounts.PASSWORD));
        String sessionId = new String(java.util.Base64.getDecoder().decode(agent.cookie("SESSION")),
                java.nio.charset.StandardCharsets.UTF_8);

        jdbc.sql("update spring_session set expiry_time = ? where session_id = ?")
                .params(System.currentTimeMillis() - 1, sessionId).update();

        var closed = Eventually.await("the socket closed", () -> Optional.ofNullable(expiring.closeStatus()),
                Optional::isPresent, Duration.ofSeconds(5)).orElseThrow();
        assertThat(closed).isEqualTo(OpenSockets.SESSION_ENDED);
        assertThat(other.closeStatus()).as("a live session's socket").isNull();
    }

    @Test
    void aTemporaryPasswordOpensNoSocket() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var agent = accounts.create(Role.AGENT);
        admin.post("/api/users/" + agent.id() + "/password", Map.of("newPassword", "temporary-pass-1"));
        var temporary = ApiSession.signedIn(port, agent.login(), "temporary-pass-1");

        assertThatThrownBy(() -> EventSocket.of(port, temporary)).hasStackTraceContaining("403");
    }

    @Test
    void aRoleChangeClosesTheSocketsAndTheReconnectedSocketGetsOnlyWhatTheNewRoleMaySee() throws Exception {
        long department = accounts.department();
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var demoted = accounts.create(Role.ADMINISTRATOR);
        var demotedSession = ApiSession.signedIn(port, demoted.login(), TestAccounts.PASSWORD);
        var line = lines.link(admin, port, department, null);
        var adminSocket = EventSocket.of(port, admin);
        var demotedSocket = EventSocket.of(port, demotedSession);
        phone.write(line.phoneNumberId(), "593955551234", "Rosa", "Antes del cambio");
        Eventually.await("the event before the change", () -> demotedSocket.events.stream()
                .anyMatch(e -> e.contains("Antes del cambio")), seen -> seen);

        assertThat(admin.put("/api/users/" + demoted.id(), Map.of("displayName", "Demoted", "role", "AGENT",
                "language", "en", "departmentIds", Set.of())).status()).isEqualTo(200);

        assertThat(closedAtOnce(demotedSocket)).isEqualTo(OpenSockets.RIGHTS_CHANGED);
        assertThat(demotedSession.get("/api/auth/me").json().get("role").asString()).as("still signed in").isEqualTo("AGENT");
        var reconnected = EventSocket.of(port, demotedSession);
        phone.write(line.phoneNumberId(), "593955551234", "Rosa", "Después del cambio");
        Eventually.await("the administrator's event", () -> adminSocket.events.stream()
                .anyMatch(e -> e.contains("Después del cambio")), seen -> seen);
        assertThat(reconnected.drain("")).as("an agent outside the department sees nothing of the chat").isEmpty();
        assertThat(jdbc.sql("select count(*) from chats where connection_id = ?").param(line.connectionId())
                .query(Long.class).single()).isEqualTo(1);
    }

    private static CloseStatus closedAtOnce(EventSocket socket) {
        return Eventually.await("the socket closed", () -> Optional.ofNullable(socket.closeStatus()), Optional::isPresent,
                AT_ONCE).map(Objects::requireNonNull).orElseThrow();
    }
}
