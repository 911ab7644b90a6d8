package app.conversa.channels.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.Eventually;
import app.conversa.IntegrationTest;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import app.conversa.sandbox.evolution.SandboxGateway;
import app.conversa.sandbox.evolution.SandboxGatewayChats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Gateway numbers end to end against the sandbox's Evolution API fake, over real HTTP both ways:
 * create, QR, scan, messages in and out (and typed on the phone), a dropped link turning red with
 * one alert and coming back by itself, a silent gateway, a logout, and webhooks without the
 * connection's secret refused with no side effect.
 */
@IntegrationTest
class EvolutionNumbersIntegrationTests {

    private static final Duration LINK_TIMEOUT = Duration.ofSeconds(30);

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
    app.conversa.shared.SecretBox secrets;

    private ApiSession admin;
    private long connectionId;
    private String instance;
    private String businessNumber;

    @BeforeEach
    void createANumber() {
        admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var configured = admin.put("/api/connections/gateway", Map.of("baseUrl", "http://127.0.0.1:" + port + "/sandbox/evolution",
                "apiKey", "sandbox-evolution-key", "callbackBaseUrl", "http://127.0.0.1:" + port));
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        assertThat(configured.json().get("apiKeySet").asBoolean()).isTrue();
        assertThat(configured.body()).doesNotContain("sandbox-evolution-key");

        var created = admin.post("/api/connections/gateway-numbers", Map.of("name", "Número 2",
                "welcomeMessage", "Hola, le atiende Cobranzas"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        connectionId = created.json().get("id").asLong();
        instance = created.json().get("instanceName").asString();
        assertThat(instance).startsWith("conversa-numero-2-");
        assertThat(created.json().get("provider").asString()).isEqualTo("EVOLUTION_API");
        assertThat(created.json().get("link").get("state").asString()).isEqualTo("QR_PENDING");
        businessNumber = "5939" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    }

    @AfterEach
    void gatewayAnswersAgain() {
        gateway.silent(false);
        gateway.inlineMediaOnly(false);
    }

    private JsonNode connection() {
        for (JsonNode connection : admin.get("/api/connections").json()) {
            if (connection.get("id").asLong() == connectionId) {
                return connection;
            }
        }
        throw new AssertionError("connection " + connectionId + " not listed");
    }

    private String linkState() {
        return connection().get("link").get("state").asString();
    }

    private void awaitLinkState(String state) {
        Eventually.await("link " + state, this::linkState, state::equals, LINK_TIMEOUT);
    }

    private void scan() {
        gateway.scan(instance, businessNumber, "Cobranzas Acme");
        awaitLinkState("CONNECTED");
    }

    @Test
    void aNumberShowsAQrIsLinkedByScanningItAndExchangesMessagesLikeAnOfficialOne() {
        var qr = admin.get("/api/connections/" + connectionId + "/qr");
        assertThat(qr.status()).isEqualTo(200);
        assertThat(qr.json().get("state").asString()).isEqualTo("QR_PENDING");
        assertThat(qr.json().get("qrImage").asString()).startsWith("data:image/png;base64,");
        assertThat(qr.headers().firstValue("Cache-Control")).contains("no-store");

        scan();
        assertThat(connection().get("displayNumber").asString()).isEqualTo("+" + businessNumber);
        assertThat(admin.get("/api/connections/" + connectionId + "/qr").json().get("qrImage").isNull()).isTrue();

        // a customer writes: the chat opens in the same inbox, marked with its connection, and gets the welcome
        var customer = SandboxGateway.Customer.of("5939876" + (10_000 + ThreadLocalRandom.current().nextInt(89_999)), "Ana Ruiz");
        phones.write(instance, customer, "Hola, ¿cuánto debo?");
        JsonNode chat = Eventually.await("the chat", () -> admin.get("/api/chats?connection=" + connectionId).json(),
                page -> page.get("items").size() == 1).get("items").get(0);
        assertThat(chat.get("connectionName").asString()).isEqualTo("Número 2");
        assertThat(chat.get("contact").get("displayName").asString()).isEqualTo("Ana Ruiz");
        assertThat(chat.get("contact").get("phone").asString()).isEqualTo("+" + customer.number());
        assertThat(chat.get("windowOpen").asBoolean()).isTrue();
        long chatId = chat.get("id").asLong();
        Eventually.await("the welcome on the customer's phone", () -> phones.conversation(instance, customer.number()),
                messages -> messages.stream().anyMatch(m -> "Hola, le atiende Cobranzas".equals(m.text())));

        // an agent answers: it reaches the phone and its status moves forward to read
        var sent = admin.post("/api/chats/" + chatId + "/messages", Map.of("text", "Son $120", "idempotencyKey",
                "evolution-reply-" + java.util.UUID.randomUUID()));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        long messageId = sent.json().get("id").asLong();
        Eventually.await("the answer on the customer's phone", () -> phones.conversation(instance, customer.number()),
                messages -> messages.stream().anyMatch(m -> "Son $120".equals(m.text())));
        Eventually.await("read receipt", () -> jdbc.sql("select status from messages where id = ?").param(messageId)
                .query(String.class).single(), "READ"::equals, LINK_TIMEOUT);

        // the owner types on the linked phone: an outgoing message authored by the phone
        phones.ownerWrites(instance, customer.number(), "Le escribo desde el celular");
        JsonNode fromPhone = Eventually.await("the phone's message", () -> admin.get("/api/chats/" + chatId + "/messages").json(),
                page -> page.toString().contains("Le escribo desde el celular"));
        JsonNode typed = null;
        for (JsonNode message : fromPhone.get("items")) {
            if ("Le escribo desde el celular".equals(message.path("text").asString(""))) {
                typed = message;
            }
        }
        assertThat(typed).isNotNull();
        assertThat(typed.get("direction").asString()).isEqualTo("OUT");
        assertThat(typed.get("authorType").asString()).isEqualTo("PHONE");
    }

    @Test
    void aPhoneThatLosesItsNetworkTurnsRedOnceAlertsAndComesBackWhenItIsOnline() {
        scan();
        // Evolution reconnects by itself and only says "connecting": red once that lasts too long
        gateway.dropConnection(instance);
        awaitLinkState("CONNECTING");
        awaitLinkState("DISCONNECTED");
        assertThat(connection().get("link").get("detail").asString()).isEqualTo("reconnecting");
        gateway.restoreConnection(instance);
        awaitLinkState("CONNECTED");

        // dropping again soon after: recorded, but the alert is not repeated (flapping)
        gateway.dropConnection(instance);
        awaitLinkState("DISCONNECTED");
        gateway.restoreConnection(instance);
        awaitLinkState("CONNECTED");

        var history = admin.get("/api/connections/" + connectionId + "/link-history").json();
        assertThat(history.toString()).contains("DISCONNECTED").contains("CONNECTING");
        long alerts = jdbc.sql("select count(*) from connection_links where connection_id = ? and alerted_at is not null")
                .param(connectionId).query(Long.class).single();
        assertThat(alerts).isEqualTo(1);
        long drops = jdbc.sql("""
                select count(*) from critical_events where code = 'channels.link_changed' and details like ?""")
                .param("%\"connectionId\":" + connectionId + ",%\"to\":\"DISCONNECTED\"%").query(Long.class).single();
        assertThat(drops).isEqualTo(2);
    }

    @Test
    void mediaSentInlineIsKeptEvenWhenTheGatewayCannotGiveItAgain() {
        scan();
        gateway.inlineMediaOnly(true); // WEBHOOK_BASE64 on, messages not stored: a download says "Message not found"
        byte[] pdf = "%PDF-1.7 estado de cuenta de marzo".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var customer = SandboxGateway.Customer.of("5939874" + (10_000 + ThreadLocalRandom.current().nextInt(89_999)), "Rosa Vera");
        phones.send(instance, customer, pdf, "application/pdf", "marzo.pdf", false, "mi estado");
        long mediaId = Eventually.await("the document", () -> jdbc.sql("""
                select md.id from media md join chats c on c.id = md.chat_id where c.connection_id = ?""")
                .param(connectionId).query(Long.class).optional(), java.util.Optional::isPresent).orElseThrow();
        var state = jdbc.sql("select state, attempts from media where id = ?").param(mediaId)
                .query((rs, row) -> rs.getString(1) + " after " + rs.getInt(2) + " failed downloads").single();
        assertThat(state).isEqualTo("STORED after 0 failed downloads");
        assertThat(admin.bytes("/api/media/" + mediaId)).isEqualTo(pdf);
    }

    @Test
    void aDropRightAfterALogoutStillAlerts() {
        // a logout (the phone unlinked, or an administrator here) is another kind of news than a drop:
        // it must not start the interval that keeps a flapping number's drops quiet
        scan();
        gateway.unlink(instance);
        awaitLinkState("LOGGED_OUT");
        assertThat(admin.post("/api/connections/" + connectionId + "/reconnect", Map.of()).status()).isEqualTo(200);
        scan();
        assertThat(admin.post("/api/connections/" + connectionId + "/logout", Map.of()).status()).isEqualTo(200);
        awaitLinkState("LOGGED_OUT");
        assertThat(admin.post("/api/connections/" + connectionId + "/reconnect", Map.of()).status()).isEqualTo(200);
        scan();
        var relinkedAt = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusSeconds(1);

        gateway.dropConnection(instance);
        awaitLinkState("DISCONNECTED");
        var alertedAt = jdbc.sql("select alerted_at from connection_links where connection_id = ?").param(connectionId)
                .query(java.time.OffsetDateTime.class).optional();
        assertThat(alertedAt).as("the drop alerted").isPresent();
        assertThat(alertedAt.get()).as("the drop alerted").isAfter(relinkedAt);
    }

    @Test
    void anInstanceLeftClosedIsReconnectedByConversaWithBackOff() {
        scan();
        gateway.closeQuietly(instance); // no webhook: only polling can tell
        awaitLinkState("DISCONNECTED");
        Eventually.await("reconnected", this::linkState, "CONNECTED"::equals, LINK_TIMEOUT);
        assertThat(jdbc.sql("select reconnect_attempts from connection_links where connection_id = ?").param(connectionId)
                .query(Integer.class).single()).as("reset once linked").isZero();
        assertThat(admin.get("/api/connections/" + connectionId + "/link-history").json().toString())
                .contains("DISCONNECTED");
    }

    @Test
    void aSilentGatewayIsNoticedByPollingAndTheNumberRecoversWhenItAnswersAgain() {
        scan();
        gateway.silent(true);
        awaitLinkState("DISCONNECTED");
        assertThat(connection().get("link").get("detail").asString()).isEqualTo("gateway_unreachable");
        gateway.silent(false);
        awaitLinkState("CONNECTED");
    }

    @Test
    void aLoggedOutNumberNeedsANewQrWhichReconnectGives() {
        scan();
        gateway.unlink(instance);
        awaitLinkState("LOGGED_OUT");
        assertThat(connection().get("link").get("reasonCode").asInt()).isEqualTo(401);
        var reconnect = admin.post("/api/connections/" + connectionId + "/reconnect", Map.of());
        assertThat(reconnect.status()).as(reconnect.body()).isEqualTo(200);
        assertThat(reconnect.json().get("link").get("state").asString()).isEqualTo("QR_PENDING");
        assertThat(admin.get("/api/connections/" + connectionId + "/qr").json().get("qrImage").asString())
                .startsWith("data:image/png;base64,");
        scan();
    }

    @Test
    void contactAndChatSyncsImportOnceHoweverOftenTheyRun() {
        scan();
        String known = "5939871" + (10_000 + ThreadLocalRandom.current().nextInt(89_999));
        String other = "5939872" + (10_000 + ThreadLocalRandom.current().nextInt(89_999));
        gateway.seedContact(instance, known, "Rosa Vera", "https://pps.whatsapp.net/v/rosa.jpg");
        gateway.seedContact(instance, other, "Pedro Mora", null);
        var now = java.time.Instant.now();
        gateway.seedHistory(instance, known, "Rosa Vera", false, "¿Me manda el estado de cuenta?", now.minus(Duration.ofDays(2)));
        gateway.seedHistory(instance, known, "Rosa Vera", true, "Claro, se lo envío hoy", now.minus(Duration.ofDays(2)).plusSeconds(60));
        gateway.seedHistory(instance, other, "Pedro Mora", false, "Mensaje de hace un mes", now.minus(Duration.ofDays(30)));

        for (int run = 1; run <= 2; run++) {
            var contacts = admin.post("/api/connections/" + connectionId + "/sync-contacts", Map.of());
            assertThat(contacts.status()).as(contacts.body()).isEqualTo(200);
            assertThat(contacts.json().get("contacts").asInt()).isGreaterThanOrEqualTo(2);
            var messages = admin.post("/api/connections/" + connectionId + "/sync-messages?days=7", Map.of());
            assertThat(messages.status()).as(messages.body()).isEqualTo(200);
            assertThat(messages.json().get("messages").asInt()).as("run " + run).isEqualTo(2);
        }
        assertThat(jdbc.sql("""
                select count(*) from contact_whatsapp_identities where connection_id = ? and wa_id in (?, ?)""")
                .params(connectionId, known, other).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select photo_url from contacts where phone = ?").param("+" + known).query(String.class).single())
                .isEqualTo("https://pps.whatsapp.net/v/rosa.jpg");
        var imported = jdbc.sql("""
                select m.direction, m.author_type, c.state from messages m join chats c on c.id = m.chat_id
                where m.connection_id = ? order by m.sent_at""").param(connectionId)
                .query((rs, row) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)).list();
        assertThat(imported).as("two messages from the last 7 days, once, in a closed chat: nobody's queue")
                .containsExactly("IN CUSTOMER CLOSED", "OUT PHONE CLOSED");
        assertThat(jdbc.sql("select count(*) from messages where connection_id = ? and author_type = 'SYSTEM'")
                .param(connectionId).query(Long.class).single()).as("no welcome for history").isZero();
    }

    @Test
    void aCustomerKnownByAPrivacyIdIsTheSameContactAsTheirNumber() {
        scan();
        String number = "5939873" + (10_000 + ThreadLocalRandom.current().nextInt(89_999));
        phones.write(instance, new SandboxGateway.Customer(number, "Lucía Paz", SandboxGateway.Addressing.LID), "Hola");
        phones.write(instance, SandboxGateway.Customer.of(number, "Lucía Paz"), "Soy yo otra vez");
        Eventually.await("both messages", () -> jdbc.sql("select count(*) from messages where connection_id = ? and direction = 'IN'")
                .param(connectionId).query(Long.class).single(), count -> count == 2);
        assertThat(jdbc.sql("select count(distinct contact_id) from contact_whatsapp_identities where connection_id = ?")
                .param(connectionId).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select wa_id from contact_whatsapp_identities where connection_id = ? order by wa_id")
                .param(connectionId).query(String.class).list())
                .containsExactlyInAnyOrder(number, gateway.lidOf(number) + "@lid");
        assertThat(jdbc.sql("select count(*) from chats where connection_id = ?").param(connectionId).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void aPrivacyIdSeenAloneFollowsTheContactItsNumberBelongsTo() {
        scan();
        String number = "5939875" + (10_000 + ThreadLocalRandom.current().nextInt(89_999));
        phones.write(instance, SandboxGateway.Customer.of(number, "Pablo Ron"), "Hola");
        phones.write(instance, new SandboxGateway.Customer(number, "Pablo Ron", SandboxGateway.Addressing.LID_ONLY), "Sin número");
        phones.write(instance, new SandboxGateway.Customer(number, "Pablo Ron", SandboxGateway.Addressing.LID), "Con los dos");
        phones.write(instance, new SandboxGateway.Customer(number, "Pablo Ron", SandboxGateway.Addressing.LID_ONLY), "Otra vez");
        Eventually.await("four messages", () -> jdbc.sql("select count(*) from messages where connection_id = ? and direction = 'IN'")
                .param(connectionId).query(Long.class).single(), count -> count == 4);
        long byPhone = jdbc.sql("select id from contacts where phone = ?").param("+" + number).query(Long.class).single();
        assertThat(jdbc.sql("select contact_id from contact_whatsapp_identities where connection_id = ? and wa_id = ?")
                .params(connectionId, gateway.lidOf(number) + "@lid").query(Long.class).single()).isEqualTo(byPhone);
        var last = jdbc.sql("""
                select c.contact_id from messages m join chats c on c.id = m.chat_id
                where m.connection_id = ? and m.direction = 'IN' order by m.id desc fetch first 1 rows only""")
                .param(connectionId).query(Long.class).single();
        assertThat(last).as("the last privacy-id-only message lands with the number's contact").isEqualTo(byPhone);
        assertThat(jdbc.sql("select count(*) from contacts where phone = ?").param("+" + number).query(Long.class).single())
                .as("never two contacts with one phone").isEqualTo(1);
    }

    @Test
    void webhooksWithoutTheConnectionsSecretAreRefusedAndLeaveNothing() throws Exception {
        // the gateway keeps delivering this number's real events meanwhile: look for the forged one itself
        long before = jdbc.sql("select coalesce(max(id), 0) from inbound_webhooks").query(Long.class).single();
        String body = """
                {"event":"messages.upsert","instance":"%s","data":{"key":{"remoteJid":"593987654321@s.whatsapp.net",\
                "fromMe":false,"id":"FORGED1"},"pushName":"x","message":{"conversation":"x"},"messageType":"conversation",\
                "messageTimestamp":1773027345}}""".formatted(instance);
        assertThat(post(connectionId, body, null)).isEqualTo(401);
        assertThat(post(connectionId, body, "guess")).isEqualTo(403);
        assertThat(post(999_999_999L, body, "guess")).isEqualTo(403);
        var stored = jdbc.sql("select connection_id, body from inbound_webhooks where id > ?").param(before)
                .query((rs, row) -> new String(secrets.open(rs.getBytes(2), "cloud_api_webhooks:" + rs.getLong(1)),
                        java.nio.charset.StandardCharsets.UTF_8)).list();
        assertThat(stored).noneMatch(text -> text.contains("FORGED1"));
        assertThat(jdbc.sql("select count(*) from messages where provider_message_id = 'FORGED1'").query(Long.class).single())
                .isZero();
    }

    @Test
    void aLateReportFromTheGatewayDoesNotUndoANewerState() throws Exception {
        scan();
        String secret = jdbc.sql("select webhook_secret from connections where id = ?").param(connectionId)
                .query(String.class).single();
        String clear = secrets.openText(secret, "connections.webhook_secret");
        String late = """
                {"event":"connection.update","instance":"%s","data":{"instance":"%s","state":"close","statusReason":408},                "date_time":"2000-01-01T00:00:00.000Z","sender":"x","server_url":"x","apikey":null}""".formatted(instance, instance);
        assertThat(post(connectionId, late, clear)).isEqualTo(200);
        String marker = "3EB0LATE" + ThreadLocalRandom.current().nextInt(1_000_000);
        phones.write(instance, SandboxGateway.Customer.of("5939874" + (10_000 + ThreadLocalRandom.current().nextInt(89_999)),
                "Marcador"), marker); // a later webhook: once it is stored, the late one was processed before it
        Eventually.await("the later message", () -> jdbc.sql("select count(*) from messages where connection_id = ?")
                .param(connectionId).query(Long.class).single(), count -> count >= 1);
        assertThat(linkState()).isEqualTo("CONNECTED");
        assertThat(admin.get("/api/connections/" + connectionId + "/link-history").json().toString())
                .doesNotContain("DISCONNECTED");
    }

    @Test
    void onlyAdministratorsAndTheNumbersOwnSupervisorsMaySeeItsQrOrReconnectIt() {
        long department = accounts.department();
        var own = ApiSession.signedIn(port, accounts.create(Role.SUPERVISOR, department).login(), TestAccounts.PASSWORD);
        var other = ApiSession.signedIn(port, accounts.create(Role.SUPERVISOR, accounts.department()).login(),
                TestAccounts.PASSWORD);
        assertThat(own.get("/api/connections/" + connectionId + "/qr").status()).as("no department yet").isEqualTo(404);
        var team = admin.put("/api/connections/" + connectionId + "/team", Map.of("departmentId", department,
                "agentIds", java.util.List.of()));
        assertThat(team.status()).as(team.body()).isEqualTo(200);
        assertThat(own.get("/api/connections/" + connectionId + "/qr").status()).isEqualTo(200);
        assertThat(own.get("/api/connections/" + connectionId + "/link-history").status()).isEqualTo(200);
        assertThat(other.get("/api/connections/" + connectionId + "/qr").status()).isEqualTo(404);
        assertThat(other.post("/api/connections/" + connectionId + "/reconnect", Map.of()).status()).isEqualTo(404);
        assertThat(other.get("/api/connections/" + connectionId + "/link-history").status()).isEqualTo(404);
    }

    @Test
    void anotherAddressForConversaRepointsEveryNumbersWebhook() throws Exception {
        var moved = admin.put("/api/connections/gateway", Map.of("baseUrl", "http://127.0.0.1:" + port + "/sandbox/evolution",
                "callbackBaseUrl", "http://localhost:" + port));
        try {
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
            var find = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sandbox/evolution/webhook/find/" + instance))
                    .header("apikey", "sandbox-evolution-key").GET().build();
            var webhook = tools.jackson.databind.json.JsonMapper.builder().build().readTree(
                    HttpClient.newHttpClient().send(find, HttpResponse.BodyHandlers.ofString()).body());
            assertThat(webhook.get("url").asString()).isEqualTo("http://localhost:" + port + "/webhooks/evolution/" + connectionId);
            scan(); // its events still arrive, at the new address
        } finally {
            admin.put("/api/connections/gateway", Map.of("baseUrl", "http://127.0.0.1:" + port + "/sandbox/evolution",
                    "callbackBaseUrl", "http://127.0.0.1:" + port));
        }
    }

    @Test
    void withThePhonesNumberTheQrComesWithAPairingCode() {
        var created = admin.post("/api/connections/gateway-numbers", Map.of("name", "Número con código",
                "phoneNumber", "593991234567"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var qr = admin.get("/api/connections/" + created.json().get("id").asLong() + "/qr").json();
        assertThat(qr.get("qrImage").asString()).startsWith("data:image/png;base64,");
        assertThat(qr.get("pairingCode").asString()).matches("[A-Z0-9]{8}");
        assertThat(admin.post("/api/connections/gateway-numbers", Map.of("name", "x", "phoneNumber", "12ab")).status())
                .isEqualTo(400);
    }

    @Test
    void theGatewaysApiKeyFieldIsNeverStored() {
        long before = jdbc.sql("select coalesce(max(id), 0) from inbound_webhooks").query(Long.class).single();
        scan(); // the fake puts the instance token in every envelope's apikey, as Evolution can
        var bodies = jdbc.sql("select body from inbound_webhooks where connection_id = ? and id > ?")
                .params(connectionId, before).query(byte[].class).list();
        assertThat(bodies).isNotEmpty();
        for (byte[] sealed : bodies) {
            String body = new String(secrets.open(sealed, "cloud_api_webhooks:" + connectionId),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(body).contains("\"instance\":\"" + instance + "\"").doesNotContain("apikey");
        }
    }

    @Test
    void deletingTheInstanceInactivatesTheConnectionAndKeepsItsHistory() {
        scan();
        var deleted = admin.post("/api/connections/" + connectionId + "/delete-instance", Map.of());
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.json().get("active").asBoolean()).isFalse();
        assertThat(deleted.json().get("link").get("state").asString()).isEqualTo("LOGGED_OUT");
        assertThat(admin.post("/api/connections/" + connectionId + "/reconnect", Map.of()).code())
                .isEqualTo("connection.inactive");

        // reactivated: the instance is made again and waits for a new scan
        var back = admin.post("/api/connections/" + connectionId + "/reactivate", Map.of());
        assertThat(back.status()).as(back.body()).isEqualTo(200);
        assertThat(back.json().get("active").asBoolean()).isTrue();
        assertThat(back.json().get("link").get("state").asString()).isEqualTo("QR_PENDING");
        assertThat(admin.get("/api/connections/" + connectionId + "/qr").json().get("qrImage").asString())
                .startsWith("data:image/png;base64,");
        scan();
    }

    private int post(long connection, String body, String secret) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/evolution/" + connection))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header(EvolutionGateway.SECRET_HEADER, secret);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
