package app.conversa.channels.cloudapi;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.IntegrationTest;
import app.conversa.TestAccounts;
import app.conversa.channels.ConnectionsIntegrationTests;
import app.conversa.channels.WebhookSignature;
import app.conversa.identity.Role;
import app.conversa.shared.SecretBox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Meta's side of the webhook, byte for byte: the handshake, signed and forged notifications. */
@IntegrationTest
class CloudApiWebhookIntegrationTests {

    /** A message webhook as Meta sends it (PROTOCOLS.md A1/A2): non-ASCII escaped as \\uXXXX, emoji as surrogate pairs. */
    private static final String NOTIFICATION = """
            {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":\
            {"messaging_product":"whatsapp","metadata":{"display_phone_number":"593991234567","phone_number_id":"%s"},\
            "contacts":[{"profile":{"name":"Jos\\u00e9 N\\u00fa\\u00f1ez"},"wa_id":"593987654321"}],\
            "messages":[{"from":"593987654321","id":"wamid.HBgMNTkzOTg3NjU0MzIxFQIAEhgg","timestamp":"1763712000",\
            "type":"text","text":{"body":"Hola \\ud83d\\ude00 \\u00bfcu\\u00e1nto debo?"}}]},"field":"messages"}]}]}""";

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SecretBox secrets;

    private final HttpClient http = HttpClient.newHttpClient();
    private long connectionId;
    private String phoneNumberId;

    @BeforeEach
    void linkAConnection() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        phoneNumberId = ConnectionsIntegrationTests.randomPhoneNumberId();
        connectionId = admin.post("/api/connections", ConnectionsIntegrationTests.newConnection(phoneNumberId))
                .json().get("id").asLong();
    }

    @Test
    void theHandshakeEchoesTheChallengeOnlyForTheVerifyToken() throws Exception {
        var accepted = get("?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=verify-" + phoneNumberId);
        var refused = get("?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess");

        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).isEqualTo("1158201444");
        assertThat(accepted.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(criticalEvents("channels.webhook_verification_failed")).isEqualTo(1);
        assertThat(get("?hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=verify-" + phoneNumberId).statusCode())
                .isEqualTo(403);
        var script = get("?hub.mode=subscribe&hub.challenge=%3Cscript%3E&hub.verify_token=verify-" + phoneNumberId);
        assertThat(script.statusCode()).isEqualTo(400);
        assertThat(script.body()).doesNotContain("<script>");
    }

    @Test
    void anInactiveConnectionRefusesANewHandshakeButKeepsStoringSignedCalls() throws Exception {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        admin.post("/api/connections/" + connectionId + "/inactivate", null);
        byte[] body = NOTIFICATION.formatted(phoneNumberId).getBytes(StandardCharsets.UTF_8);

        var handshake = get("?hub.mode=subscribe&hub.challenge=7&hub.verify_token=verify-" + phoneNumberId);
        var notification = post(body, signature("app-secret-" + phoneNumberId, body).toUpperCase().replace("SHA256=", "sha256="));

        assertThat(handshake.statusCode()).isEqualTo(403);
        assertThat(notification.statusCode()).as("Meta would retry a refused delivery for 7 days").isEqualTo(200);
    }

    @Test
    void aSignedNotificationIsStoredSealedExactlyAsReceivedBeforeTheOk() throws Exception {
        byte[] body = NOTIFICATION.formatted(phoneNumberId).getBytes(StandardCharsets.UTF_8);

        var response = post(body, signature("app-secret-" + phoneNumberId, body));

        assertThat(response.statusCode()).isEqualTo(200);
        var stored = jdbc.sql("select body from inbound_webhooks where connection_id = ?").param(connectionId)
                .query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("wamid", "Hola");
        assertThat(secrets.open(stored, "cloud_api_webhooks:" + connectionId)).isEqualTo(body);
    }

    @Test
    void forgedAndUnsignedNotificationsLeaveNothingButACriticalEvent() throws Exception {
        byte[] body = NOTIFICATION.formatted(phoneNumberId).getBytes(StandardCharsets.UTF_8);
        byte[] tampered = NOTIFICATION.formatted(phoneNumberId).replace("Hola", "Chao").getBytes(StandardCharsets.UTF_8);

        var forged = post(tampered, signature("app-secret-" + phoneNumberId, body));
        var wrongSecret = post(body, signature("someone-elses-secret", body));
        var garbage = post(body, "sha256=not-hex");
        var unsigned = post(body, null);

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(wrongSecret.statusCode()).isEqualTo(403);
        assertThat(garbage.statusCode()).isEqualTo(403);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from inbound_webhooks where connection_id = ?").param(connectionId)
                .query(Long.class).single()).isZero();
        // one event per reason: repeats within a minute are not recorded again, so forgers cannot flood the log
        assertThat(criticalEvents("channels.webhook_rejected")).isEqualTo(2);
    }

    @Test
    void aRotatedAppSecretAppliesToTheNextCall() throws Exception {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        byte[] body = NOTIFICATION.formatted(phoneNumberId).getBytes(StandardCharsets.UTF_8);
        assertThat(post(body, signature("app-secret-" + phoneNumberId, body)).statusCode()).isEqualTo(200);
        var edit = new java.util.HashMap<>(ConnectionsIntegrationTests.newConnection(phoneNumberId));
        edit.put("graphBaseUrl", "https://graph.facebook.com");
        edit.put("graphVersion", "v24.0");
        edit.put("appSecret", "rotated-" + phoneNumberId);
        assertThat(admin.put("/api/connections/" + connectionId, edit).status()).isEqualTo(200);

        assertThat(post(body, signature("rotated-" + phoneNumberId, body)).statusCode()).isEqualTo(200);
        assertThat(post(body, signature("app-secret-" + phoneNumberId, body)).statusCode()).isEqualTo(403);
    }

    @Test
    void aBodyFarLargerThanMetaSendsIsRefusedUnread() throws Exception {
        byte[] huge = new byte[CloudApiWebhookController.MAX_BODY_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');

        var response = post(huge, signature("app-secret-" + phoneNumberId, huge));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(jdbc.sql("select count(*) from inbound_webhooks where connection_id = ?").param(connectionId)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anUnknownConnectionIsAnsweredExactlyLikeAForgedCall() throws Exception {
        byte[] body = NOTIFICATION.formatted(phoneNumberId).getBytes(StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/cloudapi/987654321"))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", signature("app-secret-" + phoneNumberId, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        var unknownHandshake = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/webhooks/cloudapi/987654321?hub.mode=subscribe&hub.challenge=1&hub.verify_token=x")).build();

        var unknown = http.send(request, HttpResponse.BodyHandlers.ofString());
        var forged = post(body, signature("not-the-secret", body));

        assertThat(unknown.statusCode()).isEqualTo(forged.statusCode()).isEqualTo(403);
        assertThat(unknown.body().replace("/cloudapi/987654321", "/cloudapi/ID"))
                .isEqualTo(forged.body().replace("/cloudapi/" + connectionId, "/cloudapi/ID"));
        assertThat(http.send(unknownHandshake, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> get(String query) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url() + query)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(byte[] body, String signature) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url())).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String url() {
        return "http://localhost:" + port + "/webhooks/cloudapi/" + connectionId;
    }

    private static String signature(String appSecret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(WebhookSignature.sign(appSecret, body));
    }

    private long criticalEvents(String code) {
        return jdbc.sql("select count(*) from critical_events where code = ? and (details like ? or details like ?)")
                .params(code, "%\"connectionId\":" + connectionId + ",%", "%\"connectionId\":" + connectionId + "}%")
                .query(Long.class).single();
    }
}
