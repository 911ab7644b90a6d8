package app.conversa.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.Eventually;
import app.conversa.IntegrationTest;
import app.conversa.SandboxLines;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import app.conversa.sandbox.SandboxPhone;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The chat list's search and filters, participants, taking from the queue, states and the badges. */
@IntegrationTest
class InboxIntegrationTests {

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

    private static String randomPhone() {
        return "5939" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    }

    private long chatOf(SandboxLines.Line line, String waId, String name, String text) {
        phone.write(line.phoneNumberId(), waId, name, text);
        return Eventually.await("the chat of " + name, () -> jdbc.sql("""
                select c.id from chats c join contact_whatsapp_identities i on i.contact_id = c.contact_id
                    and i.connection_id = c.connection_id
                where c.connection_id = ? and i.wa_id = ? order by c.id desc fetch first 1 rows only""")
                .params(line.connectionId(), waId).query(Long.class).optional(), Optional::isPresent).get();
    }

    private static List<Long> ids(ApiSession session, String query) {
        var response = session.get("/api/chats?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        var ids = new ArrayList<Long>();
        response.json().get("items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    @Test
    void searchFindsNamesWithoutAccentsOrCaseAndPhonesByAnyRunOfDigits() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var line = lines.link(admin, port);
        String josePhone = randomPhone();
        long jose = chatOf(line, josePhone, "José Núñez", "Hola");
        long josefina = chatOf(line, randomPhone(), "JOSEFINA Ramos", "Buenas");
        long pedro = chatOf(line, randomPhone(), "Pedro Muñoz", "Buen día");
        String only = "connection=" + line.connectionId() + "&state=NEW&state=IN_PROGRESS&state=PENDING&q=";

        assertThat(ids(admin, only + "jose%20nun")).containsExactly(jose);
        assertThat(ids(admin, only + "NUN%20jos")).as("any word order").containsExactly(jose);
        assertThat(ids(admin, only + "jos")).containsExactlyInAnyOrder(jose, josefina);
        assertThat(ids(admin, only + "Jos%C3%A9")).as("accented query").containsExactlyInAnyOrder(jose, josefina);
        assertThat(ids(admin, only + "mu%C3%B1oz")).containsExactly(pedro);
        assertThat(ids(admin, only + "munoz")).containsExactly(pedro);
        assertThat(ids(admin, only + "ramos%25")).as("a % is a character, not a wildcard").isEmpty();

        String national = "0" + josePhone.substring(3); // 09XXXXXXXX, as written in Ecuador
        assertThat(ids(admin, only + josePhone)).containsExactly(jose);
        assertThat(ids(admin, only + "%2B" + josePhone)).as("with +").containsExactly(jose);
        assertThat(ids(admin, only + national)).as("national format").containsExactly(jose);
        assertThat(ids(admin, only + josePhone.substring(4, 10))).as("a run from the middle").containsExactly(jose);
        assertThat(ids(admin, only + "%2B593%20" + josePhone.substring(3, 5) + "%20" + josePhone.substring(5)))
                .as("spaced").containsExactly(jose);
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeatsWhileNewChatsArrive() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var line = lines.link(admin, port);
        var created = new ArrayList<Long>();
        for (int i = 0; i < 7; i++) {
            created.add(0, chatOf(line, randomPhone(), "Cliente " + i, "Hola " + i)); // newest first
        }
        String only = "/api/chats?size=3&connection=" + line.connectionId();
        var first = admin.get(only).json();
        var seen = new ArrayList<Long>();
        first.get("items").forEach(item -> seen.add(item.get("id").asLong()));
        String cursor = first.get("nextCursor").asString();
        long arrived = chatOf(line, randomPhone(), "Cliente nuevo", "Acabo de escribir"); // goes above the cursor
        while (cursor != null) {
            var page = admin.get(only + "&before=" + cursor).json();
            page.get("items").forEach(item -> seen.add(item.get("id").asLong()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        }
        assertThat(seen).as("every chat once, in activity order").containsExactlyElementsOf(created);
        assertThat(ids(admin, "size=3&connection=" + line.connectionId())).startsWith(arrived);
        assertThat(admin.get("/api/chats?before=not-a-cursor").code()).isEqualTo("chat.bad_cursor");
    }

    @Test
    void filtersCombineAndAgentsSeeOnlyTheirOwnChatsInEveryList() {
        long department = accounts.department();
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var supervisorAccount = accounts.create(Role.SUPERVISOR, department);
        var supervisor = ApiSession.signedIn(port, supervisorAccount.login(), TestAccounts.PASSWORD);
        var agentAccount = accounts.create(Role.AGENT, department);
        var agent = ApiSession.signedIn(port, agentAccount.login(), TestAccounts.PASSWORD);
        var colleague = accounts.create(Role.AGENT, department);
        var line = lines.link(admin, port, department, null);
        var otherLine = lines.link(admin, port);
        long first = chatOf(line, randomPhone(), "Ana Quito", "Hola");
        long second = chatOf(line, randomPhone(), "Bruno Loja", "Hola");
        long third = chatOf(line, randomPhone(), "Carla Ambato", "Hola");
        long elsewhere = chatOf(otherLine, randomPhone(), "Diego Cuenca", "Hola");
        supervisor.post("/api/chats/" + first + "/assignment", Map.of("userId", agentAccount.id()));
        supervisor.post("/api/chats/" + second + "/assignment", Map.of("userId", colleague.id()));

        String onLine = "connection=" + line.connectionId();
        assertThat(ids(supervisor, onLine)).containsExactlyInAnyOrder(first, second, third);
        assertThat(ids(supervisor, onLine + "&scope=UNASSIGNED")).containsExactly(third);
        assertThat(ids(supervisor, onLine + "&state=NEW")).containsExactly(third);
        assertThat(ids(supervisor, onLine + "&state=IN_PROGRESS&assignee=" + colleague.id())).containsExactly(second);
        assertThat(ids(supervisor, "department=" + department + "&" + onLine + "&q=loja")).containsExactly(second);
        assertThat(ids(supervisor, "connection=" + otherLine.connectionId())).as("outside the department").isEmpty();
        assertThat(ids(admin, "connection=" + otherLine.connectionId())).containsExactly(elsewhere);
        assertThat(admin.get("/api/chats?scope=SOMEONE").status()).isEqualTo(400);

        assertThat(ids(agent, onLine)).containsExactly(first);
        assertThat(ids(agent, onLine + "&scope=MINE")).containsExactly(first);
        assertThat(ids(agent, onLine + "&q=bruno")).as("search stays inside the agent's chats").isEmpty();
        assertThat(ids(agent, onLine + "&assignee=" + colleague.id())).as("filtering by another agent").isEmpty();

        // participants: the supervisor adds the agent to the colleague's chat, then removes them
        assertThat(supervisor.post("/api/chats/" + second + "/participants", Map.of("userId", agentAccount.id())).status())
                .isEqualTo(204);
        assertThat(ids(agent, onLine)).containsExactlyInAnyOrder(first, second);
        assertThat(ids(agent, onLine + "&scope=MINE")).containsExactlyInAnyOrder(first, second);
        var shared = agent.get("/api/chats/" + second).json();
        assertThat(shared.get("participants").get(0).get("id").asLong()).isEqualTo(agentAccount.id());
        assertThat(agent.post("/api/chats/" + second + "/messages", Map.of("idempotencyKey", "participant-writes-1",
                "text", "Le ayudo yo también")).status()).as("participants write").isEqualTo(202);
        assertThat(agent.send("DELETE", "/api/chats/" + second + "/participants/" + agentAccount.id(), null).status())
                .as("agents do not manage participants").isEqualTo(403);
        assertThat(supervisor.send("DELETE", "/api/chats/" + second + "/participants/" + agentAccount.id(), null).status())
                .isEqualTo(204);
        assertThat(agent.get("/api/chats/" + second).status()).isEqualTo(404);
        assertThat(ids(agent, onLine)).containsExactly(first);
        var outsider = accounts.create(Role.AGENT, accounts.department());
        assertThat(supervisor.post("/api/chats/" + second + "/participants", Map.of("userId", outsider.id())).code())
                .isEqualTo("chat.assignee_invalid");
        assertThat(admin.get("/api/audit?action=chat.participant_removed&size=50").json().get("items").toString())
                .contains("\"targetId\":\"" + second + "\"");
    }

    /** Runs {@code check} while the AGENT role has {@code chats.take} (not granted by default), then restores the role. */
    private static void withAgentsAllowedToTake(ApiSession admin, Runnable check) {
        var agentPermissions = new ArrayList<String>();
        admin.get("/api/roles").json().get("roles").forEach(role -> {
            if (role.get("role").asString().equals("AGENT")) {
                role.get("permissions").forEach(permission -> agentPermissions.add(permission.asString()));
            }
        });
        var granted = new ArrayList<>(agentPermissions);
        granted.add("chats.take");
        assertThat(admin.put("/api/roles/AGENT/permissions", Map.of("permissions", granted)).status()).isEqualTo(200);
        try {
            check.run();
        } finally {
            admin.put("/api/roles/AGENT/permissions", Map.of("permissions", agentPermissions));
        }
    }

    private static List<Long> allPages(ApiSession session, String query) {
        var seen = new ArrayList<Long>();
        String cursor = null;
        do {
            var response = session.get("/api/chats?size=2&" + query + (cursor == null ? "" : "&before=" + cursor));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            var page = response.json();
            page.get("items").forEach(item -> seen.add(item.get("id").asLong()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        return seen;
    }

    @Test
    void anAgentsPagesMergeHeldSharedAndQueuedChatsInActivityOrder() {
        long department = accounts.department();
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var supervisor = ApiSession.signedIn(port, accounts.create(Role.SUPERVISOR, department).login(), TestAccounts.PASSWORD);
        var agentAccount = accounts.create(Role.AGENT, department);
        var agent = ApiSession.signedIn(port, agentAccount.login(), TestAccounts.PASSWORD);
        var colleague = accounts.create(Role.AGENT, department);
        var line = lines.link(admin, port, department, null);
        var chats = new ArrayList<Long>();
        for (String name : List.of("Uno Held", "Dos Shared", "Tres Hidden", "Cuatro Held", "Cinco Queued", "Seis Queued")) {
            chats.add(chatOf(line, randomPhone(), name, "Hola"));
        }
        supervisor.post("/api/chats/" + chats.get(0) + "/assignment", Map.of("userId", agentAccount.id()));
        supervisor.post("/api/chats/" + chats.get(1) + "/assignment", Map.of("userId", colleague.id()));
        supervisor.post("/api/chats/" + chats.get(1) + "/participants", Map.of("userId", agentAccount.id()));
        supervisor.post("/api/chats/" + chats.get(2) + "/assignment", Map.of("userId", colleague.id()));
        supervisor.post("/api/chats/" + chats.get(3) + "/assignment", Map.of("userId", agentAccount.id()));

        withAgentsAllowedToTake(admin, () -> {
            String onLine = "connection=" + line.connectionId();
            // newest first: two in the queue, one held, one shared, one held; the colleague's own is not there
            var expected = List.of(chats.get(5), chats.get(4), chats.get(3), chats.get(1), chats.get(0));
            assertThat(allPages(agent, onLine)).as("held, shared and queued, merged page by page").isEqualTo(expected);
            assertThat(ids(agent, "size=50&" + onLine)).isEqualTo(expected);
            assertThat(allPages(agent, onLine + "&scope=MINE")).isEqualTo(List.of(chats.get(3), chats.get(1), chats.get(0)));
            assertThat(allPages(agent, onLine + "&state=NEW")).isEqualTo(List.of(chats.get(5), chats.get(4)));
            assertThat(allPages(agent, onLine + "&state=IN_PROGRESS&scope=UNASSIGNED")).isEmpty();
            assertThat(allPages(agent, onLine + "&q=held")).isEqualTo(List.of(chats.get(3), chats.get(0)));
            assertThat(allPages(supervisor, onLine)).isEqualTo(chats.reversed());
        });
    }

    @Test
    void countersFollowRepliesAndClosingAndStatesMoveBothWays() {
        long department = accounts.department();
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var agentAccount = accounts.create(Role.AGENT, department);
        var agent = ApiSession.signedIn(port, agentAccount.login(), TestAccounts.PASSWORD);
        var line = lines.link(admin, port, department, null, "Gracias por escribirnos");
        String waId = randomPhone();
        long chat = chatOf(line, waId, "Elena Manta", "Hola");
        phone.write(line.phoneNumberId(), waId, "Elena Manta", "¿Me ayudan?");
        Eventually.await("two messages", () -> admin.get("/api/chats/" + chat).json().get("pendingReplies").asInt(),
                pending -> pending == 2);
        assertThat(agent.get("/api/chats/counters").json().get("pendingReplies").asLong()).as("not the agent's yet").isZero();
        admin.post("/api/chats/" + chat + "/assignment", Map.of("userId", agentAccount.id()));
        var counters = agent.get("/api/chats/counters").json();
        assertThat(counters.get("pendingReplies").asLong()).isEqualTo(2);
        assertThat(counters.get("chatsAwaitingReply").asLong()).isEqualTo(1);

        agent.post("/api/chats/" + chat + "/messages", Map.of("idempotencyKey", "counter-reply-1", "text", "Claro"));
        assertThat(agent.get("/api/chats/counters").json().get("pendingReplies").asLong()).as("a reply clears it").isZero();

        assertThat(agent.post("/api/chats/" + chat + "/state", Map.of("state", "PENDING")).status()).isEqualTo(204);
        assertThat(ids(agent, "state=PENDING")).containsExactly(chat);
        phone.write(line.phoneNumberId(), waId, "Elena Manta", "Ya le envié el comprobante");
        Eventually.await("the customer's answer resumes it", () -> agent.get("/api/chats/" + chat).json().get("state").asString(),
                "IN_PROGRESS"::equals);
        assertThat(agent.get("/api/chats/counters").json().get("pendingReplies").asLong()).isEqualTo(1);
        assertThat(agent.post("/api/chats/" + chat + "/close", null).status()).isEqualTo(204);
        assertThat(agent.get("/api/chats/counters").json().get("pendingReplies").asLong()).as("closing clears it").isZero();
        assertThat(agent.post("/api/chats/" + chat + "/state", Map.of("state", "CLOSED")).code()).isEqualTo("chat.state_invalid");

        assertThat(agent.post("/api/chats/" + chat + "/state", Map.of("state", "IN_PROGRESS")).status()).as("reopen")
                .isEqualTo(204);
        assertThat(agent.get("/api/chats/" + chat).json().get("state").asString()).isEqualTo("IN_PROGRESS");
        agent.post("/api/chats/" + chat + "/close", null);

        phone.write(line.phoneNumberId(), waId, "Elena Manta", "Una pregunta más");
        var reopened = Eventually.await("the customer reopens it", () -> admin.get("/api/chats/" + chat).json(),
                view -> view.get("state").asString().equals("NEW"));
        assertThat(reopened.get("assignedUserId").isNull()).as("NEW: for anyone to take").isTrue();
        assertThat(jdbc.sql("select count(*) from chats where connection_id = ?").param(line.connectionId())
                .query(Long.class).single()).as("same chat, whole history").isEqualTo(1);
        assertThat(admin.get("/api/chats/" + chat + "/messages?size=200").json().get("items").size()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void agentsTakeNewChatsFromTheirQueueOnlyWhereTheMatrixAllowsIt() {
        long department = accounts.department();
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var firstAccount = accounts.create(Role.AGENT, department);
        var first = ApiSession.signedIn(port, firstAccount.login(), TestAccounts.PASSWORD);
        var second = ApiSession.signedIn(port, accounts.create(Role.AGENT, department).login(), TestAccounts.PASSWORD);
        var stranger = ApiSession.signedIn(port, accounts.create(Role.AGENT, accounts.department()).login(),
                TestAccounts.PASSWORD);
        var line = lines.link(admin, port, department, null);
        long chat = chatOf(line, randomPhone(), "Fabián Tena", "Hola");
        assertThat(first.post("/api/chats/" + chat + "/take", null).status()).as("not granted by default").isEqualTo(403);
        assertThat(first.get("/api/chats/" + chat).status()).isEqualTo(404);

        withAgentsAllowedToTake(admin, () -> {
            assertThat(ids(first, "connection=" + line.connectionId() + "&scope=UNASSIGNED")).containsExactly(chat);
            assertThat(ids(stranger, "connection=" + line.connectionId())).as("another department's queue").isEmpty();
            assertThat(first.post("/api/chats/" + chat + "/take", null).status()).isEqualTo(204);
            var taken = second.post("/api/chats/" + chat + "/take", null);
            assertThat(taken.status()).as("gone from the colleague's queue").isEqualTo(404);
            var view = first.get("/api/chats/" + chat).json();
            assertThat(view.get("assignedUserId").asLong()).isEqualTo(firstAccount.id());
            assertThat(view.get("state").asString()).isEqualTo("IN_PROGRESS");
            assertThat(ids(second, "connection=" + line.connectionId())).isEmpty();
        });
    }

    @Test
    void aNumbersAgentsAreTheOnlyAgentsWhoGetItsChatsOrSeeItsQueue() {
        long department = accounts.department();
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var supervisor = ApiSession.signedIn(port, accounts.create(Role.SUPERVISOR, department).login(), TestAccounts.PASSWORD);
        var allowedAccount = accounts.create(Role.AGENT, department);
        var otherAccount = accounts.create(Role.AGENT, department);
        var allowed = ApiSession.signedIn(port, allowedAccount.login(), TestAccounts.PASSWORD);
        var other = ApiSession.signedIn(port, otherAccount.login(), TestAccounts.PASSWORD);
        var line = lines.link(admin, port, null, null);

        var team = admin.put("/api/connections/" + line.connectionId() + "/team",
                Map.of("departmentId", department, "agentIds", List.of(allowedAccount.id())));
        assertThat(team.status()).as(team.body()).isEqualTo(200);
        assertThat(team.json().get("departmentId").asLong()).isEqualTo(department);
        assertThat(team.json().get("agentIds").get(0).asLong()).isEqualTo(allowedAccount.id());
        assertThat(admin.put("/api/connections/" + line.connectionId() + "/team",
                Map.of("departmentId", 999_999_999L, "agentIds", List.of())).code()).isEqualTo("connection.department_invalid");

        long chat = chatOf(line, randomPhone(), "Irene Mejía", "Hola");
        assertThat(admin.get("/api/chats/" + chat).json().get("departmentId").asLong()).as("the number's department").isEqualTo(department);
        var refused = supervisor.post("/api/chats/" + chat + "/assignment", Map.of("userId", otherAccount.id()));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("chat.assignee_not_on_number");
        assertThat(supervisor.post("/api/chats/" + chat + "/participants", Map.of("userId", otherAccount.id())).code())
                .isEqualTo("chat.assignee_not_on_number");

        withAgentsAllowedToTake(admin, () -> {
            assertThat(ids(allowed, "connection=" + line.connectionId() + "&scope=UNASSIGNED")).containsExactly(chat);
            assertThat(ids(other, "connection=" + line.connectionId())).as("not one of the number's agents").isEmpty();
            assertThat(other.post("/api/chats/" + chat + "/take", null).status()).isEqualTo(404);
        });
        var assigned = supervisor.post("/api/chats/" + chat + "/assignment", Map.of("userId", allowedAccount.id()));
        assertThat(assigned.status()).as(assigned.body()).isLessThan(300);

        // nobody listed again: every agent of the department may
        admin.put("/api/connections/" + line.connectionId() + "/team", Map.of("departmentId", department, "agentIds", List.of()));
        assertThat(supervisor.post("/api/chats/" + chat + "/participants", Map.of("userId", otherAccount.id())).status())
                .isLessThan(300);
    }
}
