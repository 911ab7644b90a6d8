package app.conversa.sandbox.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.Eventually;
import app.conversa.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Messages through the fake Evolution gateway over real HTTP: sends and receipts, customers, the owner, sync. */
@IntegrationTest
class FakeEvolutionMessagesIntegrationTests {

    private static final SandboxGateway.Customer ROSA = SandboxGateway.Customer.of("593987650001", "Rosa Quishpe");

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
        receiver.close();
    }

    @Test
    void sendTextAnswersThePreparedMessageAndThenItsReceiptsInOrder() {
        var created = TestInstances.linked(global, receiver, gateway, "593991230001");
        var calls = global.withKey(created.token());

        var sent = calls.post("/message/sendText/" + created.name(), Map.of("number", "+593 98 765 0001",
                "text", "Hola Rosa, ¿en qué le ayudo?"));

        assertThat(sent.status()).isEqualTo(201);
        var message = sent.json();
        String id = message.path("key").path("id").asString();
        assertThat(id).matches("BAE5[0-9A-F]{12}");
        assertThat(message.path("key").path("remoteJid").asString()).isEqualTo("593987650001@s.whatsapp.net");
        assertThat(message.path("key").path("fromMe").asBoolean()).isTrue();
        assertThat(message.path("status").asString()).isEqualTo("PENDING");
        assertThat(message.path("message").path("conversation").asString()).isEqualTo("Hola Rosa, ¿en qué le ayudo?");
        assertThat(message.path("messageType").asString()).isEqualTo("conversation");
        assertThat(message.path("messageTimestamp").isIntegralNumber()).isTrue();
        assertThat(receiver.await("send.message").data().path("status").asString()).isEqualTo("PENDING");
        receiver.await("messages.update", data -> data.path("status").asString().equals("READ"));
        assertThat(receiver.events("messages.update")).extracting(r -> r.data().path("keyId").asString() + " "
                + r.data().path("status").asString()).containsExactly(id + " SERVER_ACK", id + " DELIVERY_ACK",
                id + " READ");
        assertThat(chats.conversation(created.name(), "593987650001")).singleElement()
                .satisfies(bubble -> assertThat(bubble.text()).isEqualTo("Hola Rosa, ¿en qué le ayudo?"))
                .satisfies(bubble -> assertThat(bubble.fromCustomer()).isFalse());
    }

    @Test
    void aNumberNotOnWhatsAppAndAClosedLinkAreRefusedAsEvolutionDoes() {
        var created = TestInstances.create(global, receiver, true);

        var closed = global.post("/message/sendText/" + created.name(), Map.of("number", "593987650001", "text", "x"));
        assertThat(closed.status()).isEqualTo(500);
        assertThat(closed.json().path("response").path("message").get(0).asString()).isEqualTo("Error: Connection Closed");

        gateway.scan(created.name(), "593991230002", "Acme");
        var unknown = global.post("/message/sendText/" + created.name(), Map.of("number", "12ab", "text", "x"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("response").path("message").get(0).toString())
                .isEqualTo("{\"jid\":\"12@s.whatsapp.net\",\"exists\":false,\"number\":\"12ab\"}");
        var check = global.post("/chat/whatsappNumbers/" + created.name(), Map.of("numbers",
                List.of("593987650001", "12ab"))).json();
        assertThat(check).extracting(row -> row.path("exists").asBoolean()).containsExactly(true, false);
        var missing = global.post("/message/sendText/" + created.name(), Map.of("number", "593987650001"));
        assertThat(missing.json().path("response").path("message").get(0).get(0).asString())
                .isEqualTo("instance requires property \"text\"");
    }

    @Test
    void aVoiceNoteIsPlayedAfterItIsReadAndAReplyQuotesItsMessage() {
        var created = TestInstances.linked(global, receiver, gateway, "593991230003");
        var customerMessage = chats.write(created.name(), ROSA, "¿Me manda el audio?");
        byte[] ogg = "OggS fake opus".getBytes(StandardCharsets.UTF_8);

        var sent = global.post("/message/sendWhatsAppAudio/" + created.name(), Map.of("number", "593987650001",
                "audio", Base64.getEncoder().encodeToString(ogg),
                "quoted", Map.of("key", Map.of("id", customerMessage.id()))));

        var audio = sent.json().path("message").path("audioMessage");
        assertThat(audio.path("ptt").asBoolean()).isTrue();
        assertThat(audio.path("mimetype").asString()).isEqualTo("audio/ogg; codecs=opus");
        assertThat(sent.json().path("contextInfo").path("stanzaId").asString()).isEqualTo(customerMessage.id());
        receiver.await("messages.update", data -> data.path("status").asString().equals("PLAYED"));
        assertThat(receiver.events("messages.update")).extracting(r -> r.data().path("status").asString())
                .containsExactly("SERVER_ACK", "DELIVERY_ACK", "READ", "PLAYED");
    }

    @Test
    void aCustomersMessageIsAnUpsertAndTheirFirstOneMakesAContact() {
        var created = TestInstances.linked(global, receiver, gateway, "593991230004");

        var first = chats.write(created.name(), ROSA, "Buenas tardes");
        chats.write(created.name(), ROSA, "¿Hay alguien?");

        var upsert = receiver.await("messages.upsert", data -> data.path("key").path("id").asString().equals(first.id()));
        var data = upsert.data();
        assertThat(data.path("key").path("fromMe").asBoolean()).isFalse();
        assertThat(data.path("key").path("remoteJid").asString()).isEqualTo("593987650001@s.whatsapp.net");
        assertThat(data.path("pushName").asString()).isEqualTo("Rosa Quishpe");
        assertThat(data.path("messageType").asString()).isEqualTo("conversation");
        assertThat(data.path("message").path("conversation").asString()).isEqualTo("Buenas tardes");
        assertThat(data.path("messageTimestamp").asLong()).isCloseTo(Instant.now().getEpochSecond(),
                org.assertj.core.data.Offset.offset(60L));
        assertThat(data.path("status").asString()).isEqualTo("DELIVERY_ACK");
        receiver.await("messages.upsert", d -> d.path("message").path("conversation").asString().equals("¿Hay alguien?"));
        assertThat(receiver.events("contacts.upsert")).singleElement()
                .satisfies(r -> assertThat(r.data().path("pushName").asString()).isEqualTo("Rosa Quishpe"));
        assertThat(receiver.events("send.message")).isEmpty();
    }

    @Test
    void aCustomerAddressedByLidCarriesTheirNumberAsAlt() {
        var created = TestInstances.linked(global, receiver, gateway, "593991230005");
        String lid = gateway.lidOf("593987650002");

        var byLid = chats.write(created.name(), new SandboxGateway.Customer("593987650002", "Ana",
                SandboxGateway.Addressing.LID), "Hola");
        var lidOnly = chats.write(created.name(), new SandboxGateway.Customer("593987650002", "Ana",
                SandboxGateway.Addressing.LID_ONLY), "Soy Ana");

        var key = receiver.await("messages.upsert", d -> d.path("key").path("id").asString().equals(byLid.id()))
                .data().path("key");
        assertThat(key.path("remoteJid").asString()).isEqualTo(lid + "@lid");
        assertThat(key.path("remoteJidAlt").asString()).isEqualTo("593987650002@s.whatsapp.net");
        assertThat(key.path("addressingMode").asString()).isEqualTo("lid");
        var onlyKey = receiver.await("messages.upsert", d -> d.path("key").path("id").asString().equals(lidOnly.id()))
                .data().path("key");
        assertThat(onlyKey.path("remoteJid").asString()).isEqualTo(lid + "@lid");
        assertThat(onlyKey.has("remoteJidAlt")).isFalse();
        var reply = global.post("/message/sendText/" + created.name(), Map.of("number", lid + "@lid", "text", "Hola Ana"));
        assertThat(reply.json().path("key").path("remoteJid").asString()).isEqualTo(lid + "@lid");
        assertThat(chats.conversation(created.name(), "593987650002")).hasSize(3);
    }

    @Test
    void aCustomersPhotoComesWithItsBytesAndTheOwnersOwnMessageIsAnUpsertFromMe() {
        var created = TestInstances.linked(global, receiver, gateway, "593991230006");
        byte[] photo = Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQ"
                + "GAhKmMIQAAAABJRU5ErkJggg==");

        var sent = chats.send(created.name(), ROSA, photo, "image/png", "foto.png", false, "mi recibo");

        var upsert = receiver.await("messages.upsert", d -> d.path("key").path("id").asString().equals(sent.id()));
        assertThat(upsert.data().path("messageType").asString()).isEqualTo("imageMessage");
        assertThat(upsert.data().path("message").path("imageMessage").path("caption").asString()).isEqualTo("mi recibo");
        assertThat(upsert.data().path("message").path("base64").asString())
                .isEqualTo(Base64.getEncoder().encodeToString(photo));
        var media = global.post("/chat/getBase64FromMediaMessage/" + created.name(),
                Map.of("message", Map.of("key", Map.of("id", sent.id()))));
        assertThat(media.status()).isEqualTo(201);
        assertThat(media.json().path("mimetype").asString()).isEqualTo("image/png");
        assertThat(media.json().path("fileName").asString()).isEqualTo(sent.id() + ".png");
        assertThat(Base64.getDecoder().decode(media.json().path("base64").asString())).isEqualTo(photo);

        var owner = chats.ownerWrites(created.name(), "593987650001", "Ya le atiendo, Rosa");

        var own = receiver.await("messages.upsert", d -> d.path("key").path("id").asString().equals(owner.id())).data();
        assertThat(own.path("key").path("fromMe").asBoolean()).isTrue();
        assertThat(own.path("pushName").asString()).isEqualTo("Acme Sales");
        assertThat(receiver.events("send.message")).isEmpty();
    }

    @Test
    void syncServesSeededContactsHistoryAndChatsNewestFirst() {
        var created = TestInstances.linked(global, receiver, gateway, "593991230007");
        var now = Instant.now();
        gateway.seedContact(created.name(), "593987650003", "Luis", "https://pps.whatsapp.net/v/luis.jpg");
        gateway.seedHistory(created.name(), "593987650003", "Luis", false, "Hace tres días", now.minus(Duration.ofDays(3)));
        String recent = gateway.seedHistory(created.name(), "593987650003", "Luis", true, "Ayer",
                now.minus(Duration.ofDays(1)));

        var page = global.post("/chat/findMessages/" + created.name(), Map.of("where", Map.of("key",
                Map.of("remoteJid", "593987650003@s.whatsapp.net")), "page", 1, "offset", 1)).json().path("messages");
        var ranged = global.post("/chat/findMessages/" + created.name(), Map.of("where", Map.of("messageTimestamp",
                Map.of("gte", now.minus(Duration.ofDays(2)).toString(), "lte", now.toString())))).json().path("messages");
        var contacts = global.post("/chat/findContacts/" + created.name(), Map.of("where", Map.of())).json();
        var chatRows = global.post("/chat/findChats/" + created.name(), Map.of()).json();
        var picture = global.post("/chat/fetchProfilePictureUrl/" + created.name(), Map.of("number", "593987650003")).json();

        assertThat(page.path("total").asInt()).isEqualTo(2);
        assertThat(page.path("pages").asInt()).isEqualTo(2);
        assertThat(page.path("records").get(0).path("key").path("id").asString()).isEqualTo(recent);
        assertThat(ranged.path("records")).extracting(r -> r.path("message").path("conversation").asString())
                .containsExactly("Ayer");
        assertThat(contacts).extracting(c -> c.path("pushName").asString()).containsExactly("Luis");
        assertThat(chatRows.get(0).path("lastMessage").path("key").path("id").asString()).isEqualTo(recent);
        assertThat(picture.path("profilePictureUrl").asString()).isEqualTo("https://pps.whatsapp.net/v/luis.jpg");
        assertThat(receiver.events("messages.upsert")).isEmpty();
    }

    @Test
    void readingACustomersMessageTurnsTheirTicksBlue() {
        var created = TestInstances.linked(global, receiver, gateway, "593991230008");
        var message = chats.write(created.name(), ROSA, "¿Me leyó?");
        receiver.await("messages.upsert");

        var read = global.post("/chat/markMessageAsRead/" + created.name(), Map.of("readMessages",
                List.of(Map.of("remoteJid", "593987650001@s.whatsapp.net", "fromMe", false, "id", message.id()))));

        assertThat(read.status()).isEqualTo(201);
        assertThat(read.json().path("read").asString()).isEqualTo("success");
        Eventually.await("blue ticks", () -> chats.conversation(created.name(), "593987650001").getFirst().status(),
                "read"::equals);
    }
}
