package app.conversa.channels.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.channels.ConnectionLinks;
import app.conversa.channels.DeliveryStatus;
import app.conversa.channels.InboundEvent.MessageReceived;
import app.conversa.channels.InboundEvent.SentFromPhone;
import app.conversa.channels.InboundEvent.StatusReported;
import app.conversa.channels.InboundEvent;
import app.conversa.channels.LinkReport.QrExhausted;
import app.conversa.channels.LinkReport.QrIssued;
import app.conversa.channels.LinkReport.StateReported;
import app.conversa.channels.LinkState;
import app.conversa.channels.MessageKind;
import app.conversa.channels.WebhookContent;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every Evolution API event of PROTOCOLS.md B4 read from fixtures shaped as the gateway sends them
 * (src/test/resources/evolution/events.json): what becomes a message, a receipt, a link report,
 * what is skipped and what is set aside.
 */
class EvolutionWebhookReaderTests {

    private static final long CONNECTION = 7;
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode FIXTURES = fixtures();

    private final EvolutionWebhookReader reader = new EvolutionWebhookReader(JSON, Clock.fixed(NOW, ZoneOffset.UTC));

    private static JsonNode fixtures() {
        try (InputStream in = EvolutionWebhookReaderTests.class.getResourceAsStream("/evolution/events.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private WebhookContent read(String fixture) {
        JsonNode envelope = FIXTURES.get(fixture);
        assertThat(envelope).as(fixture).isNotNull();
        return reader.read(CONNECTION, JSON.writeValueAsBytes(envelope),
                instance -> instance.equals("acme-sales-01") ? OptionalLong.of(CONNECTION) : OptionalLong.empty());
    }

    private MessageReceived message(String fixture) {
        var content = read(fixture);
        assertThat(content.quarantined()).as(fixture).isEmpty();
        assertThat(content.events()).as(fixture).hasSize(1);
        return (MessageReceived) content.events().getFirst();
    }

    @Test
    void aTextMessageNamesTheCustomerByTheirNumber() {
        var text = message("text");
        assertThat(text.connectionId()).isEqualTo(CONNECTION);
        assertThat(text.providerMessageId()).isEqualTo("3EB0C767D26A1B2E5C8F");
        assertThat(text.customer()).isEqualTo(new InboundEvent.Customer("593987654321", "María Núñez", null));
        assertThat(text.kind()).isEqualTo(MessageKind.TEXT);
        assertThat(text.text()).isEqualTo("Hola, ¿cuánto debo? 😀");
        assertThat(text.sentAt()).isEqualTo(Instant.ofEpochSecond(1773027345));
        assertThat(text.media()).isNull();
        assertThat(text.replyToProviderId()).isNull();
    }

    @Test
    void repliesKeepTheQuotedMessageIdInEitherShape() {
        assertThat(message("reply").replyToProviderId()).isEqualTo("BAE594145F4C59B4");
        var v1 = message("extended_v1");
        assertThat(v1.kind()).isEqualTo(MessageKind.TEXT);
        assertThat(v1.text()).isEqualTo("mire https://pagos.example.com");
        assertThat(v1.replyToProviderId()).isEqualTo("BAE5000000000001");
    }

    @Test
    void mediaIsAnnouncedByTheMessageIdForLaterDownload() {
        var image = message("image");
        assertThat(image.kind()).isEqualTo(MessageKind.IMAGE);
        assertThat(image.text()).isEqualTo("comprobante");
        assertThat(image.media()).isEqualTo(new InboundEvent.Media("3EB0IMG0000000000001", "image/jpeg",
                "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=", null, false));

        var voice = message("voice");
        assertThat(voice.kind()).isEqualTo(MessageKind.AUDIO);
        assertThat(voice.media().voice()).isTrue();
        assertThat(voice.media().mimeType()).isEqualTo("audio/ogg; codecs=opus");

        var document = message("document");
        assertThat(document.kind()).isEqualTo(MessageKind.DOCUMENT);
        assertThat(document.media().filename()).isEqualTo("estado.pdf");
        assertThat(document.media().mimeType()).isEqualTo("application/pdf");
        assertThat(document.text()).isEqualTo("mi estado de cuenta");

        assertThat(message("video").kind()).isEqualTo(MessageKind.VIDEO);
        assertThat(message("video").media().mimeType()).isEqualTo("video/mp4");
        assertThat(message("sticker").kind()).isEqualTo(MessageKind.STICKER);
    }

    @Test
    void mediaSentInlineComesWithItsBytes() {
        byte[] bytes = "%PDF-1.7 estado de cuenta".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var envelope = (tools.jackson.databind.node.ObjectNode) FIXTURES.get("document").deepCopy();
        ((tools.jackson.databind.node.ObjectNode) envelope.path("data").path("message"))
                .put("base64", java.util.Base64.getEncoder().encodeToString(bytes));
        var inline = (MessageReceived) readBody(envelope).events().getFirst();
        assertThat(inline.media().content()).isEqualTo(bytes);
        assertThat(inline.media().providerMediaId()).as("still fetchable if need be").isEqualTo(message("document").media()
                .providerMediaId());

        ((tools.jackson.databind.node.ObjectNode) envelope.path("data").path("message")).put("base64", "not base64 at all!");
        assertThat(((MessageReceived) readBody(envelope).events().getFirst()).media().content())
                .as("fetched instead").isNull();
        assertThat(message("document").media().content()).as("announced only").isNull();
    }

    private WebhookContent readBody(JsonNode envelope) {
        return reader.read(CONNECTION, JSON.writeValueAsBytes(envelope),
                instance -> instance.equals("acme-sales-01") ? OptionalLong.of(CONNECTION) : OptionalLong.empty());
    }

    @Test
    void locationsContactsReactionsAndUnsupportedTypes() {
        var location = message("location");
        assertThat(location.kind()).isEqualTo(MessageKind.LOCATION);
        assertThat(location.text()).isEqualTo("Oficina Centro");
        assertThat(location.details()).containsEntry("latitude", -2.170998).containsEntry("longitude", -79.922359)
                .containsEntry("address", "Av. 9 de Octubre, Guayaquil");

        var contact = message("contact");
        assertThat(contact.kind()).isEqualTo(MessageKind.CONTACTS);
        assertThat(contact.text()).isEqualTo("Luis Pérez");
        assertThat(contact.details().get("contacts"))
                .isEqualTo(List.of(Map.of("name", "Luis Pérez", "phones", List.of("+593998877665"))));

        var reaction = message("reaction");
        assertThat(reaction.kind()).isEqualTo(MessageKind.REACTION);
        assertThat(reaction.text()).isEqualTo("👍");
        assertThat(reaction.replyToProviderId()).isEqualTo("BAE594145F4C59B4");

        var poll = message("poll");
        assertThat(poll.kind()).isEqualTo(MessageKind.UNSUPPORTED);
        assertThat(poll.details()).containsEntry("type", "pollCreationMessageV3");
    }

    @Test
    void whatTheOwnerTypesOnThePhoneIsAnOutgoingMessageWithoutAProfileName() {
        var content = read("from_me");
        assertThat(content.events()).hasSize(1);
        var typed = (SentFromPhone) content.events().getFirst();
        assertThat(typed.connectionId()).isEqualTo(CONNECTION);
        assertThat(typed.message().customer()).isEqualTo(new InboundEvent.Customer("593987654321", null, null));
        assertThat(typed.message().text()).isEqualTo("Le escribo desde el teléfono");
    }

    @Test
    void privacyIdsMapToTheNumberWhenTheGatewayKnowsIt() {
        assertThat(message("lid_with_phone").customer())
                .isEqualTo(new InboundEvent.Customer("593987654321", "María Núñez", "157893012345678@lid"));
        assertThat(message("lid_only").customer())
                .isEqualTo(new InboundEvent.Customer("157893012345679@lid", "María Núñez", null));
    }

    @Test
    void groupsStoriesEditsAndEventsConversaDoesNotUseAreSkippedNotQuarantined() {
        for (String fixture : List.of("group", "status_story", "edit", "send_message", "presence",
                "update_deleted", "update_pending", "update_customer_message")) {
            var content = read(fixture);
            assertThat(content.events()).as(fixture).isEmpty();
            assertThat(content.links()).as(fixture).isEmpty();
            assertThat(content.quarantined()).as(fixture).isEmpty();
        }
    }

    @Test
    void theAddressBookBecomesContactsWithoutChats() {
        var content = read("contacts_upsert");
        assertThat(content.events()).containsExactly(new InboundEvent.ContactSeen(CONNECTION,
                new InboundEvent.Customer("593987654321", "María", null), null));
    }

    @Test
    void contactSyncSkipsGroupMembersAndNamesThatAreOnlyTheNumber() {
        var member = JSON.readTree("""
                {"remoteJid":"593987654321@s.whatsapp.net","pushName":"Ana","type":"group_member"}""");
        assertThat(EvolutionWebhookReader.contactSeen(CONNECTION, member)).isNull();
        var unnamed = JSON.readTree("""
                {"remoteJid":"593987654321@s.whatsapp.net","pushName":"593987654321","type":"contact",\
                "profilePicUrl":"https://pps.whatsapp.net/v/a.jpg"}""");
        assertThat(EvolutionWebhookReader.contactSeen(CONNECTION, unnamed)).isEqualTo(new InboundEvent.ContactSeen(
                CONNECTION, new InboundEvent.Customer("593987654321", null, null), "https://pps.whatsapp.net/v/a.jpg"));
        var group = JSON.readTree("""
                {"remoteJid":"120363025246125486@g.us","pushName":"Familia","type":"group"}""");
        assertThat(EvolutionWebhookReader.contactSeen(CONNECTION, group)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"update_server_ack, SENT", "update_delivery_ack, DELIVERED", "update_read, READ", "update_played, PLAYED",
            "update_error, FAILED"})
    void receiptsForTheBusinessesMessagesBecomeStatuses(String fixture, DeliveryStatus expected) {
        var content = read(fixture);
        assertThat(content.events()).hasSize(1);
        var status = (StatusReported) content.events().getFirst();
        assertThat(status.providerMessageId()).isEqualTo("BAE594145F4C59B4");
        assertThat(status.status()).isEqualTo(expected);
        assertThat(status.occurredAt()).isEqualTo(NOW);
        assertThat(status.errorCode()).isEqualTo(expected == DeliveryStatus.FAILED ? "gateway" : null);
    }

    @ParameterizedTest
    @CsvSource({"connecting, CONNECTING, 200", "open, CONNECTED, 200", "close_401, LOGGED_OUT, 401",
            "close_403, LOGGED_OUT, 403", "close_408, DISCONNECTED, 408", "close_428, DISCONNECTED, 428",
            "close_440, DISCONNECTED, 440", "close_500, DISCONNECTED, 500", "close_503, DISCONNECTED, 503",
            "close_515, DISCONNECTED, 515", "refused, LOGGED_OUT, 428"})
    void connectionUpdatesBecomeLinkStatesByTheirCloseReason(String fixture, LinkState state, int reason) {
        var content = read(fixture);
        assertThat(content.events()).isEmpty();
        assertThat(content.links()).hasSize(1);
        var report = (StateReported) content.links().getFirst();
        assertThat(report.connectionId()).isEqualTo(CONNECTION);
        assertThat(report.state()).isEqualTo(state);
        assertThat(report.reasonCode()).isEqualTo(reason);
    }

    @Test
    void stateReportsCarryWhenTheGatewaySentThem() {
        var report = (StateReported) read("close_408").links().getFirst();
        assertThat(report.sentAt()).isEqualTo(Instant.parse("2025-07-23T08:22:20.492Z"));
        assertThat(report.at()).isEqualTo(NOW);
    }

    @Test
    void anOpenLinkTellsWhichNumberScannedTheQr() {
        var report = (StateReported) read("open").links().getFirst();
        assertThat(report.linkedJid()).isEqualTo("593991110000@s.whatsapp.net");
        assertThat(report.profileName()).isEqualTo("Cobranzas Acme");
        assertThat(ConnectionLinks.displayNumber(report.linkedJid())).isEqualTo("+593991110000");
        assertThat(ConnectionLinks.displayNumber("593991110000:12@s.whatsapp.net")).isEqualTo("+593991110000");
    }

    @Test
    void qrCodesTheirLimitAndLogouts() {
        var qr = (QrIssued) read("qrcode").links().getFirst();
        assertThat(qr.code()).isEqualTo("2@y8eK+bjtEjUWy9/FOM,abc,def==");
        assertThat(qr.pairingCode()).isEqualTo("WZYEH1YY");
        assertThat(read("qrcode_limit").links()).containsExactly(new QrExhausted(CONNECTION, NOW));
        var logout = (StateReported) read("logout").links().getFirst();
        assertThat(logout.state()).isEqualTo(LinkState.LOGGED_OUT);
    }

    @Test
    void anotherInstancesEventIsSetAsideWithoutItsApiKey() {
        var content = read("other_instance");
        assertThat(content.events()).isEmpty();
        assertThat(content.quarantined()).hasSize(1);
        assertThat(content.quarantined().getFirst().reason()).contains("someone-else");
        assertThat(content.quarantined().getFirst().item()).doesNotContain("INSTANCE-TOKEN").doesNotContain("apikey");
    }

    @Test
    void anUnreadableMessageIsQuarantinedAndBrokenBodiesToo() {
        var content = read("no_timestamp");
        assertThat(content.events()).isEmpty();
        assertThat(content.quarantined()).singleElement().satisfies(item -> assertThat(item.reason()).contains("messageTimestamp"));
        var garbage = reader.read(CONNECTION, "not json".getBytes(), instance -> OptionalLong.of(CONNECTION));
        assertThat(garbage.quarantined()).singleElement().satisfies(item -> assertThat(item.reason()).isEqualTo("body is not JSON"));
    }

    @Test
    void vcardPhonesPreferTheWhatsAppId() {
        assertThat(EvolutionWebhookReader.vcardPhones("BEGIN:VCARD\nTEL;type=CELL:+1 555 0100\nTEL;waid=593998877665:+593 99\nEND:VCARD"))
                .containsExactly("+1 555 0100", "+593998877665");
        assertThat(EvolutionWebhookReader.vcardPhones(null)).isEmpty();
    }
}
