package app.conversa.channels.evolution;

import static app.conversa.channels.WebhookFields.firstNonNull;
import static app.conversa.channels.WebhookFields.putIfPresent;
import static app.conversa.channels.WebhookFields.required;
import static app.conversa.channels.WebhookFields.text;

import app.conversa.channels.DeliveryStatus;
import app.conversa.channels.InboundEvent.Customer;
import app.conversa.channels.InboundEvent.Media;
import app.conversa.channels.InboundEvent.MessageReceived;
import app.conversa.channels.InboundEvent.SentFromPhone;
import app.conversa.channels.InboundEvent.StatusReported;
import app.conversa.channels.InboundEvent;
import app.conversa.channels.LinkReport.QrExhausted;
import app.conversa.channels.LinkReport.QrIssued;
import app.conversa.channels.LinkReport.StateReported;
import app.conversa.channels.LinkReport;
import app.conversa.channels.LinkState;
import app.conversa.channels.MessageKind;
import app.conversa.channels.Provider;
import app.conversa.channels.WebhookContent.Quarantined;
import app.conversa.channels.WebhookContent;
import app.conversa.channels.WebhookFields.Unreadable;
import app.conversa.channels.spi.WebhookReader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads an Evolution API webhook (PROTOCOLS.md B3 envelope, B4 events) into provider-neutral
 * events and link reports. The envelope's {@code instance} must be the receiving connection's
 * instance, or the call is set aside. The envelope's {@code apikey} is never read. Events Conversa
 * does not use (presence, chats, groups, calls...) are skipped, not quarantined; messages in
 * groups, status stories and channels are skipped too (a CRM talks to people).
 */
@Component
class EvolutionWebhookReader implements WebhookReader {

    /** Baileys' disconnect reasons after which only a new QR brings the number back (B4). */
    static final Set<Integer> LOGGED_OUT_REASONS = Set.of(401, 402, 403, 406);
    private static final String USER = "@s.whatsapp.net";
    private static final String PRIVACY = "@lid";

    private final ObjectMapper json;
    private final Clock clock;

    EvolutionWebhookReader(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }


    @Override
    public Provider provider() {
        return Provider.EVOLUTION_API;
    }

