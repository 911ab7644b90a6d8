package app.conversa.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.Eventually;
import app.conversa.IntegrationTest;
import app.conversa.SandboxLines;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Meta's webhooks, byte for byte, through the real endpoint into chats and messages: every
 * message and status type of PROTOCOLS.md A2/A3 in one batch of several entries and changes,
 * duplicates and concurrent copies, and statuses in every order.
 */
@IntegrationTest
class CloudApiInboundIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    SandboxLines lines;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MessageSealing sealing;
    @Autowired
    app.conversa.sandbox.SandboxPhone phone;

    private ApiSession admin;
    private SandboxLines.Line line;

    @BeforeEach
    void linkANumber() {
        admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        line = lines.link(admin, port);
    }

    @Test
    void everyMessageTypeOfABatchIsStoredAndTheMalformedItemsAreQuarantined() throws Exception {
        String batch = new String(getClass().getResourceAsStream("/cloudapi/every-type-batch.json").readAllBytes(),
                StandardCharsets.UTF_8).replace("PNID", line.phoneNumberId());

        assertThat(post(batch).statusCode()).isEqualTo(200);
        awaitProcessed();

        var kinds = jdbc.sql("select provider_message_id, kind from messages where connection_id = ? order by id")
                .param(line.connectionId()).query((rs, row) -> rs.getString(1) + "=" + rs.getString(2)).list();
        assertThat(kinds).containsExactly("wamid.T-text=TEXT", "wamid.T-image=IMAGE", "wamid.T-voice=AUDIO",
                "wamid.T-document=DOCUMENT", "wamid.T-video=VIDEO", "wamid.T-sticker=STICKER",
                "wamid.T-location=LOCATION", "wamid.T-contacts=CONTACTS", "wamid.T-button-reply=INTERACTIVE_REPLY",
                "wamid.T-list-reply=INTERACTIVE_REPLY", "wamid.T-template-button=BUTTON_REPLY",
                "wamid.T-reaction=REACTION", "wamid.T-unsupported=UNSUPPORTED", "wamid.T-system=SYSTEM",
                "wamid.T-order=ORDER");
        var quarantined = jdbc.sql("select reason from inbound_quarantine where connection_id = ? order by id")
                .param(line.connectionId()).query(String.class).list();
        assertThat(quarantined).containsExactly("message: missing timestamp", "status: unknown status 'teleported'",
                "phone_number_id '123450000' is not a connection of this app");

        var listed = admin.get("/api/chats");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        var chats = new ArrayList<tools.jackson.databind.JsonNode>();
        listed.json().get("items").forEach(chat -> {
            if (chat.get("connectionId").asLong() == line.connectionId()) {
                chats.add(chat);
            }
        });
        assertThat(chats).hasSize(2);
        var jose = chats.get(1);
        assertThat(jose.get("contact").get("displayName").asString()).isEqualTo("José Núñez");
        assertThat(jose.get("contact").get("phone").asString()).isEqualTo("+593987654321");
        assertThat(jose.get("state").asString()).isEqualTo("NEW");
        assertThat(jose.get("pendingReplies").asInt()).as("a reaction awaits no reply").isEqualTo(12);
        assertThat(chats.get(0).get("contact").get("displayName").asString()).isEqualTo("Ana 😀");

        var messages = admin.get("/api/chats/" + jose.get("id").asLong() + "/messages?size=50").json().get("items");
        var byId = new java.util.HashMap<String, tools.jackson.databind.JsonNode>();
        var ids = jdbc.sql("select id, provider_message_id from messages where connection_id = ?").param(line.connectionId())
                .query((rs, row) -> Map.entry(rs.getLong(1), rs.getString(2))).list();
        for (var message : messages) {
            ids.stream().filter(e -> e.getKey() == message.get("id").asLong()).findFirst()
                    .ifPresent(e -> byId.put(e.getValue(), message));
        }
        assertThat(byId.get("wamid.T-text").get("text").asString()).isEqualTo("Hola 😀 ¿cuánto debo?");
        assertThat(byId.get("wamid.T-text").get("authorType").asString()).isEqualTo("CUSTOMER");
        assertThat(byId.get("wamid.T-image").get("text").asString()).isEqualTo("Mi comprobante");
        assertThat(byId.get("wamid.T-image").get("media").get("mimeType").asString()).isEqualTo("image/jpeg");
        assertThat(byId.get("wamid.T-voice").get("media").get("voice").asBoolean()).isTrue();
        assertThat(byId.get("wamid.T-document").get("media").get("filename").asString()).isEqualTo("estado.pdf");
        assertThat(byId.get("wamid.T-location").get("details").get("latitude").asDouble()).isEqualTo(-0.180653);
        assertThat(byId.get("wamid.T-location").get("details").get("longitude").asDouble()).isEqualTo(-78.467834);
        assertThat(byId.get("wamid.T-contacts").get("text").asString()).isEqualTo("María Pérez");
        assertThat(byId.get("wamid.T-button-reply").get("text").asString()).isEqualTo("Pagar hoy");
        assertThat(byId.get("wamid.T-button-reply").get("replyToProviderId").asString()).isEqualTo("wamid.OUT-1");
        assertThat(byId.get("wamid.T-list-reply").get("details").get("description").asString()).isEqualTo("Sin intereses");
        assertThat(byId.get("wamid.T-template-button").get("details").get("payload").asString()).isEqualTo("PAID_42");
        assertThat(byId.get("wamid.T-reaction").get("text").asString()).isEqualTo("👍");
        assertThat(byId.get("wamid.T-unsupported").get("details").get("type").asString()).isEqualTo("poll");

        byte[] storedText = jdbc.sql("select body from messages where provider_message_id = 'wamid.T-text' and connection_id = ?")
                .param(line.connectionId()).query(byte[].class).single();
        assertThat(new String(storedText, StandardCharsets.ISO_8859_1)).as("sealed at rest").doesNotContain("Hola");
        assertThat(sealing.openBody(storedText)).isEqualTo("Hola 😀 ¿cuánto debo?");
        assertThat(jdbc.sql("""
                select error_code from message_status_reports where connection_id = ? and provider_message_id = 'wamid.UNKNOWN-OUT'""")
                .param(line.connectionId()).query(String.class).single()).isEqualTo("131026");
    }

    @Test
    void theSameWebhookTwiceAndFiveConcurrentCopiesStoreOneMessage() throws Exception {
        String single = text("wamid.DUP-1", "Hola");
        assertThat(post(single).statusCode()).isEqualTo(200);
        assertThat(post(single).statusCode()).isEqualTo(200);
        String concurrent = text("wamid.DUP-2", "¿Me ayudan?");
        var copies = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 5; i++) {
            copies.add(() -> post(concurrent).statusCode());
        }
        try (var pool = Executors.newFixedThreadPool(5)) {
            for (var status : pool.invokeAll(copies)) {
                assertThat(status.get()).isEqualTo(200);
            }
        }
        awaitProcessed();

        assertThat(count("select count(*) from inbound_webhooks where connection_id = ?")).isEqualTo(7);
        assertThat(count("select count(*) from messages where connection_id = ?")).isEqualTo(2);
        assertThat(count("select count(*) from chats where connection_id = ?")).as("one open chat").isEqualTo(1);
        assertThat(count("select pending_replies from chats where connection_id = ?")).isEqualTo(2);
    }

    @Test
    void theHandlerItselfStoresOneMessageUnderFiveConcurrentCalls() throws Exception {
        // the drainer is single-threaded per node; several nodes, or a redelivery racing a sweep, call in parallel
        var handler = handlerUnderTest;
        var event = new app.conversa.channels.InboundEvent.MessageReceived(line.connectionId(), "wamid.RACE-1",
                new app.conversa.channels.InboundEvent.Customer("593900000001", "Carla"), java.time.Instant.now(),
                app.conversa.channels.MessageKind.TEXT, "carrera", null, null, Map.of());
        var calls = new ArrayList<Callable<Void>>();
        for (int i = 0; i < 5; i++) {
            calls.add(() -> {
                handler.handle(event);
                return null;
            });
        }
        try (var pool = Executors.newFixedThreadPool(5)) {
            for (var call : pool.invokeAll(calls)) {
                call.get();
            }
        }
        assertThat(count("select count(*) from messages where connection_id = ?")).isEqualTo(1);
        assertThat(count("select count(*) from chats where connection_id = ?")).isEqualTo(1);
        assertThat(count("select count(*) from contact_whatsapp_identities where connection_id = ?")).isEqualTo(1);
    }

    @Autowired
    InboundMessages handlerUnderTest;

    @Test
    void statusesInEveryOrderEndAtTheHighestState() throws Exception {
        String[] statuses = {"sent", "delivered", "read"};
        int[][] orders = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        assertThat(post(text("wamid.CUSTOMER-1", "Hola")).statusCode()).isEqualTo(200);
        awaitProcessed();
        long chatId = count("select id from chats where connection_id = ?");
        for (int i = 0; i < orders.length; i++) {
            String wamid = "wamid.OUT-ORDER-" + i;
            insertSentMessage(chatId, wamid);
            for (int step : orders[i]) {
                assertThat(post(status(wamid, statuses[step], null)).statusCode()).isEqualTo(200);
            }
            // a duplicate and a late failure change nothing once read
            post(status(wamid, "sent", null));
            post(status(wamid, "failed", "131026"));
        }
        awaitProcessed();
        var finals = jdbc.sql("select status from messages where connection_id = ? and direction = 'OUT'")
                .param(line.connectionId()).query(String.class).list();
        assertThat(finals).hasSize(6).containsOnly("READ");
        assertThat(count("select count(*) from messages where connection_id = ? and read_at is not null and sent_at is not null"
                + " and delivered_at is not null and direction = 'OUT'")).isEqualTo(6);

        String failed = "wamid.OUT-FAILED";
        insertSentMessage(chatId, failed);
        post(status(failed, "failed", "131026"));
        post(status(failed, "sent", null));
        awaitProcessed();
        var row = jdbc.sql("select status, error_code, error_reason from messages where provider_message_id = ?")
                .param(failed).query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).single();
        assertThat(row).containsExactly("FAILED", "131026", "Receiver is incapable of receiving this message");
    }

    @Test
    void aBadItemDeliveredFiveTimesIsQuarantinedOnceAndCounted() {
        String bad = text("wamid.BAD-1", "Hola").replace("\"timestamp\":\"1763712000\",", "");
        for (int delivery = 1; delivery <= 5; delivery++) {
            assertThat(post(bad).statusCode()).isEqualTo(200);
            awaitProcessed(); // one at a time, as Meta retries
        }
        var rows = jdbc.sql("select reason, deliveries from inbound_quarantine where connection_id = ?")
                .param(line.connectionId()).query((rs, row) -> rs.getString(1) + " x" + rs.getInt(2)).list();
        assertThat(rows).containsExactly("message: missing timestamp x5");
        String connection = "\"connectionId\":" + line.connectionId();
        assertThat(jdbc.sql("""
                select count(*) from critical_events where code = 'channels.webhook_item_quarantined'
                and (details like ? or details like ?)""").params("%" + connection + ",%", "%" + connection + "}%")
                .query(Long.class).single()).as("one critical event").isEqualTo(1);

        // another bad item is a row of its own
        assertThat(post(text("wamid.BAD-2", "Hola").replace("\"timestamp\":\"1763712000\",", "")).statusCode()).isEqualTo(200);
        awaitProcessed();
        assertThat(count("select count(*) from inbound_quarantine where connection_id = ?")).isEqualTo(2);
    }

    @Test
    void aCustomerKnownOnlyByAUserIdGetsAChatIsAnsweredAndLearnsTheirNumberLater() {
        String userId = "US." + System.nanoTime();
        assertThat(post(fromCustomer(null, userId, "wamid.BSUID-1", "Hola, soy Vale")).statusCode()).isEqualTo(200);
        awaitProcessed();
        assertThat(count("select count(*) from inbound_quarantine where connection_id = ?")).isZero();
        var chat = onlyChat();
        assertThat(chat.get("contact").get("displayName").asString()).isEqualTo("Vale");
        assertThat(chat.get("contact").get("phone").isNull()).as("the number is unknown").isTrue();
        long chatId = chat.get("id").asLong();

        // the answer goes to the user id: the fake Meta takes it only as "recipient", and its ticks come back
        var sent = admin.post("/api/chats/" + chatId + "/messages", Map.of("text", "Hola Vale, ¿en qué le ayudo?",
                "idempotencyKey", "bsuid-" + userId));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        long messageId = sent.json().get("id").asLong();
        Eventually.await("the answer on the customer's phone", () -> phone.conversation(line.phoneNumberId(), userId),
                messages -> messages.stream().anyMatch(m -> "Hola Vale, ¿en qué le ayudo?".equals(m.text())));
        Eventually.await("read receipt", () -> jdbc.sql("select status from messages where id = ?").param(messageId)
                .query(String.class).single(), "READ"::equals);

        // a later webhook carries both: the same contact learns its number, the same chat goes on
        assertThat(post(fromCustomer("593955500111", userId, "wamid.BSUID-2", "Mi número")).statusCode()).isEqualTo(200);
        assertThat(post(fromCustomer("593955500111", null, "wamid.BSUID-3", "Solo número")).statusCode()).isEqualTo(200);
        assertThat(post(fromCustomer(null, userId, "wamid.BSUID-4", "Solo usuario")).statusCode()).isEqualTo(200);
        awaitProcessed();
        chat = onlyChat();
        assertThat(chat.get("id").asLong()).isEqualTo(chatId);
        assertThat(chat.get("contact").get("phone").asString()).isEqualTo("+593955500111");
        assertThat(count("select count(*) from messages where connection_id = ? and direction = 'IN'")).isEqualTo(4);
    }

    @Test
    void aUserIdSeenAloneFollowsThePhoneContactOnceAWebhookCarriesBoth() {
        String userId = "US." + System.nanoTime();
        assertThat(post(fromCustomer("593955500222", null, "wamid.PHONE-1", "Hola")).statusCode()).isEqualTo(200);
        awaitProcessed();
        long phoneContact = onlyChat().get("contact").get("id").asLong();
        assertThat(post(fromCustomer("593955500222", userId, "wamid.PHONE-2", "Con usuario")).statusCode()).isEqualTo(200);
        assertThat(post(fromCustomer(null, userId, "wamid.PHONE-3", "Solo usuario")).statusCode()).isEqualTo(200);
        awaitProcessed();
        var chat = onlyChat();
        assertThat(chat.get("contact").get("id").asLong()).isEqualTo(phoneContact);
        assertThat(count("select count(*) from messages where connection_id = ? and direction = 'IN'")).isEqualTo(3);
    }

    /** A customer's text as Meta sends it since 2026: {@code from}, {@code from_user_id}, or both (A2, BSUID). */
    private String fromCustomer(String waId, String userId, String wamid, String body) {
        var contact = new StringBuilder("{\"profile\":{\"name\":\"Vale\"" + (userId == null ? "" : ",\"username\":\"vale\"") + "}");
        var sender = new StringBuilder();
        if (waId != null) {
            contact.append(",\"wa_id\":\"").append(waId).append('"');
            sender.append("\"from\":\"").append(waId).append("\",");
        }
        if (userId != null) {
            contact.append(",\"user_id\":\"").append(userId).append('"');
            sender.append("\"from_user_id\":\"").append(userId).append("\",");
        }
        contact.append('}');
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{\
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"59322","phone_number_id":"%s"},\
                "contacts":[%s],\
                "messages":[{%s"id":"%s","timestamp":"1763712000","type":"text","text":{"body":"%s"}}]}}]}]}"""
                .formatted(line.phoneNumberId(), contact, sender, wamid, body);
    }

    private tools.jackson.databind.JsonNode onlyChat() {
        var chats = new ArrayList<tools.jackson.databind.JsonNode>();
        admin.get("/api/chats").json().get("items").forEach(chat -> {
            if (chat.get("connectionId").asLong() == line.connectionId()) {
                chats.add(chat);
            }
        });
        assertThat(chats).hasSize(1);
        return chats.getFirst();
    }

    private void insertSentMessage(long chatId, String wamid) {
        jdbc.sql("""
                insert into messages (chat_id, connection_id, provider_message_id, direction, kind, author_type,
                    private_note, status, status_rank, attempts, created_at)
                values (?, ?, ?, 'OUT', 'TEXT', 'AGENT', false, 'QUEUED', 0, 1, current_timestamp)""")
                .params(chatId, line.connectionId(), wamid).update();
    }

    private String text(String wamid, String body) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{\
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"59322","phone_number_id":"%s"},\
                "contacts":[{"profile":{"name":"Luis"},"wa_id":"593911111111"}],\
                "messages":[{"from":"593911111111","id":"%s","timestamp":"1763712000","type":"text","text":{"body":"%s"}}]}}]}]}"""
                .formatted(line.phoneNumberId(), wamid, body);
    }

    private String status(String wamid, String status, String errorCode) {
        String errors = errorCode == null ? "" : """
                ,"errors":[{"code":%s,"title":"Message undeliverable","message":"Message undeliverable",\
                "error_data":{"details":"Receiver is incapable of receiving this message"}}]""".formatted(errorCode);
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{\
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"59322","phone_number_id":"%s"},\
                "statuses":[{"id":"%s","status":"%s","timestamp":"1763712100","recipient_id":"593911111111"%s}]}}]}]}"""
                .formatted(line.phoneNumberId(), wamid, status, errors);
    }

    private HttpResponse<String> post(String json) {
        return SandboxLines.postWebhook(port, line, json);
    }

    private void awaitProcessed() {
        Eventually.await("webhooks processed", () -> count(
                "select count(*) from inbound_webhooks where connection_id = ? and processed_at is null"), n -> n == 0);
    }

    private long count(String sql) {
        return jdbc.sql(sql).param(line.connectionId()).query(Long.class).single();
    }
}
