package app.conversa.channels;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.Eventually;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import app.conversa.sandbox.SandboxFaults;
import app.conversa.sandbox.SandboxPhone.PhoneMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * What every kind of number does the same, whoever carries it (PROTOCOLS.md D): the same
 * scenarios run against the Cloud API adapter and the Evolution API adapter, each through its
 * provider's real wire format against the sandbox's fakes, and must give the same neutral result
 * in chats, messages, media and statuses.
 */
abstract class ChannelContract {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    SandboxFaults providerFaults;

    protected ApiSession admin;
    protected long connectionId;
    protected String customer;

    /** Links a number of this provider and returns its connection id. */
    protected abstract long link();

    protected abstract void customerWrites(String name, String text);

    protected abstract void customerSends(String name, byte[] content, String mimeType, String filename, String caption);

    /** What the customer's phone shows of the conversation, oldest first. */
    protected abstract List<PhoneMessage> customerSees();

    /** The provider fails the next sends for a while as a server error would (transient). */
    protected abstract void providerFailsForAWhile();

    /** The provider works again. */
    protected abstract void providerRecovers();

    /** On the next send the provider hangs for the pause (past the app's read timeout of 3 s), then accepts. */
    protected abstract void providerHangsThenAccepts(Duration pause);

    @BeforeEach
    void linkANumber() {
        admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        connectionId = link();
        customer = "5939" + (80_000_000 + ThreadLocalRandom.current().nextInt(19_999_999));
    }

    private JsonNode chat() {
        return Eventually.await("the chat", () -> admin.get("/api/chats?connection=" + connectionId).json().get("items"),
                items -> items.size() == 1).get(0);
    }

    private JsonNode lastMessage(long chatId) {
        return admin.get("/api/chats/" + chatId + "/messages").json().get("items").get(0);
    }

    @Test
    void aCustomersTextIsOneInboundMessageOfANamedContactInANewChat() {
        customerWrites("Marta Loor", "Buenos días, ¿puedo pagar mañana?");
        var chat = chat();
        assertThat(chat.get("state").asString()).isEqualTo("NEW");
        assertThat(chat.get("contact").get("displayName").asString()).isEqualTo("Marta Loor");
        assertThat(chat.get("contact").get("phone").asString()).isEqualTo("+" + customer);
        assertThat(chat.get("pendingReplies").asInt()).isEqualTo(1);
        var message = lastMessage(chat.get("id").asLong());
        assertThat(message.get("direction").asString()).isEqualTo("IN");
        assertThat(message.get("authorType").asString()).isEqualTo("CUSTOMER");
        assertThat(message.get("kind").asString()).isEqualTo("TEXT");
        assertThat(message.get("text").asString()).isEqualTo("Buenos días, ¿puedo pagar mañana?");
        assertThat(message.get("providerMessageId").asString()).isNotBlank();
    }