    @Override
    public WebhookContent read(long connectionId, byte[] body, Function<String, OptionalLong> route) {
        var events = new ArrayList<InboundEvent>();
        var links = new ArrayList<LinkReport>();
        var quarantined = new ArrayList<Quarantined>();
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (RuntimeException notJson) {
            return WebhookContent.unreadable("body is not JSON", new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
        String event = root.path("event").asString("");
        String instance = root.path("instance").asString("");
        JsonNode data = root.path("data");
        if (event.isEmpty() || data.isMissingNode()) {
            return WebhookContent.unreadable("no event or data", withoutKey(root));
        }
        if (instance.isEmpty() || route.apply(instance).isEmpty()) {
            return WebhookContent.unreadable("instance '" + instance + "' is not this connection's", withoutKey(root));
        }
        Instant now = clock.instant();
        switch (event) {
            case "messages.upsert" -> each(data, item -> {
                try {
                    var message = message(connectionId, item);
                    if (message != null) {
                        events.add(message);
                    }
                } catch (Unreadable | IllegalArgumentException e) {
                    quarantined.add(new Quarantined("message: " + e.getMessage(), item.toString()));
                }
            });
            case "messages.update" -> each(data, item -> {
                try {
                    var status = status(connectionId, item, now);
                    if (status != null) {
                        events.add(status);
                    }
                } catch (Unreadable | IllegalArgumentException e) {
                    quarantined.add(new Quarantined("status: " + e.getMessage(), item.toString()));
                }
            });
            case "qrcode.updated" -> {
                JsonNode qr = data.path("qrcode");
                String code = qr.path("code").asString("");
                if (!code.isEmpty()) {
                    links.add(new QrIssued(connectionId, code, emptyToNull(qr.path("pairingCode").asString("")), now));
                } else if (data.has("statusCode") || data.has("message")) {
                    links.add(new QrExhausted(connectionId, now)); // "QR code limit reached, please login again"
                } else {
                    quarantined.add(new Quarantined("qrcode.updated without a code", data.toString()));
                }
            }
            case "connection.update" -> {
                var report = connectionState(connectionId, data, now, sentAt(root));
                if (report == null) {
                    quarantined.add(new Quarantined("connection.update with state '" + data.path("state").asString("")
                            + "'", data.toString()));
                } else {
                    links.add(report);
                }
            }
            case "contacts.upsert", "contacts.update" -> each(data, item -> {
                var seen = contactSeen(connectionId, item);
                if (seen != null) {
                    events.add(seen);
                }
            });
            case "logout.instance" -> links.add(new StateReported(connectionId, LinkState.LOGGED_OUT, 401, null, null, now,
                    sentAt(root)));
            default -> {
                // contacts.upsert, send.message, presence, chats, calls, groups...: not used here
            }
        }
        return new WebhookContent(events, links, quarantined, List.of());
    }

    /** B4 CONNECTION_UPDATE: open, connecting, close (with Baileys' reason) or refused (QR limit). */
    static StateReported connectionState(long connectionId, JsonNode data, Instant now, Instant sentAt) {
        Integer reason = data.path("statusReason").isNumber() ? data.path("statusReason").asInt() : null;
        LinkState state = switch (data.path("state").asString("")) {
            case "open" -> LinkState.CONNECTED;
            case "connecting" -> LinkState.CONNECTING;
            case "close" -> reason != null && LOGGED_OUT_REASONS.contains(reason)
                    ? LinkState.LOGGED_OUT : LinkState.DISCONNECTED;
            case "refused" -> LinkState.LOGGED_OUT;
            default -> null;
        };
        if (state == null) {
            return null;
        }
        String jid = emptyToNull(data.path("wuid").asString(""));
        return new StateReported(connectionId, state, reason, jid, emptyToNull(data.path("profileName").asString("")), now,
                sentAt);
    }

    /** The envelope's {@code date_time} (B3: the gateway's own clock), or null when absent or unreadable. */
    private static Instant sentAt(JsonNode root) {
        try {
            return Instant.parse(root.path("date_time").asString(""));
        } catch (java.time.DateTimeException unreadable) {
            return null;
        }
    }

    private static void each(JsonNode data, java.util.function.Consumer<JsonNode> action) {
        if (data.isArray()) {
            data.forEach(action);
        } else {
            action.accept(data);
        }
    }

    /** B4 MESSAGES_UPSERT: a customer's message, or the business's own typed on the phone ({@code fromMe}). */
    static InboundEvent message(long connectionId, JsonNode item) {
        JsonNode key = item.path("key");
        String id = required(key, "id");
        Customer customer = customer(key, item);
        if (customer == null) {
            return null; // a group, a status story, a channel
        }
        boolean fromMe = key.path("fromMe").asBoolean(false);
        String messageType = item.path("messageType").asString("");
        JsonNode message = item.path("message");
        if (messageType.isEmpty()) {
            throw new Unreadable("no messageType");
        }
        if (messageType.equals("protocolMessage") || messageType.equals("senderKeyDistributionMessage")
                || messageType.equals("messageContextInfo")) {
            return null; // edits, revokes and key exchanges: not messages a person wrote
        }
        Instant sentAt = timestamp(item.path("messageTimestamp"));
        String replyTo = emptyToNull(item.path("contextInfo").path("stanzaId").asString(""));
        var details = new LinkedHashMap<String, Object>();
        MessageKind kind;
        String text = null;
        Media media = null;
        switch (messageType) {
            case "conversation" -> {
                kind = MessageKind.TEXT;
                text = required(message, "conversation");
            }
            case "extendedTextMessage" -> { // Evolution 1.x, and any payload not yet rewritten
                kind = MessageKind.TEXT;
                JsonNode extended = message.path("extendedTextMessage");
                text = firstNonNull(text(extended, "text"), text(message, "conversation"));
                if (text == null) {
                    throw new Unreadable("extendedTextMessage without text");
                }
                if (replyTo == null) {
                    replyTo = text(extended.path("contextInfo"), "stanzaId");
                }
            }
            case "imageMessage", "videoMessage", "ptvMessage", "audioMessage", "documentMessage",
                    "documentWithCaptionMessage", "stickerMessage" -> {
                JsonNode content = message.path(messageType);
                if (messageType.equals("documentWithCaptionMessage")) {
                    content = message.path(messageType).path("message").path("documentMessage");
                }
                kind = switch (messageType) {
                    case "imageMessage" -> MessageKind.IMAGE;
                    case "videoMessage", "ptvMessage" -> MessageKind.VIDEO;
                    case "audioMessage" -> MessageKind.AUDIO;
                    case "stickerMessage" -> MessageKind.STICKER;
                    default -> MessageKind.DOCUMENT;
                };
                String mimeType = text(content, "mimetype");
                if (mimeType == null) {
                    throw new Unreadable(messageType + " without a mimetype");
                }
                media = new Media(id, mimeType, text(content, "fileSha256"),
                        firstNonNull(text(content, "fileName"), text(content, "title")),
                        kind == MessageKind.AUDIO && content.path("ptt").asBoolean(false), inline(message));
                text = text(content, "caption");
                if (replyTo == null) {
                    replyTo = text(content.path("contextInfo"), "stanzaId");
                }
            }
            case "locationMessage", "liveLocationMessage" -> {
                kind = MessageKind.LOCATION;
                JsonNode location = message.path(messageType);
                if (!location.path("degreesLatitude").isNumber() || !location.path("degreesLongitude").isNumber()) {
                    throw new Unreadable("location without coordinates");
                }
                details.put("latitude", location.path("degreesLatitude").asDouble());
                details.put("longitude", location.path("degreesLongitude").asDouble());
                putIfPresent(details, "name", text(location, "name"));
                putIfPresent(details, "address", text(location, "address"));
                text = firstNonNull(text(location, "name"), text(location, "address"));
            }
            case "contactMessage", "contactsArrayMessage" -> {
                kind = MessageKind.CONTACTS;
                var cards = new ArrayList<JsonNode>();
                if (messageType.equals("contactMessage")) {
                    cards.add(message.path("contactMessage"));
                } else {
                    message.path("contactsArrayMessage").path("contacts").forEach(cards::add);
                }
                var shared = new ArrayList<Map<String, Object>>();
                for (JsonNode card : cards) {
                    String name = text(card, "displayName");
                    shared.add(Map.of("name", name == null ? "" : name, "phones", vcardPhones(text(card, "vcard"))));
                }
                if (shared.isEmpty()) {
                    throw new Unreadable("contacts without any card");
                }
                details.put("contacts", shared);
                text = String.join(", ", shared.stream().map(card -> (String) card.get("name")).toList());
            }
            case "reactionMessage" -> {
                kind = MessageKind.REACTION;
                JsonNode reaction = message.path("reactionMessage");
                replyTo = required(reaction.path("key"), "id");
                text = reaction.path("text").asString(""); // empty: the reaction was removed
            }
            case "buttonsResponseMessage" -> {
                kind = MessageKind.INTERACTIVE_REPLY;
                JsonNode reply = message.path(messageType);
                details.put("replyType", "button_reply");
                putIfPresent(details, "replyId", text(reply, "selectedButtonId"));
                text = firstNonNull(text(reply, "selectedDisplayText"), text(reply, "selectedButtonId"));
            }
            case "listResponseMessage" -> {
                kind = MessageKind.INTERACTIVE_REPLY;
                JsonNode reply = message.path(messageType);
                details.put("replyType", "list_reply");
                putIfPresent(details, "replyId", text(reply.path("singleSelectReply"), "selectedRowId"));
                putIfPresent(details, "description", text(reply, "description"));
                text = firstNonNull(text(reply, "title"), text(reply.path("singleSelectReply"), "selectedRowId"));
            }
            case "templateButtonReplyMessage" -> {
                kind = MessageKind.BUTTON_REPLY;
                JsonNode reply = message.path(messageType);
                putIfPresent(details, "payload", text(reply, "selectedId"));
                text = firstNonNull(text(reply, "selectedDisplayText"), text(reply, "selectedId"));
            }
            default -> {
                // polls, view-once, ephemeral wrappers, and any type newer than this code: kept, shown as unsupported
                kind = MessageKind.UNSUPPORTED;
                details.put("type", messageType);
            }
        }
        if (text == null && kind == MessageKind.TEXT) {
            throw new Unreadable("text message without text");
        }
        var received = new MessageReceived(connectionId, id, fromMe ? new Customer(customer.waId(), null,
                customer.privacyId()) : customer, sentAt, kind, text, media, replyTo, details);
        return fromMe ? new SentFromPhone(received) : received;
    }

    /**
     * The media's bytes when the gateway sent them inline ({@code message.base64}, WEBHOOK_BASE64
     * on), or null: then they are fetched, as they are when the inline copy is not base64.
     */
    private static byte[] inline(JsonNode message) {
        String base64 = text(message, "base64");
        if (base64 == null) {
            return null;
        }
        try {
            return java.util.Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    /** B4 CONTACTS_UPSERT and B6 findContacts rows: a person in the number's address book (groups skipped). */
    static InboundEvent.ContactSeen contactSeen(long connectionId, JsonNode item) {
        String jid = item.path("remoteJid").asString("");
        String type = item.path("type").asString("");
        if (!jid.endsWith(USER) || "group".equals(type) || "group_member".equals(type)) {
            return null; // people who only share a group with the number are not its contacts
        }
        String digits;
        try {
            digits = digits(jid);
        } catch (Unreadable notANumber) {
            return null;
        }
        String photo = item.path("profilePicUrl").asString("");
        String name = emptyToNull(item.path("pushName").asString(""));
        if (name != null && name.replaceAll("\\D", "").equals(digits)) {
            name = null; // Evolution names a contact it knows nothing about by its number
        }
        return new InboundEvent.ContactSeen(connectionId, new Customer(digits, name, null),
                photo.startsWith("https://") ? photo : null);
    }

    /**
     * The other party, from {@code key.remoteJid}: a phone number's digits, or a privacy id with the
     * number from {@code remoteJidAlt} when the gateway knows it (B4). Null for groups, stories and
     * channels.
     */
    private static Customer customer(JsonNode key, JsonNode item) {
        String remote = required(key, "remoteJid");
        String alternate = key.path("remoteJidAlt").asString("");
        String name = emptyToNull(item.path("pushName").asString(""));
        if (remote.endsWith(USER)) {
            String digits = digits(remote);
            return new Customer(digits, name, alternate.endsWith(PRIVACY) ? bare(alternate) : null);
        }
        if (remote.endsWith(PRIVACY)) {
            if (alternate.endsWith(USER)) {
                return new Customer(digits(alternate), name, bare(remote));
            }
            return new Customer(bare(remote), name, null);
        }
        return null;
    }

    /** A jid without its device part ({@code 123:4@lid} → {@code 123@lid}). */
    private static String bare(String jid) {
        int at = jid.indexOf('@');
        String user = jid.substring(0, at);
        int device = user.indexOf(':');
        return (device < 0 ? user : user.substring(0, device)) + jid.substring(at);
    }

    private static String digits(String jid) {
        String user = bare(jid);
        String digits = user.substring(0, user.indexOf('@'));
        if (!digits.matches("\\d{5,20}")) {
            throw new Unreadable("not a phone number: " + jid);
        }
        return digits;
    }

    /** B4 MESSAGES_UPDATE: receipts for messages the business sent; others (the customer's) are skipped. */
    private static StatusReported status(long connectionId, JsonNode item, Instant now) {
        if (!item.path("fromMe").asBoolean(true)) {
            return null;
        }
        String id = firstNonNull(text(item, "keyId"), text(item.path("key"), "id"));
        if (id == null) {
            throw new Unreadable("no keyId");
        }
        DeliveryStatus status = switch (item.path("status").asString("")) {
            case "SERVER_ACK" -> DeliveryStatus.SENT;
            case "DELIVERY_ACK" -> DeliveryStatus.DELIVERED;
            case "READ" -> DeliveryStatus.READ;
            case "PLAYED" -> DeliveryStatus.PLAYED;
            case "ERROR" -> DeliveryStatus.FAILED;
            case "PENDING", "DELETED" -> null; // not news, or spurious before READ (issue #2010)
            default -> throw new Unreadable("unknown status '" + item.path("status").asString("") + "'");
        };
        if (status == null) {
            return null;
        }
        return new StatusReported(connectionId, id, status, now,
                status == DeliveryStatus.FAILED ? "gateway" : null,
                status == DeliveryStatus.FAILED ? "The gateway reported an error for this message." : null);
    }

    /** Phone numbers in a vCard's TEL lines ({@code waid=} when present, else the number as written). */
    static List<String> vcardPhones(String vcard) {
        var phones = new ArrayList<String>();
        if (vcard == null) {
            return phones;
        }
        for (String line : vcard.split("\\r?\\n")) {
            if (!line.toUpperCase(java.util.Locale.ROOT).startsWith("TEL") || !line.contains(":")) {
                continue;
            }
            var waid = java.util.regex.Pattern.compile("waid=(\\d+)").matcher(line);
            phones.add(waid.find() ? "+" + waid.group(1) : line.substring(line.lastIndexOf(':') + 1).strip());
        }
        return phones;
    }

    /** Unix seconds as a number or a string; Baileys' Long objects as {@code {low, high}}. */
    private static Instant timestamp(JsonNode node) {
        long seconds;
        if (node.isNumber()) {
            seconds = node.asLong();
        } else if (node.isString() && node.asString().matches("\\d{1,12}")) {
            seconds = Long.parseLong(node.asString());
        } else if (node.isObject() && node.path("low").isNumber()) {
            seconds = (node.path("high").asLong(0) << 32) | (node.path("low").asLong() & 0xFFFFFFFFL);
        } else {
            throw new Unreadable("no messageTimestamp");
        }
        return Instant.ofEpochSecond(seconds);
    }

    /** The envelope as JSON without the {@code apikey} field, for the quarantine. */
    private static String withoutKey(JsonNode root) {
        if (root.isObject()) {
            var copy = ((tools.jackson.databind.node.ObjectNode) root).deepCopy();
            copy.remove("apikey");
            return copy.toString();
        }
        return root.toString();
    }



    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }


}
