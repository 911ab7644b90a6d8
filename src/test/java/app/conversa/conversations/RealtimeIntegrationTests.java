package app.conversa.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.EventSocket;
import app.conversa.Eventually;
import app.conversa.IntegrationTest;
import app.conversa.SandboxLines;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import app.conversa.sandbox.SandboxPhone;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/** STOMP at /ws: each user receives only the events of chats they may see, decided again at every event. */
@IntegrationTest
class RealtimeIntegrationTests {

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
    void onlyUsersWhoMaySeeAChatReceiveItsEventsAndReassignmentStopsThemAtOnce() throws Exception {
        long department = accounts.department();
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var first = accounts.create(Role.AGENT, department);
        var second = accounts.create(Role.AGENT, department);
        var outsider = accounts.create(Role.SUPERVISOR, accounts.department());
        var line = lines.link(admin, port, department, null);

        var adminSocket = new EventSocket(port, admin, "/user/queue/events");
        var firstSocket = new EventSocket(port, ApiSession.signedIn(port, first.login(), TestAccounts.PASSWORD), "/user/queue/events");
        var secondSocket = new EventSocket(port, ApiSession.signedIn(port, second.login(), TestAccounts.PASSWORD), "/user/queue/events");
        var outsiderSocket = new EventSocket(port, ApiSession.signedIn(port, outsider.login(), TestAccounts.PASSWORD), "/user/queue/events");

        phone.write(line.phoneNumberId(), "593955555555", "Marta", "Primer mensaje");
        long chatId = Eventually.await("the chat", () -> jdbc.sql("select id from chats where connection_id = ?")
                .param(line.connectionId()).query(Long.class).optional(), java.util.Optional::isPresent).get();
        Eventually.await("the administrator's event", () -> adminSocket.events.stream()
                .anyMatch(e -> e.contains("Primer mensaje")), seen -> seen);

        jdbc.sql("update chats set assigned_user_id = ? where id = ?").params(first.id(), chatId).update();
        phone.write(line.phoneNumberId(), "593955555555", "Marta", "Segundo mensaje");
        Eventually.await("the assigned agent's event", () -> firstSocket.events.stream()
                .anyMatch(e -> e.contains("Segundo mensaje") && e.contains("message.added")), seen -> seen);

        jdbc.sql("update chats set assigned_user_id = ? where id = ?").params(second.id(), chatId).update();
        firstSocket.drain("");
        phone.write(line.phoneNumberId(), "593955555555", "Marta", "Tercer mensaje");
        Eventually.await("the new agent's event", () -> secondSocket.events.stream()
                .anyMatch(e -> e.contains("Tercer mensaje")), seen -> seen);
        Eventually.await("the administrator's third event", () -> adminSocket.events.stream()
                .anyMatch(e -> e.contains("Tercer mensaje")), seen -> seen);

        assertThat(firstSocket.drain("")).as("reassigned away: nothing more").isEmpty();
        assertThat(secondSocket.drain("Primer mensaje")).isEmpty();
        assertThat(outsiderSocket.drain("")).as("another department's supervisor").isEmpty();
    }

    @Test
    void aRoleWithoutChatsReadReceivesNoChatEvents() throws Exception {
        long department = accounts.department();
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var supervisor = accounts.create(Role.SUPERVISOR, department);
        var line = lines.link(admin, port, department, null);
        var supervisorPermissions = new java.util.ArrayList<String>();
        admin.get("/api/roles").json().get("roles").forEach(role -> {
            if (role.get("role").asString().equals("SUPERVISOR")) {
                role.get("permissions").forEach(code -> supervisorPermissions.add(code.asString()));
            }
        });
        var withoutRead = new java.util.ArrayList<>(supervisorPermissions);
        withoutRead.remove("chats.read");
        admin.put("/api/roles/SUPERVISOR/permissions", java.util.Map.of("permissions", withoutRead));
        try {
            var adminSocket = new EventSocket(port, admin, "/user/queue/events");
            var supervisorSocket = new EventSocket(port, ApiSession.signedIn(port, supervisor.login(), TestAccounts.PASSWORD),
                    "/user/queue/events");

            phone.write(line.phoneNumberId(), "593955555577", "Lucía", "Mensaje del departamento");
            Eventually.await("the administrator's event", () -> adminSocket.events.stream()
                    .anyMatch(e -> e.contains("Mensaje del departamento")), seen -> seen);

            assertThat(supervisorSocket.drain("")).as("the department's chat, but no chats.read").isEmpty();
        } finally {
            admin.put("/api/roles/SUPERVISOR/permissions", java.util.Map.of("permissions", supervisorPermissions));
        }
    }

    @Test
    void aParticipantReceivesTheChatsEventsUntilRemoved() throws Exception {
        long department = accounts.department();
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var holder = accounts.create(Role.AGENT, department);
        var helper = accounts.create(Role.AGENT, department);
        var line = lines.link(admin, port, department, null);
        var helperSocket = new EventSocket(port, ApiSession.signedIn(port, helper.login(), TestAccounts.PASSWORD), "/user/queue/events");

        phone.write(line.phoneNumberId(), "593955555566", "Iván", "Hola");
        long chatId = Eventually.await("the chat", () -> jdbc.sql("select id from chats where connection_id = ?")
                .param(line.connectionId()).query(Long.class).optional(), java.util.Optional::isPresent).get();
        admin.post("/api/chats/" + chatId + "/assignment", java.util.Map.of("userId", holder.id()));
        admin.post("/api/chats/" + chatId + "/participants", java.util.Map.of("userId", helper.id()));
        phone.write(line.phoneNumberId(), "593955555566", "Iván", "Para el participante");
        Eventually.await("the participant's event", () -> helperSocket.events.stream()
                .anyMatch(e -> e.contains("Para el participante")), seen -> seen);

        assertThat(admin.send("DELETE", "/api/chats/" + chatId + "/participants/" + helper.id(), null).status()).isEqualTo(204);
        helperSocket.drain("");
        var adminSocket = new EventSocket(port, admin, "/user/queue/events");
        phone.write(line.phoneNumberId(), "593955555566", "Iván", "Ya no para el participante");
        Eventually.await("the administrator's event", () -> adminSocket.events.stream()
                .anyMatch(e -> e.contains("Ya no para el participante")), seen -> seen);
        assertThat(helperSocket.drain("")).as("removed: nothing more").isEmpty();
    }

    @Test
    void subscribingToAnythingButOnesOwnQueueIsRefused() throws Exception {
        var agent = accounts.create(Role.AGENT);
        var other = accounts.create(Role.AGENT);
        var socket = new EventSocket(port, ApiSession.signedIn(port, agent.login(), TestAccounts.PASSWORD),
                "/user/" + other.id() + "/queue/events");

        Eventually.await("the refusal", () -> socket.errors.size() + (socket.session.isConnected() ? 0 : 1), n -> n > 0);
    }

    @Test
    void theSocketNeedsASignedInSession() {
        var client = new WebSocketStompClient(new StandardWebSocketClient());
        var headers = new WebSocketHttpHeaders();
        headers.setOrigin("http://localhost:" + port);
        var attempt = client.connectAsync("ws://localhost:" + port + "/ws", headers, new StompSessionHandlerAdapter() { });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> attempt.get(10, TimeUnit.SECONDS))
                .hasStackTraceContaining("401");
    }
}
