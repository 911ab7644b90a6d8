package app.conversa.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.IntegrationTest;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * One rule for what a user reads of a client (docs/client-data-visibility.md), on every path:
 * detail, list, search and export. Balance and days overdue for whoever sees the client; the
 * document id only with {@code contacts.edit_sensitive}.
 */
@IntegrationTest
class ClientDataVisibilityIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;

    private static String mobile() {
        return "+59399" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    }

    private record Fixture(ApiSession admin, long clientId, String family, String document) { }

    /** A client with a document id, a balance and days overdue, whose contact is the agent's. */
    private Fixture client(TestAccounts.Account agent) {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        String family = "Vera" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String document = "17" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        long clientId = admin.post("/api/clients", Map.of("name", "Julia " + family, "documentId", document,
                "balance", "412.30", "daysOverdue", 61)).json().get("id").asLong();
        var contact = new HashMap<String, Object>(Map.of("displayName", "Julia " + family, "phone", mobile(), "clientId", clientId));
        long contactId = admin.post("/api/contacts", contact).json().get("id").asLong();
        if (agent != null) {
            assertThat(admin.post("/api/contacts/" + contactId + "/assignment", Map.of("userId", agent.id())).status())
                    .isEqualTo(200);
        }
        return new Fixture(admin, clientId, family, document);
    }

    private static void readsBalanceButNoDocumentId(JsonNode client, String path) {
        assertThat(client.get("balance").get("amount").asString()).as(path).isEqualTo("412.30");
        assertThat(client.get("daysOverdue").asInt()).as(path).isEqualTo(61);
        assertThat(client.get("documentId").isNull()).as(path + ": documentId").isTrue();
    }

    @Test
    void anAgentReadsBalanceAndDaysOverdueButNoDocumentIdOnEveryPath() {
        long department = accounts.department();
        var agentAccount = accounts.create(Role.AGENT, department);
        var fixture = client(agentAccount);
        var agent = ApiSession.signedIn(port, agentAccount.login(), TestAccounts.PASSWORD);

        readsBalanceButNoDocumentId(agent.get("/api/clients/" + fixture.clientId()).json(), "detail");
        var list = agent.get("/api/clients").json().get("items");
        readsBalanceButNoDocumentId(list.valueStream().filter(item -> item.get("id").asLong() == fixture.clientId())
                .findFirst().orElseThrow(), "list");
        readsBalanceButNoDocumentId(agent.get("/api/clients?q=" + fixture.family()).json().get("items").get(0), "search by name");
        var byDocument = agent.get("/api/clients?q=" + fixture.document()).json().get("items");
        assertThat(byDocument).as("an id the customer tells the agent still finds the client").hasSize(1);
        readsBalanceButNoDocumentId(byDocument.get(0), "search by document id");
        assertThat(agent.get("/api/clients/" + fixture.clientId()).body()).doesNotContain(fixture.document());

        var administrator = fixture.admin().get("/api/clients/" + fixture.clientId()).json();
        assertThat(administrator.get("documentId").asString()).as("those who may change it read it").isEqualTo(fixture.document());
    }

    @Test
    void theExportFollowsTheSameRule() {
        var fixture = client(null);
        var exporter = ApiSession.bearer(port, fixture.admin().post("/api/tokens", Map.of("name", "reportes",
                "permissions", List.of("contacts.view.all", "contacts.export"))).json().get("secret").asString());

        String csv = new String(exporter.bytes("/api/contacts/export?q=" + fixture.family()), StandardCharsets.UTF_8);

        var row = csv.lines().skip(1).findFirst().orElseThrow();
        assertThat(row).contains(",Julia " + fixture.family() + ",,412.30,USD,61").doesNotContain(fixture.document());
        String full = new String(fixture.admin().bytes("/api/contacts/export?q=" + fixture.family()), StandardCharsets.UTF_8);
        assertThat(full).contains("," + fixture.document() + ",412.30,USD,61");
    }

    @Test
    void editingAClientWithoutTheDocumentIdInViewKeepsIt() {
        var fixture = client(null);
        var editor = ApiSession.bearer(port, fixture.admin().post("/api/tokens", Map.of("name", "edición",
                "permissions", List.of("contacts.read", "contacts.view.all", "contacts.manage"))).json().get("secret").asString());
        var shown = editor.get("/api/clients/" + fixture.clientId()).json();
        assertThat(shown.get("documentId").isNull()).isTrue();

        var edit = new HashMap<String, Object>(Map.of("name", "Julia " + fixture.family() + " Mora",
                "balance", shown.get("balance").get("amount").asString(), "daysOverdue", shown.get("daysOverdue").asInt()));
        var saved = editor.put("/api/clients/" + fixture.clientId(), edit);

        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(fixture.admin().get("/api/clients/" + fixture.clientId()).json().get("documentId").asString())
                .isEqualTo(fixture.document());
    }
}
