package app.conversa.sandbox.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.Eventually;
import app.conversa.IntegrationTest;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The fake Evolution gateway's instances over real HTTP: keys, errors, the link's states and their webhooks. */
@IntegrationTest
class FakeEvolutionInstanceIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    SandboxGateway gateway;
    @Autowired
    SandboxGatewayChats chats;

    private WebhookReceiver receiver;
    private EvolutionCalls global;

    @BeforeEach
    void start() {
        receiver = new WebhookReceiver();
        global = new EvolutionCalls(port, EvolutionCalls.GLOBAL_KEY);
    }

    @AfterEach
    void stop() {
        gateway.silent(false);
        receiver.close();
    }

    @Test
    void onlyTheGlobalKeyCreatesAndAWrongKeyGetsEvolutionsEnvelope() throws Exception {
        var refused = global.withKey("wrong").post("/instance/create", Map.of("instanceName", "x-unauthorized",
                "integration", "WHATSAPP-BAILEYS"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().toString())
                .isEqualTo("{\"status\":401,\"error\":\"Unauthorized\",\"response\":{\"message\":\"Unauthorized\"}}");

        var created = TestInstances.create(global, receiver, true);
        var response = created.response();
        assertThat(created.token()).matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");
        assertThat(response.path("instance").path("status").asString()).isEqualTo("connecting");
        assertThat(response.path("webhook").path("webhookHeaders").path("authorization").asString())
                .isEqualTo("Bearer s3cret");
        var qrcode = response.path("qrcode");
        assertThat(qrcode.path("count").asInt()).isEqualTo(1);
        assertThat(qrcode.path("pairingCode").isNull()).isTrue();
        assertThat(decodeQr(qrcode.path("base64").asString())).isEqualTo(qrcode.path("code").asString())
                .startsWith("2@");

        var again = global.post("/instance/create", Map.of("instanceName", created.name(), "integration",
                "WHATSAPP-BAILEYS"));
        assertThat(again.status()).isEqualTo(403);
        assertThat(again.json().path("response").path("message").get(0).asString())
                .isEqualTo("This name \"" + created.name() + "\" is already in use.");
        var byToken = global.withKey(created.token()).post("/instance/create", Map.of("instanceName", "x-by-token",
                "integration", "WHATSAPP-BAILEYS"));
        assertThat(byToken.status()).isEqualTo(401);
        var unknown = global.get("/instance/connectionState/no-such-instance");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("response").path("message").get(0).asString())
                .isEqualTo("The \"no-such-instance\" instance does not exist");
        var otherToken = global.withKey("not-" + created.token()).get("/instance/connectionState/" + created.name());
        assertThat(otherToken.status()).isEqualTo(401);
    }

    @Test
    void scanningTheQrOpensTheLinkAndTheAppHearsItWithItsHeaders() {
        var created = TestInstances.create(global, receiver, true);
        var qr = receiver.await("qrcode.updated");
        assertThat(qr.data().path("qrcode").path("code").asString())
                .isEqualTo(created.response().path("qrcode").path("code").asString());

        gateway.scan(created.name(), "593991234567", "Acme Sales");

        var open = receiver.await("connection.update", data -> data.path("state").asString().equals("open"));
        assertThat(open.data().path("wuid").asString()).isEqualTo("593991234567@s.whatsapp.net");
        assertThat(open.data().path("profileName").asString()).isEqualTo("Acme Sales");
        assertThat(open.data().path("statusReason").asInt()).isEqualTo(200);
        assertThat(open.header("authorization")).isEqualTo("Bearer s3cret");
        assertThat(open.path()).isEqualTo("/hooks/evolution");
        var envelope = open.body();
        assertThat(envelope.path("instance").asString()).isEqualTo(created.name());
        assertThat(envelope.path("destination").asString()).isEqualTo(receiver.url());
        assertThat(envelope.path("sender").asString()).isEqualTo("593991234567@s.whatsapp.net");
        assertThat(envelope.path("server_url").asString()).isEqualTo("http://127.0.0.1:" + port + "/sandbox/evolution");
        assertThat(envelope.path("apikey").asString()).isEqualTo(created.token()).isNotEqualTo(EvolutionCalls.GLOBAL_KEY);
        assertThat(envelope.path("date_time").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        var byToken = global.withKey(created.token());
        assertThat(byToken.get("/instance/connectionState/" + created.name()).json().toString())
                .isEqualTo("{\"instance\":{\"instanceName\":\"" + created.name() + "\",\"state\":\"open\"}}");
        var rows = byToken.get("/instance/fetchInstances").json();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("ownerJid").asString()).isEqualTo("593991234567@s.whatsapp.net");
        assertThat(rows.get(0).path("connectionStatus").asString()).isEqualTo("open");
    }

    @Test
    void loggingOutClosesWith401AndTheNextConnectNeedsANewQr() {
        var created = TestInstances.linked(global, receiver, gateway, "593991234568");

        var logout = global.delete("/instance/logout/" + created.name());

        assertThat(logout.json().toString())
                .isEqualTo("{\"status\":\"SUCCESS\",\"error\":false,\"response\":{\"message\":\"Instance logged out\"}}");
        var closed = receiver.await("connection.update", data -> data.path("state").asString().equals("close"));
        assertThat(closed.data().path("statusReason").asInt()).isEqualTo(401);
        assertThat(receiver.await("status.instance").data().path("disconnectionReasonCode").asInt()).isEqualTo(401);
        assertThat(receiver.await("logout.instance").data().isNull()).isTrue();
        assertThat(global.delete("/instance/logout/" + created.name()).status()).isEqualTo(400);
        assertThat(global.post("/instance/restart/" + created.name(), Map.of()).status()).isEqualTo(400);
        var connect = global.get("/instance/connect/" + created.name()).json();
        assertThat(connect.path("code").asString()).startsWith("2@")
                .isNotEqualTo(created.response().path("qrcode").path("code").asString());
        assertThat(global.delete("/instance/delete/" + created.name()).json().path("response").path("message")
                .asString()).isEqualTo("Instance deleted");
        assertThat(global.get("/instance/connectionState/" + created.name()).status()).isEqualTo(404);
    }

    @Test
    void aPhoneThatLosesItsNetworkLeavesTheGatewayReconnectingWithoutACloseThenResumesWithoutAQr() {
        var created = TestInstances.linked(global, receiver, gateway, "593991234569");
        int qrsBefore = receiver.events("qrcode.updated").size();
        long before = receiver.events("connection.update").size();

        gateway.dropConnection(created.name());

        // as Evolution on a 408: no close webhook, it reconnects by itself and says "connecting"
        var connecting = Eventually.await("a new connecting", () -> receiver.events("connection.update").stream()
                .skip(before).filter(r -> r.data().path("state").asString().equals("connecting")).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(receiver.events("connection.update").stream().skip(before))
                .noneMatch(r -> r.data().path("state").asString().equals("close"));
        assertThat(receiver.events("logout.instance")).isEmpty();
        assertThat(global.get("/instance/connectionState/" + created.name()).json().path("instance").path("state").asString())
                .isEqualTo("connecting");
        assertThat(gateway.number(created.name()).offline()).isTrue();

        gateway.restoreConnection(created.name());
        Eventually.await("the link back open", () -> receiver.events("connection.update").stream()
                .filter(r -> r.at() > connecting.at() && r.data().path("state").asString().equals("open")).count(),
                count -> count == 1);
        assertThat(receiver.events("qrcode.updated")).hasSize(qrsBefore);
        assertThat(gateway.number(created.name()).state()).isEqualTo("open");
    }

    @Test
    void theQrGivesUpAtTheLimitWithRefused() {
        var created = TestInstances.create(global, receiver, true);
        for (int i = 1; i < 30; i++) {
            gateway.expireQr(created.name());
        }
        assertThat(gateway.number(created.name()).qrCount()).isEqualTo(30);

        gateway.expireQr(created.name());

        var refused = receiver.await("connection.update", data -> data.path("state").asString().equals("refused"));
        assertThat(refused.data().path("statusReason").asInt()).isEqualTo(428);
        var limit = receiver.await("qrcode.updated", data -> data.has("message"));
        assertThat(limit.data().path("message").asString()).isEqualTo("QR code limit reached, please login again");
        assertThat(limit.data().path("statusCode").asInt()).isEqualTo(500);
        assertThat(receiver.events("qrcode.updated")).hasSize(31);
        assertThat(global.get("/instance/connectionState/" + created.name()).json().path("instance").path("state")
                .asString()).isEqualTo("close");
    }

    @Test
    void aSilentGatewayAnswers503AndHoldsItsWebhooksUntilItIsBack() {
        var created = TestInstances.linked(global, receiver, gateway, "593991234570");
        gateway.silent(true);

        var answer = global.get("/instance/connectionState/" + created.name());
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.json().path("status").asInt()).isEqualTo(503);
        chats.write(created.name(), SandboxGateway.Customer.of("593987650010", "Rosa"), "¿Siguen abiertos?");
        long back = System.nanoTime();
        gateway.silent(false);

        var upsert = receiver.await("messages.upsert");
        assertThat(upsert.at()).isGreaterThan(back);
        assertThat(global.get("/instance/connectionState/" + created.name()).status()).isEqualTo(200);
    }

    @Test
    void webhooksAreRetriedUntilTakenButNotAfterA404() {
        var created = TestInstances.create(global, receiver, false);
        var webhook = Map.of("enabled", true, "url", receiver.url(), "byEvents", true,
                "events", java.util.List.of("CONNECTION_UPDATE", "QRCODE_UPDATED"));
        assertThat(global.post("/webhook/set/" + created.name(), Map.of("webhook", webhook)).status()).isEqualTo(201);
        assertThat(global.get("/webhook/find/" + created.name()).json().path("webhookByEvents").asBoolean()).isTrue();
        receiver.answer(500, 503, 404);

        global.get("/instance/connect/" + created.name());

        var qr = receiver.await("qrcode.updated");
        var connecting = receiver.events("connection.update");
        assertThat(connecting).hasSize(3).allMatch(r -> r.path().equals("/hooks/evolution/connection-update"));
        assertThat(connecting.getLast().body()).isEqualTo(connecting.getFirst().body());
        assertThat(receiver.events("qrcode.updated")).hasSize(1);
        assertThat(qr.path()).isEqualTo("/hooks/evolution/qrcode-updated");
    }

    private static String decodeQr(String dataUrl) throws Exception {
        byte[] png = Base64.getDecoder().decode(dataUrl.substring("data:image/png;base64,".length()));
        var image = ImageIO.read(new ByteArrayInputStream(png));
        // a drawn code, not a photo: PURE_BARCODE reads it exactly (the general finder misses some dense codes)
        var hints = java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE,
                com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                hints).getText();
    }
}
