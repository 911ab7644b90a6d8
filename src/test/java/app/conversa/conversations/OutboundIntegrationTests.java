package app.conversa.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.Eventually;
import app.conversa.IntegrationTest;
import app.conversa.SandboxLines;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import app.conversa.sandbox.SandboxFaults;
import app.conversa.sandbox.SandboxPhone;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Agent → customer through the real Graph API adapter against the sandbox's fake Graph API:
 * queued at once, delivered, ticks from signed status webhooks; retries, permanent failures,
 * idempotency, refusals; and customer media fetched by id and served only to who may see it.
 */
@IntegrationTest
class OutboundIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    SandboxLines lines;
    @Autowired
    SandboxPhone phone;
    @Autowired
    SandboxFaults faults;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MessageSealing sealing;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private ApiSession admin;
    private SandboxLines.Line line;
    private String customer;
    private long chatId;

    @BeforeEach
    void aCustomerHasWritten() {
        admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        line = lines.link(admin, port, null, null, "Gracias por comunicarse con Cobranzas.");
        customer = "5939" + (10_000_000 + new java.util.Random().nextInt(89_999_999));
        phone.write(line.phoneNumberId(), customer, "Rosa Quishpe", "Buenos días, quiero pagar mi deuda");
        chatId = Eventually.await("the chat", () -> jdbc.sql("select id from chats where connection_id = ?")
                .param(line.connectionId()).query(Long.class).optional(), java.util.Optional::isPresent).get();
    }

    @Test
    void aReplyIsQueuedAtOnceThenShownOnThePhoneWithTicksSentDeliveredRead() {
        var sent = send("Con gusto, su saldo es $120,50");

        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(sent.json().get("status").asString()).isIn("QUEUED", "SENT");
        assertThat(sent.json().get("authorType").asString()).isEqualTo("AGENT");
        long messageId = sent.json().get("id").asLong();
        var read = Eventually.await("read ticks", () -> message(messageId), m -> m.get("status").asString().equals("READ"));
        assertThat(read.get("sentAt").isNull()).isFalse();
        assertThat(read.get("deliveredAt").isNull()).isFalse();
        var onPhone = phone.conversation(line.phoneNumberId(), customer);
        assertThat(onPhone).extracting(SandboxPhone.PhoneMessage::text)
                .containsExactly("Buenos días, quiero pagar mi deuda", "Con gusto, su saldo es $120,50");
        assertThat(admin.get("/api/chats/" + chatId).json().get("pendingReplies").asInt()).as("the reply clears it").isZero();
    }

    @Test
    void theSameIdempotencyKeyThreeTimesSendsOnce() {
        String key = "key-" + UUID.randomUUID();
        var first = send("Una sola vez", key);
        var second = send("Una sola vez", key);
        var third = send("Una sola vez", key);

        assertThat(List.of(second.json().get("id").asLong(), third.json().get("id").asLong()))
                .containsOnly(first.json().get("id").asLong());
        Eventually.await("the send", () -> message(first.json().get("id").asLong()),
                m -> m.get("status").asString().equals("READ"));
        assertThat(phone.conversation(line.phoneNumberId(), customer)).filteredOn(m -> !m.fromCustomer()).hasSize(1);
    }

    @Test
    void transientFailuresAreRetriedUntilTheSendSucceeds() {
        faults.inject(line.phoneNumberId(), SandboxFaults.SERVER_ERROR, SandboxFaults.THROUGHPUT, SandboxFaults.SERVER_ERROR);

        long id = send("Reintento").json().get("id").asLong();

        var delivered = Eventually.await("the retried send", () -> message(id), m -> m.get("status").asString().equals("READ"));
        assertThat(jdbc.sql("select attempts from messages where id = ?").param(id).query(Integer.class).single()).isEqualTo(4);
        assertThat(delivered.get("errorCode").isNull()).isTrue();
        assertThat(phone.conversation(line.phoneNumberId(), customer)).filteredOn(m -> !m.fromCustomer()).hasSize(1);
    }

    @Test
    void aPermanentFailureIsVisibleWithItsReasonAndCanBeRetriedByHand() {
        faults.inject(line.phoneNumberId(), SandboxFaults.OUTSIDE_WINDOW);

        long id = send("Fuera de ventana").json().get("id").asLong();

        var failed = Eventually.await("the failure", () -> message(id), m -> m.get("status").asString().equals("FAILED"));
        assertThat(failed.get("errorCode").asString()).isEqualTo("131047");
        assertThat(failed.get("errorReason").asString()).contains("24 hours");
        assertThat(jdbc.sql("select attempts from messages where id = ?").param(id).query(Integer.class).single()).isEqualTo(1);

        var retried = admin.post("/api/chats/" + chatId + "/messages/" + id + "/retry", null);
        assertThat(retried.status()).isEqualTo(202);
        Eventually.await("the manual retry", () -> message(id), m -> m.get("status").asString().equals("READ"));
        assertThat(admin.post("/api/chats/" + chatId + "/messages/" + id + "/retry", null).code()).isEqualTo("message.not_failed");
    }

    @Test
    void linksVideosAndSendsOutsideTheWindowAreRefusedWithAClearReason() {
        for (String text : List.of("Pague en https://pagos.example.com", "Entre a www.banco.ec", "Visite pagos.ec/deuda",
                "bit.ly/abc")) {
            var refused = send(text);
            assertThat(refused.status()).as(text).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("message.link_refused");
        }
        assertThat(send("Son $3.50 hasta el 12.05, gracias.Saludos").status()).as("amounts and typos are not links").isEqualTo(202);

        var video = admin.upload("/api/chats/" + chatId + "/attachments", Map.of("idempotencyKey", "video-" + UUID.randomUUID()),
                "clip.mp4", "video/mp4", new byte[] {0, 0, 0, 24, 102, 116, 121, 112});
        assertThat(video.status()).isEqualTo(400);
        assertThat(video.code()).isEqualTo("message.video_refused");

        jdbc.sql("update chats set last_inbound_at = ? where id = ?")
                .params(java.time.OffsetDateTime.now().minusHours(25), chatId).update();
        var late = send("¿Sigue ahí?");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("message.window_closed");
        var note = admin.post("/api/chats/" + chatId + "/messages", Map.of("idempotencyKey", "note-" + UUID.randomUUID(),
                "text", "Cliente promete pagar el viernes: ver https://intranet/x", "privateNote", true));
        assertThat(note.status()).as("private notes are never sent, so no window or link rule").isEqualTo(202);
    }

    @Test
    void customerMediaIsFetchedByIdAndServedOnlyToWhoMaySeeTheChat() {
        byte[] pdf = "%PDF-1.4 estado de cuenta".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        phone.send(line.phoneNumberId(), customer, "Rosa Quishpe", pdf, "application/pdf", "estado.pdf", false, "Mi estado");

        var stored = Eventually.await("the document", () -> admin.get("/api/chats/" + chatId + "/messages").json().get("items").get(0),
                m -> m.get("kind").asString().equals("DOCUMENT") && m.get("media").get("ready").asBoolean(), Duration.ofSeconds(20));
        long mediaId = stored.get("media").get("id").asLong();
        assertThat(admin.bytes("/api/media/" + mediaId)).isEqualTo(pdf);
        assertThat(jdbc.sql("select sha256 from media where id = ?").param(mediaId).query(String.class).single())
                .isEqualTo(MediaStore.sha256(pdf));

        assertThat(admin.get("/api/media/" + mediaId).headers().allValues("Cache-Control"))
                .as("nothing the browser keeps after sign-out").containsExactly("private, no-store");

        var agent = ApiSession.signedIn(port, accounts.create(Role.AGENT).login(), TestAccounts.PASSWORD);
        var outOfSight = agent.get("/api/media/" + mediaId);
        var missing = agent.get("/api/media/" + (mediaId + 1_000_000));
        assertThat(outOfSight.status()).isEqualTo(404);
        assertThat(outOfSight.code()).as("no existence oracle").isEqualTo(missing.code()).isEqualTo("media.not_found");
        assertThat(outOfSight.json().get("detail").asString()).isEqualTo("Media " + mediaId + " does not exist.");
        assertThat(agent.get("/api/chats/" + chatId).status()).isEqualTo(404);
        assertThat(agent.get("/api/chats/" + chatId + "/messages").status()).isEqualTo(404);
        assertThat(agent.get("/api/chats").json().get("items")).isEmpty();
    }

    @Test
    void anAgentsAttachmentIsUploadedAndSentById() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
        var sent = admin.upload("/api/chats/" + chatId + "/attachments",
                Map.of("idempotencyKey", "img-" + UUID.randomUUID(), "caption", "Su comprobante"), "recibo.png", "image/png", png);

        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        long id = sent.json().get("id").asLong();
        Eventually.await("the image", () -> message(id), m -> m.get("status").asString().equals("READ"));
        var onPhone = phone.conversation(line.phoneNumberId(), customer).getLast();
        assertThat(onPhone.kind()).isEqualTo("image");
        assertThat(onPhone.text()).isEqualTo("Su comprobante");
        assertThat(onPhone.mediaId()).isNotNull();
    }

    @Test
    void aPhotoOfAlmostFiveMegabytesIsAcceptedAndOneAboveIsRefusedClearly() {
        byte[] large = new byte[5 * 1024 * 1024 - 1024];
        large[0] = (byte) 0xFF;
        large[1] = (byte) 0xD8;
        large[2] = (byte) 0xFF; // a JPEG starts with its SOI marker and the next marker: the bytes are checked now
        var accepted = admin.upload("/api/chats/" + chatId + "/attachments",
                Map.of("idempotencyKey", "big-" + UUID.randomUUID()), "foto.jpg", "image/jpeg", large);
        var refused = admin.upload("/api/chats/" + chatId + "/attachments",
                Map.of("idempotencyKey", "huge-" + UUID.randomUUID()), "foto.jpg", "image/jpeg", new byte[5 * 1024 * 1024 + 1]);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("message.file_too_large");
        assertThat(refused.json().get("detail").asString()).contains("5 MB");
    }

    @Test
    void aVoiceNoteRecordedAsWebmIsSentAsAnOggOpusVoiceNote() throws Exception {
        byte[] webm = getClass().getResourceAsStream("/media/voice-chromium.webm").readAllBytes();
        var sent = admin.upload("/api/chats/" + chatId + "/attachments",
                Map.of("idempotencyKey", "voice-" + UUID.randomUUID(), "voice", "true"), "voice.webm", "audio/webm", webm);

        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(sent.json().get("kind").asString()).isEqualTo("AUDIO");
        assertThat(sent.json().get("media").get("voice").asBoolean()).isTrue();
        assertThat(sent.json().get("media").get("mimeType").asString()).isEqualTo("audio/ogg; codecs=opus");
        byte[] stored = admin.bytes("/api/media/" + sent.json().get("media").get("id").asLong());
        assertThat(new String(stored, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("OggS");
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("OpusHead");
        Eventually.await("the voice note", () -> message(sent.json().get("id").asLong()),
                m -> m.get("status").asString().equals("READ"));
        var onPhone = phone.conversation(line.phoneNumberId(), customer).getLast();
        assertThat(onPhone.kind()).isEqualTo("audio");
        assertThat(onPhone.voice()).as("sent with voice: true").isTrue();
    }

    @Test
    void closingAChatSendsTheFarewellAndTheNextMessageReopensItAsNew() {
        assertThat(admin.post("/api/chats/" + chatId + "/close", null).status()).isEqualTo(204);
        assertThat(admin.post("/api/chats/" + chatId + "/close", null).code()).isEqualTo("chat.already_closed");
        var closed = admin.get("/api/chats/" + chatId).json();
        assertThat(closed.get("state").asString()).isEqualTo("CLOSED");
        assertThat(closed.get("pendingReplies").asInt()).isZero();
        Eventually.await("the farewell", () -> phone.conversation(line.phoneNumberId(), customer),
                messages -> messages.stream().anyMatch(m -> "Gracias por comunicarse con Cobranzas.".equals(m.text())));
        assertThat(send("¿Sigue ahí?").code()).isEqualTo("message.chat_closed");

        phone.write(line.phoneNumberId(), customer, "Rosa Quishpe", "Otra consulta");
        var reopened = Eventually.await("the chat reopened", () -> admin.get("/api/chats/" + chatId).json(),
                chat -> chat.get("state").asString().equals("NEW"));
        assertThat(reopened.get("pendingReplies").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from chats where connection_id = ?").param(line.connectionId())
                .query(Long.class).single()).as("the same chat, not a new one").isEqualTo(1);
        assertThat(send("¿Sigue ahí?").status()).as("open again: answers go out").isEqualTo(202);
    }

    @Test
    void aMessageThatFinallyFailsRecordsOneCriticalEventWithAReadableReason() {
        var error = SandboxFaults.SERVER_ERROR;
        faults.inject(line.phoneNumberId(), error, error, error, error, error, error, error, error); // the 8 attempts allowed
        long gaveUp = send("Último aviso").json().get("id").asLong();
        Eventually.await("given up", () -> message(gaveUp), m -> m.get("status").asString().equals("FAILED"));
        faults.inject(line.phoneNumberId(), SandboxFaults.OUTSIDE_WINDOW);
        long refused = send("Fuera de ventana").json().get("id").asLong();
        Eventually.await("refused", () -> message(refused), m -> m.get("status").asString().equals("FAILED"));

        var afterRetries = Eventually.await("one event", () -> events("conversations.send_failed", gaveUp), e -> !e.isEmpty());
        assertThat(afterRetries).as("once per message, not per attempt").hasSize(1);
        var details = afterRetries.getFirst().get("details");
        assertThat(afterRetries.getFirst().get("severity").asString()).isEqualTo("WARNING");
        assertThat(details.get("chatId").asLong()).isEqualTo(chatId);
        assertThat(details.get("attempts").asInt()).isEqualTo(8);
        assertThat(details.get("code").asString()).isEqualTo("131000");
        assertThat(details.get("reason").asString()).isEqualTo("Gave up after 8 attempts: Something went wrong. Please try again later.");
        var permanent = Eventually.await("one event", () -> events("conversations.send_failed", refused), e -> !e.isEmpty());
        assertThat(permanent).hasSize(1);
        assertThat(permanent.getFirst().get("details").get("code").asString()).isEqualTo("131047");
        assertThat(permanent.getFirst().get("details").get("reason").asString()).contains("24 hours");
    }

    @Test
    void aSendCutShortByACrashAfterMetaTookItTakesItsIdFromTheStatusesAndIsNotSentAgain() throws Exception {
        double duplicatesBefore = possibleDuplicates();
        long id = leftInMidSendByACrash("Su pago quedó registrado", Duration.ofSeconds(1));
        String wamid = sendAsTheCrashedNodeDid(id, "Su pago quedó registrado");

        var read = Eventually.await("read", () -> message(id), m -> m.get("status").asString().equals("READ"),
                Duration.ofSeconds(20));
        assertThat(read.get("providerMessageId").asString()).isEqualTo(wamid);
        assertThat(phone.conversation(line.phoneNumberId(), customer)).filteredOn(m -> !m.fromCustomer()).hasSize(1);
        assertThat(possibleDuplicates()).isEqualTo(duplicatesBefore);
        assertThat(events("conversations.possible_duplicate", id)).isEmpty();
    }

    @Test
    void aSendCutShortByACrashThatMetaNeverGotIsSentAgainAfterTheWaitCountedAndLoggedAsAPossibleDuplicate() {
        double duplicatesBefore = possibleDuplicates();
        long id = leftInMidSendByACrash("Le esperamos mañana", Duration.ofSeconds(11)); // longer ago than the wait (10 s)

        var read = Eventually.await("read", () -> message(id), m -> m.get("status").asString().equals("READ"),
                Duration.ofSeconds(20));
        var sent = phone.conversation(line.phoneNumberId(), customer).stream().filter(m -> !m.fromCustomer()).toList();
        assertThat(sent).hasSize(1);
        assertThat(read.get("providerMessageId").asString()).isEqualTo(sent.getFirst().id());
        assertThat(possibleDuplicates()).isEqualTo(duplicatesBefore + 1);
        var logged = events("conversations.possible_duplicate", id);
        assertThat(logged).hasSize(1);
        assertThat(logged.getFirst().get("details").get("reason").asString()).contains("sent again");
    }

    private long leftInMidSendByACrash(String text, Duration startedAgo) {
        return CrashedSends.leftInMidSend(jdbc, sealing, chatId, text, startedAgo);
    }

    /** The send the crashed node made: it reached Meta, with the message's reference, but its answer was lost. */
    private String sendAsTheCrashedNodeDid(long messageId, String text) throws Exception {
        String body = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(Map.of(
                "messaging_product", "whatsapp", "to", customer, "type", "text", "text", Map.of("body", text),
                "biz_opaque_callback_data", StatusLedger.reference(messageId)));
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                        + "/sandbox/graph/v24.0/" + line.phoneNumberId() + "/messages"))
                .header("Authorization", "Bearer token-" + line.phoneNumberId()).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body())
                    .get("messages").get(0).get("id").asString();
        }
    }

    private double possibleDuplicates() {
        return meters.counter(SendAlarms.POSSIBLE_DUPLICATES).count();
    }

    private List<JsonNode> events(String code, long messageId) {
        var found = new java.util.ArrayList<JsonNode>();
        for (var event : admin.get("/api/critical-events?source=conversations&size=200").json().get("items")) {
            if (event.get("code").asString().equals(code) && event.get("details").path("messageId").asLong() == messageId) {
                found.add(event);
            }
        }
        return found;
    }

    private ApiSession.Response send(String text) {
        return send(text, "k-" + UUID.randomUUID());
    }

    private ApiSession.Response send(String text, String key) {
        return admin.post("/api/chats/" + chatId + "/messages", Map.of("idempotencyKey", key, "text", text));
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
