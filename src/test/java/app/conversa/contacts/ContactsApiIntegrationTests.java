package app.conversa.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.Eventually;
import app.conversa.IntegrationTest;
import app.conversa.SandboxLines;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import app.conversa.sandbox.SandboxPhone;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Contacts and clients through the API: phones in E.164, scope, sensitive fields, review, no deletes. */
@IntegrationTest
class ContactsApiIntegrationTests {

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

    /** A national Ecuadorian mobile number, 099XXXXXXX (a valid range), unused so far. */
    private static String mobile() {
        return "099" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    }

    private static Map<String, Object> contact(String name, String phone, Long clientId) {
        var body = new HashMap<String, Object>();
        body.put("displayName", name);
        body.put("phone", phone);
        body.put("clientId", clientId);
        return body;
    }

    private static List<Long> ids(ApiSession session, String path) {
        var response = session.get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        var ids = new ArrayList<Long>();
        response.json().get("items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    @Test
    void aClientWithTwoContactsIsFoundByNameDocumentAndAnyRunOfPhoneDigits() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        String document = "17" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        var client = admin.post("/api/clients", Map.of("name", "Mercedes Ordóñez", "documentId", document,
                "balance", "1250.5", "currency", "USD", "daysOverdue", 45, "notes", "Prefiere que la llamen en la tarde"));
        assertThat(client.status()).as(client.body()).isEqualTo(201);
        long clientId = client.json().get("id").asLong();
        assertThat(client.json().get("balance").get("amount").asString()).isEqualTo("1250.50");

        String first = mobile();
        String second = mobile();
        var own = admin.post("/api/contacts", contact("Mercedes Ordóñez", first.substring(0, 3) + " " + first.substring(3), clientId));
        assertThat(own.status()).as(own.body()).isEqualTo(201);
        assertThat(own.json().get("phone").asString()).isEqualTo("+593" + first.substring(1));
        assertThat(own.json().get("reviewState").asString()).isEqualTo("VALIDATED");
        var relative = admin.post("/api/contacts", contact("Luis Ordóñez", "+593 " + second.substring(1), clientId));
        assertThat(relative.status()).isEqualTo(201);

        var read = admin.get("/api/clients/" + clientId).json();
        assertThat(read.get("documentId").asString()).isEqualTo(document);
        assertThat(read.get("daysOverdue").asInt()).isEqualTo(45);
        assertThat(read.get("contacts")).hasSize(2);
        assertThat(jdbc.sql("select count(*) from clients where id = ? and sensitive is not null and document_hash <> ?")
                .params(clientId, document).query(Long.class).single()).as("sealed at rest, the document only hashed").isEqualTo(1);

        assertThat(ids(admin, "/api/clients?q=" + document)).containsExactly(clientId);
        assertThat(ids(admin, "/api/clients?q=ordonez%20merc")).containsExactly(clientId);
        assertThat(ids(admin, "/api/clients?q=" + second.substring(3, 9))).as("a contact's phone").containsExactly(clientId);
        assertThat(ids(admin, "/api/contacts?q=" + first.substring(2, 8))).containsExactly(own.json().get("id").asLong());
        assertThat(ids(admin, "/api/contacts?q=" + first)).as("national form").containsExactly(own.json().get("id").asLong());

        var duplicate = admin.post("/api/contacts", contact("Otra persona", "+593" + first.substring(1), null));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("contact.phone_taken");
        var invalid = admin.post("/api/contacts", contact("Nadie", "12345", null));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("phone.invalid");
        assertThat(admin.post("/api/clients", Map.of("name", "Copia", "documentId", document)).code())
                .isEqualTo("client.document_taken");
    }

    @Test
    void agentsSeeOnlyTheirContactsQuickCreateForReviewAndNeverChangeSensitiveFields() {
        long department = accounts.department();
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var supervisorAccount = accounts.create(Role.SUPERVISOR, department);
        var supervisor = ApiSession.signedIn(port, supervisorAccount.login(), TestAccounts.PASSWORD);
        var agentAccount = accounts.create(Role.AGENT, department);
        var agent = ApiSession.signedIn(port, agentAccount.login(), TestAccounts.PASSWORD);
        long clientId = admin.post("/api/clients", Map.of("name", "Rodrigo Peña", "balance", "300", "daysOverdue", 10))
                .json().get("id").asLong();
        long contactId = admin.post("/api/contacts", contact("Rodrigo Peña", mobile(), clientId)).json().get("id").asLong();

        assertThat(agent.get("/api/contacts/" + contactId).status()).as("not the agent's").isEqualTo(404);
        assertThat(agent.get("/api/clients/" + clientId).status()).isEqualTo(404);
        assertThat(ids(agent, "/api/contacts?q=rodrigo%20pena")).isEmpty();

        assertThat(supervisor.post("/api/contacts/" + contactId + "/assignment", Map.of("userId", agentAccount.id())).status())
                .as("outside the supervisor's scope until held in the department").isEqualTo(404);
        assertThat(admin.post("/api/contacts/" + contactId + "/assignment", Map.of("userId", agentAccount.id())).status())
                .isEqualTo(200);
        assertThat(agent.get("/api/contacts/" + contactId).json().get("assignedUserId").asLong()).isEqualTo(agentAccount.id());
        var seen = agent.get("/api/clients/" + clientId).json();
        assertThat(seen.get("balance").get("amount").asString()).as("agents read balances (quick replies use them)")
                .isEqualTo("300.00");
        assertThat(supervisor.get("/api/contacts/" + contactId).status()).as("held in the department").isEqualTo(200);

        var change = Map.<String, Object>of("name", "Rodrigo Peña", "balance", "0", "daysOverdue", 0);
        assertThat(agent.put("/api/clients/" + clientId, change).status()).isEqualTo(403);
        assertThat(agent.put("/api/contacts/" + contactId, contact("Rodrigo P.", mobile(), clientId)).status()).isEqualTo(403);
        assertThat(admin.get("/api/clients/" + clientId).json().get("balance").get("amount").asString()).isEqualTo("300.00");

        // quick-create: the agent's contact waits for review and is theirs; the supervisor validates it
        var quick = agent.post("/api/contacts", contact("Carmen Vélez", mobile(), null));
        assertThat(quick.status()).as(quick.body()).isEqualTo(201);
        assertThat(quick.json().get("reviewState").asString()).isEqualTo("NEEDS_REVIEW");
        long quickId = quick.json().get("id").asLong();
        assertThat(ids(supervisor, "/api/contacts?reviewState=NEEDS_REVIEW&assignee=" + agentAccount.id())).contains(quickId);
        assertThat(supervisor.post("/api/contacts/" + quickId + "/validate", null).json().get("reviewState").asString())
                .isEqualTo("VALIDATED");

        // no deletes: inactivated contacts stay, and come back
        assertThat(supervisor.post("/api/contacts/" + quickId + "/inactivate", null).json().get("status").asString())
                .isEqualTo("INACTIVE");
        assertThat(ids(supervisor, "/api/contacts?status=INACTIVE&assignee=" + agentAccount.id())).containsExactly(quickId);
        assertThat(supervisor.post("/api/contacts/" + quickId + "/reactivate", null).json().get("status").asString())
                .isEqualTo("ACTIVE");
        assertThat(admin.send("DELETE", "/api/contacts/" + quickId, null).status()).isIn(404, 405);
    }

    @Test
    void sensitiveChangesNeedTheirOwnPermissionAndAreAuditedByFieldWithoutTheirValues() {
        long department = accounts.department();
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var supervisorAccount = accounts.create(Role.SUPERVISOR, department);
        var supervisor = ApiSession.signedIn(port, supervisorAccount.login(), TestAccounts.PASSWORD);
        var created = supervisor.post("/api/clients", Map.of("name", "Irene Salazar", "documentId", "0912345678",
                "balance", "80", "daysOverdue", 3));
        long clientId = created.json().get("id").asLong();

        var permissions = new ArrayList<String>();
        admin.get("/api/roles").json().get("roles").forEach(role -> {
            if (role.get("role").asString().equals("SUPERVISOR")) {
                role.get("permissions").forEach(permission -> permissions.add(permission.asString()));
            }
        });
        var without = new ArrayList<>(permissions);
        without.remove("contacts.edit_sensitive");
        assertThat(admin.put("/api/roles/SUPERVISOR/permissions", Map.of("permissions", without)).status()).isEqualTo(200);
        try {
            var refused = supervisor.put("/api/clients/" + clientId, Map.of("name", "Irene Salazar", "documentId", "0912345678",
                    "balance", "0", "daysOverdue", 3));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("client.sensitive_forbidden");
            var renamed = supervisor.put("/api/clients/" + clientId, Map.of("name", "Irene Salazar Mora", "documentId",
                    "0912345678", "balance", "80.00", "daysOverdue", 3));
            assertThat(renamed.status()).as("other fields stay editable").isEqualTo(200);
        } finally {
            admin.put("/api/roles/SUPERVISOR/permissions", Map.of("permissions", permissions));
        }
        assertThat(supervisor.put("/api/clients/" + clientId, Map.of("name", "Irene Salazar Mora", "documentId", "0912345678",
                "balance", "25.75", "daysOverdue", 0)).status()).isEqualTo(200);
        var audit = admin.get("/api/audit?action=client.sensitive_changed&size=50").json().get("items");
        var entry = audit.valueStream().filter(item -> item.get("targetId").asString().equals(Long.toString(clientId)))
                .findFirst().orElseThrow();
        assertThat(entry.get("details").get("fields").valueStream().map(field -> field.asString()))
                .containsExactly("balance", "daysOverdue");
        assertThat(audit.toString()).as("the append-only log never holds the values (issue 12, item 10)")
                .doesNotContain("25.75").doesNotContain("0912345678");
    }

    @Test
    void aCustomerWritingOnWhatsAppIsTheContactTypedByHand() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        String national = mobile();
        long typed = admin.post("/api/contacts", contact("Andrés Cevallos", national, null)).json().get("id").asLong();
        var line = lines.link(admin, port);
        phone.write(line.phoneNumberId(), "593" + national.substring(1), "Andrés C.", "Buenas tardes");
        long chatContact = Eventually.await("the chat", () -> jdbc.sql("select contact_id from chats where connection_id = ?")
                .param(line.connectionId()).query(Long.class).optional(), Optional::isPresent).get();
        assertThat(chatContact).isEqualTo(typed);
    }
}
