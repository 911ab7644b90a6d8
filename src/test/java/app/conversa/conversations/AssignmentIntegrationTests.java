package app.conversa.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.Eventually;
import app.conversa.IntegrationTest;
import app.conversa.SandboxLines;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import app.conversa.sandbox.SandboxPhone;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Giving a chat to an agent: who may, to whom, and that the chat follows its holder (R5). */
@IntegrationTest
class AssignmentIntegrationTests {

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
    void aSupervisorGivesAChatToAnAgentOfTheDepartmentAndTheChatFollowsItsHolder() {
        long department = accounts.department();
        long otherDepartment = accounts.department();
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var supervisor = ApiSession.signedIn(port, accounts.create(Role.SUPERVISOR, department).login(), TestAccounts.PASSWORD);
        var first = accounts.create(Role.AGENT, department);
        var second = accounts.create(Role.AGENT, department);
        var elsewhere = accounts.create(Role.AGENT, otherDepartment);
        var firstAgent = ApiSession.signedIn(port, first.login(), TestAccounts.PASSWORD);
        var secondAgent = ApiSession.signedIn(port, second.login(), TestAccounts.PASSWORD);
        var line = lines.link(admin, port, department, null);
        phone.write(line.phoneNumberId(), "593966666666", "Lucía", "Necesito un convenio de pago");
        long chatId = Eventually.await("the chat", () -> jdbc.sql("select id from chats where connection_id = ?")
                .param(line.connectionId()).query(Long.class).optional(), java.util.Optional::isPresent).get();
        assertThat(firstAgent.get("/api/chats/" + chatId).status()).as("unassigned: not the agent's").isEqualTo(404);

        assertThat(assign(supervisor, chatId, first.id()).status()).isEqualTo(204);
        var held = firstAgent.get("/api/chats/" + chatId).json();
        assertThat(held.get("assignedUserId").asLong()).isEqualTo(first.id());
        assertThat(held.get("state").asString()).isEqualTo("IN_PROGRESS");
        assertThat(firstAgent.get("/api/chats").json().get("items").toString()).contains("\"id\":" + chatId + ",");

        assertThat(assign(supervisor, chatId, second.id()).status()).isEqualTo(204);
        assertThat(firstAgent.get("/api/chats/" + chatId).status()).as("reassigned away").isEqualTo(404);
        assertThat(firstAgent.get("/api/chats/" + chatId + "/messages").status()).isEqualTo(404);
        assertThat(secondAgent.get("/api/chats/" + chatId).status()).isEqualTo(200);

        var outOfScope = assign(supervisor, chatId, elsewhere.id());
        assertThat(outOfScope.status()).isEqualTo(400);
        assertThat(outOfScope.code()).isEqualTo("chat.assignee_invalid");
        assertThat(assign(admin, chatId, elsewhere.id()).status()).as("administrators choose anyone").isEqualTo(204);
        assertThat(assign(secondAgent, chatId, second.id()).status()).as("agents do not assign").isEqualTo(403);
        assertThat(assign(admin, chatId, null).status()).isEqualTo(204);
        assertThat(admin.get("/api/chats/" + chatId).json().get("assignedUserId").isNull()).isTrue();

        var otherSupervisor = ApiSession.signedIn(port, accounts.create(Role.SUPERVISOR, otherDepartment).login(),
                TestAccounts.PASSWORD);
        assertThat(assign(otherSupervisor, chatId, elsewhere.id()).status()).as("a chat outside the scope").isEqualTo(404);
        assertThat(admin.get("/api/audit?action=chat.assigned&size=50").json().get("items").size()).isGreaterThanOrEqualTo(4);
    }

    private static ApiSession.Response assign(ApiSession session, long chatId, Long userId) {
        var body = new HashMap<String, Object>();
        body.put("userId", userId);
        return session.post("/api/chats/" + chatId + "/assignment", body);
    }

}
