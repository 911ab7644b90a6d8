package app.conversa.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.Eventually;
import app.conversa.IntegrationTest;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import app.conversa.sandbox.SandboxPhone;
import app.conversa.sandbox.evolution.SandboxGateway;
import app.conversa.sandbox.evolution.SandboxGatewayChats;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A node that crashed while sending through the Evolution gateway: on recovery the sender asks the
 * gateway's message store before sending again, so the customer gets the message once.
 */
@IntegrationTest
class GatewaySendRecoveryIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    SandboxGateway gateway;
    @Autowired
    SandboxGatewayChats phones;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MessageSealing sealing;
    @Autowired
    MeterRegistry meters;

    private ApiSession admin;
    private String instance;
    private String customer;
    private long chatId;

    @BeforeEach
    void aCustomerHasWrittenToAGatewayNumber() {
        admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        assertThat(admin.put("/api/connections/gateway", Map.of("baseUrl", "http://127.0.0.1:" + port + "/sandbox/evolution",
                "apiKey", "sandbox-evolution-key", "callbackBaseUrl", "http://127.0.0.1:" + port)).status()).isEqualTo(200);
        var created = admin.post("/api/connections/gateway-numbers", Map.of("name", "Recuperación"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long connectionId = created.json().get("id").asLong();
        instance = created.json().get("instanceName").asString();
        gateway.scan(instance, "5939" + (60_000_000 + ThreadLocalRandom.current().nextInt(9_999_999)), "Cobranzas");
        customer = "5939" + (50_000_000 + ThreadLocalRandom.current().nextInt(9_999_999));
        phones.write(instance, SandboxGateway.Customer.of(customer, "Luis Cedeño"), "¿Recibieron mi pago?");
        chatId = Eventually.await("the chat", () -> jdbc.sql("select id from chats where connection_id = ?")
                .param(connectionId).query(Long.class).optional(), java.util.Optional::isPresent, Duration.ofSeconds(20)).get();
    }

    @Test
    void aSendCutShortByACrashThatTheGatewayTookIsFoundThereAndNotSentAgain() throws Exception {
        double duplicatesBefore = possibleDuplicates();
        long id = CrashedSends.leftInMidSend(jdbc, sealing, chatId, "Sí, lo recibimos", Duration.ofSeconds(1));
        String gatewayId = sendAsTheCrashedNodeDid("Sí, lo recibimos");

        var read = Eventually.await("read", () -> message(id), m -> m.get("status").asString().equals("READ"),
                Duration.ofSeconds(20));
        assertThat(read.get("providerMessageId").asString()).isEqualTo(gatewayId);
        assertThat(sentByTheBusiness()).hasSize(1);
        assertThat(possibleDuplicates()).isEqualTo(duplicatesBefore);
    }

    @Test
    void aSendCutShortByACrashThatTheGatewayNeverGotIsSentAgainAsTheGatewayShowsItLacksIt() {
        double duplicatesBefore = possibleDuplicates();
        long id = CrashedSends.leftInMidSend(jdbc, sealing, chatId, "Le confirmamos mañana", Duration.ofSeconds(11));

        var read = Eventually.await("read", () -> message(id), m -> m.get("status").asString().equals("READ"),
                Duration.ofSeconds(20));
        var sent = sentByTheBusiness();
        assertThat(sent).hasSize(1);
        assertThat(read.get("providerMessageId").asString()).isEqualTo(sent.getFirst().id());
        assertThat(possibleDuplicates()).as("the gateway showed it did not have it: not a duplicate").isEqualTo(duplicatesBefore);
    }

    /** The crashed node's send: it reached the gateway, which took it, but the answer was lost. */
    private String sendAsTheCrashedNodeDid(String text) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sandbox/evolution/message/sendText/"
                        + instance))
                .header("apikey", "sandbox-evolution-key").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("number", customer, "text", text))))
                .build();
        try (var http = HttpClient.newHttpClient()) {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            return JSON.readTree(response.body()).get("key").get("id").asString();
        }
    }

    private java.util.List<SandboxPhone.PhoneMessage> sentByTheBusiness() {
        return phones.conversation(instance, customer).stream().filter(m -> !m.fromCustomer()).toList();
    }

    private double possibleDuplicates() {
        return meters.counter(SendAlarms.POSSIBLE_DUPLICATES).count();
    }

    private JsonNode message(long id) {
        for (var message : admin.get("/api/chats/" + chatId + "/messages").json().get("items")) {
            if (message.get("id").asLong() == id) {
                return message;
            }
        }
        throw new AssertionError("no message " + id);
    }
}