    @Test
    void anAgentsTextReachesTheCustomerAndItsStatusMovesForwardToRead() {
        customerWrites("Marta Loor", "Hola");
        long chatId = chat().get("id").asLong();
        var sent = admin.post("/api/chats/" + chatId + "/messages", Map.of("idempotencyKey", "contract-" + UUID.randomUUID(),
                "text", "Claro, mañana está bien"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        long id = sent.json().get("id").asLong();
        Eventually.await("read", () -> lastMessage(chatId), m -> m.get("id").asLong() == id
                && m.get("status").asString().equals("READ"), Duration.ofSeconds(20));
        assertThat(customerSees().getLast().text()).isEqualTo("Claro, mañana está bien");
        assertThat(customerSees().getLast().fromCustomer()).isFalse();
        assertThat(chat().get("pendingReplies").asInt()).isZero();
    }

    @Test
    void aCustomersDocumentIsDownloadedIntoConversa() {
        byte[] pdf = "%PDF-1.4 comprobante de pago".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        customerSends("Marta Loor", pdf, "application/pdf", "pago.pdf", "Mi comprobante");
        long chatId = chat().get("id").asLong();
        var stored = Eventually.await("the document", () -> lastMessage(chatId),
                m -> m.get("kind").asString().equals("DOCUMENT") && m.get("media").get("ready").asBoolean(),
                Duration.ofSeconds(20));
        assertThat(stored.get("text").asString()).isEqualTo("Mi comprobante");
        assertThat(stored.get("media").get("filename").asString()).isEqualTo("pago.pdf");
        assertThat(admin.bytes("/api/media/" + stored.get("media").get("id").asLong())).isEqualTo(pdf);
    }

    @Test
    void anAgentsImageReachesTheCustomerWithItsCaption() {
        customerWrites("Marta Loor", "Envíeme el recibo");
        long chatId = chat().get("id").asLong();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
        var sent = admin.upload("/api/chats/" + chatId + "/attachments",
                Map.of("idempotencyKey", "contract-img-" + UUID.randomUUID(), "caption", "Su recibo"), "recibo.png",
                "image/png", png);
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        long id = sent.json().get("id").asLong();
        Eventually.await("delivered", () -> lastMessage(chatId), m -> m.get("id").asLong() == id
                && List.of("DELIVERED", "READ").contains(m.get("status").asString()), Duration.ofSeconds(20));
        var onPhone = customerSees().getLast();
        assertThat(onPhone.kind()).isEqualTo("image");
        assertThat(onPhone.text()).isEqualTo("Su recibo");
        assertThat(onPhone.mediaId()).isNotNull();
    }

    @Test
    void anAgentsVoiceNoteReachesTheCustomerAsAVoiceNote() throws Exception {
        customerWrites("Marta Loor", "Mándeme un audio");
        long chatId = chat().get("id").asLong();
        byte[] webm = getClass().getResourceAsStream("/media/voice-chromium.webm").readAllBytes();
        var sent = admin.upload("/api/chats/" + chatId + "/attachments",
                Map.of("idempotencyKey", "contract-voice-" + UUID.randomUUID(), "voice", "true"), "voice.webm",
                "audio/webm", webm);
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        long id = sent.json().get("id").asLong();
        Eventually.await("delivered", () -> lastMessage(chatId), m -> m.get("id").asLong() == id
                && List.of("DELIVERED", "READ", "PLAYED").contains(m.get("status").asString()), Duration.ofSeconds(20));
        var onPhone = customerSees().getLast();
        assertThat(onPhone.kind()).isEqualTo("audio");
        assertThat(onPhone.voice()).isTrue();
        assertThat(onPhone.mimeType()).startsWith("audio/ogg");
    }

    @Test
    void aSendTheProviderFailsForAWhileIsRetriedUntilItGoesThrough() {
        customerWrites("Marta Loor", "¿Sigue ahí?");
        long chatId = chat().get("id").asLong();
        providerFailsForAWhile();
        try {
            var sent = admin.post("/api/chats/" + chatId + "/messages", Map.of("idempotencyKey",
                    "contract-retry-" + UUID.randomUUID(), "text", "Sí, aquí estoy"));
            assertThat(sent.status()).as(sent.body()).isEqualTo(202);
            long id = sent.json().get("id").asLong();
            var retried = Eventually.await("a failed attempt", () -> lastMessage(chatId),
                    m -> m.get("id").asLong() == id && !m.get("errorCode").isNull(), Duration.ofSeconds(20));
            assertThat(retried.get("status").asString()).as("kept for another try").isEqualTo("QUEUED");
            providerRecovers();
            Eventually.await("sent after all", () -> lastMessage(chatId), m -> m.get("id").asLong() == id
                    && List.of("SENT", "DELIVERED", "READ").contains(m.get("status").asString()), Duration.ofSeconds(30));
            assertThat(customerSees().stream().filter(m -> "Sí, aquí estoy".equals(m.text()))).hasSize(1);
        } finally {
            providerRecovers();
        }
    }

    @Test
    void aSendWhoseAnswerNeverCameIsNotSentAgainAndEndsReadUnderTheProvidersId() {
        customerWrites("Marta Loor", "¿Me confirma el pago?");
        long chatId = chat().get("id").asLong();
        providerHangsThenAccepts(Duration.ofSeconds(4));
        var sent = admin.post("/api/chats/" + chatId + "/messages", Map.of("idempotencyKey",
                "contract-hang-" + UUID.randomUUID(), "text", "Confirmado, gracias"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        long id = sent.json().get("id").asLong();

        var unknown = Eventually.await("the send without an answer", () -> lastMessage(chatId),
                m -> m.get("id").asLong() == id && !m.get("errorCode").isNull(), Duration.ofSeconds(20));
        assertThat(unknown.get("errorCode").asString()).isEqualTo("outcome_unknown");
        assertThat(unknown.get("status").asString()).isEqualTo("QUEUED");
        var read = Eventually.await("read", () -> lastMessage(chatId), m -> m.get("id").asLong() == id
                && m.get("status").asString().equals("READ"), Duration.ofSeconds(30));
        Eventually.await("the provider's hang over", providerFaults::hanging, hanging -> !hanging, Duration.ofSeconds(10));

        var accepted = customerSees().stream().filter(m -> !m.fromCustomer()).toList();
        assertThat(accepted).as("accepted by the provider exactly once").hasSize(1);
        assertThat(accepted.getFirst().text()).isEqualTo("Confirmado, gracias");
        assertThat(read.get("providerMessageId").asString()).isEqualTo(accepted.getFirst().id());
        assertThat(read.get("errorCode").isNull()).isTrue();
    }
}
