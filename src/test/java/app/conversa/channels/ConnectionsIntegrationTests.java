package app.conversa.channels;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.IntegrationTest;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import app.conversa.shared.SecretBox;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
public class ConnectionsIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SecretBox secrets;

    public static Map<String, Object> newConnection(String phoneNumberId) {
        var body = new HashMap<String, Object>();
        body.put("name", "Cobranzas oficial " + phoneNumberId);
        body.put("displayNumber", "+593 99 123 4567");
        body.put("phoneNumberId", phoneNumberId);
        body.put("wabaId", "102290129340398");
        body.put("accessToken", "EAAG-access-token-" + phoneNumberId);
        body.put("appSecret", "app-secret-" + phoneNumberId);
        body.put("verifyToken", "verify-" + phoneNumberId);
        body.put("welcomeMessage", "¡Hola! Gracias por escribirnos.");
        return body;
    }

    public static String randomPhoneNumberId() {
        return Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
    }

    @Test
    void anAdministratorAddsAConnectionWhoseSecretsNeverComeBackAndAreSealedAtRest() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        String phoneNumberId = randomPhoneNumberId();

        var created = admin.post("/api/connections", newConnection(phoneNumberId));

        assertThat(created.status()).isEqualTo(201);
        var json = created.json();
        assertThat(json.get("provider").asString()).isEqualTo("CLOUD_API");
        assertThat(json.get("graphBaseUrl").asString()).isEqualTo("https://graph.facebook.com");
        assertThat(json.get("graphVersion").asString()).isEqualTo("v24.0");
        assertThat(json.get("webhookUrl").asString())
                .isEqualTo("http://localhost:" + port + "/webhooks/cloudapi/" + json.get("id").asLong());
        assertThat(json.get("accessTokenSet").asBoolean()).isTrue();
        assertThat(created.body()).doesNotContain("EAAG-access-token", "app-secret-", "verify-" + phoneNumberId);
        var stored = jdbc.sql("select access_token, app_secret, verify_token from connections where id = ?")
                .param(json.get("id").asLong()).query((row, n) -> new String[] {row.getString(1), row.getString(2), row.getString(3)})
                .single();
        assertThat(String.join(" ", stored)).doesNotContain("EAAG-access-token", "app-secret-", "verify-");
        assertThat(secrets.openText(stored[0], "connections.access_token")).isEqualTo("EAAG-access-token-" + phoneNumberId);
        var audit = entryAbout(admin, "connection.created", json.get("id").asLong());
        assertThat(audit.toString()).contains(phoneNumberId).doesNotContain("EAAG-access-token");
    }

    @Test
    void editingKeepsSecretsLeftEmptyAndAuditsOnlyThatOthersWereReplaced() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        String phoneNumberId = randomPhoneNumberId();
        long id = admin.post("/api/connections", newConnection(phoneNumberId)).json().get("id").asLong();
        var edit = new HashMap<>(newConnection(phoneNumberId));
        edit.put("name", "Cobranzas principal");
        edit.put("graphBaseUrl", "https://graph.facebook.com");
        edit.put("graphVersion", "v24.0");
        edit.put("accessToken", null);
        edit.put("verifyToken", "");
        edit.put("appSecret", "rotated-app-secret");

        var updated = admin.put("/api/connections/" + id, edit);

        assertThat(updated.status()).isEqualTo(200);
        var stored = jdbc.sql("select access_token, app_secret, verify_token from connections where id = ?").param(id)
                .query((row, n) -> new String[] {row.getString(1), row.getString(2), row.getString(3)}).single();
        assertThat(secrets.openText(stored[0], "connections.access_token")).isEqualTo("EAAG-access-token-" + phoneNumberId);
        assertThat(secrets.openText(stored[1], "connections.app_secret")).isEqualTo("rotated-app-secret");
        assertThat(secrets.openText(stored[2], "connections.verify_token")).isEqualTo("verify-" + phoneNumberId);
        var audit = entryAbout(admin, "connection.updated", id).get("details");
        assertThat(audit.get("secretsReplaced").toString()).isEqualTo("[\"appSecret\"]");
        assertThat(audit.get("name").toString()).contains("Cobranzas principal");
        assertThat(audit.toString()).doesNotContain("rotated-app-secret");
    }

    @Test
    void movingTheGraphApiUrlNeedsTheAccessTokenTypedAgain() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        String phoneNumberId = randomPhoneNumberId();
        long id = admin.post("/api/connections", newConnection(phoneNumberId)).json().get("id").asLong();
        var edit = new HashMap<>(newConnection(phoneNumberId));
        edit.put("graphBaseUrl", "https://graph.example.org");
        edit.put("graphVersion", "v24.0");
        edit.put("accessToken", null);

        var refused = admin.put("/api/connections/" + id, edit);
        edit.put("accessToken", "EAAG-new-token");
        var accepted = admin.put("/api/connections/" + id, edit);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("connection.token_required_for_new_url");
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().get("graphBaseUrl").asString()).isEqualTo("https://graph.example.org");
    }

    private static tools.jackson.databind.JsonNode entryAbout(ApiSession admin, String action, long connectionId) {
        for (var entry : admin.get("/api/audit?size=200&action=" + action).json().get("items")) {
            if (entry.get("targetId").asString().equals(Long.toString(connectionId))) {
                return entry;
            }
        }
        throw new AssertionError("no " + action + " entry for connection " + connectionId);
    }

    @Test
    void aPhoneNumberIdIsLinkedOnceAndBadInputIsExplained() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD)
                .inLanguage("es");
        String phoneNumberId = randomPhoneNumberId();
        admin.post("/api/connections", newConnection(phoneNumberId));

        var twice = admin.post("/api/connections", newConnection(phoneNumberId));
        var invalid = admin.post("/api/connections", Map.of("name", "x", "phoneNumberId", "not-digits"));
        var nonAscii = new HashMap<>(newConnection(randomPhoneNumberId()));
        nonAscii.put("appSecret", "contraseña secreta");

        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("detail").asString()).contains(phoneNumberId);
        assertThat(invalid.json().get("errors").findValuesAsString("field"))
                .contains("phoneNumberId", "wabaId", "accessToken", "appSecret", "verifyToken", "displayNumber");
        assertThat(admin.post("/api/connections", nonAscii).json().get("errors").findValuesAsString("field"))
                .containsExactly("appSecret");
    }

    @Test
    void supervisorsSeeConnectionsButOnlyAdministratorsChangeThem() {
        long department = accounts.department();
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var supervisor = ApiSession.signedIn(port, accounts.create(Role.SUPERVISOR, department).login(), TestAccounts.PASSWORD);
        long id = admin.post("/api/connections", newConnection(randomPhoneNumberId())).json().get("id").asLong();
        admin.put("/api/connections/" + id + "/team", Map.of("departmentId", department, "agentIds", List.of()));

        assertThat(supervisor.get("/api/connections").json().findValuesAsString("id")).contains(Long.toString(id));
        assertThat(supervisor.post("/api/connections/" + id + "/inactivate", null).status()).isEqualTo(403);
        assertThat(admin.post("/api/connections/" + id + "/inactivate", null).json().get("active").asBoolean()).isFalse();
        assertThat(admin.post("/api/connections/" + id + "/reactivate", null).json().get("active").asBoolean()).isTrue();
    }
}
