package app.conversa.channels.cloudapi;

import static app.conversa.channels.WebhookFields.firstNonNull;
import static app.conversa.channels.WebhookFields.putIfPresent;
import static app.conversa.channels.WebhookFields.required;
import static app.conversa.channels.WebhookFields.text;

import app.conversa.channels.DeliveryStatus;
import app.conversa.channels.InboundEvent.Customer;
import app.conversa.channels.InboundEvent.Media;
import app.conversa.channels.InboundEvent.MessageReceived;
import app.conversa.channels.InboundEvent.StatusReported;
import app.conversa.channels.InboundEvent;
import app.conversa.channels.MessageKind;
import app.conversa.channels.Provider;
import app.conversa.channels.WebhookContent.ProviderError;
import app.conversa.channels.WebhookContent.Quarantined;
import app.conversa.channels.WebhookContent;
import app.conversa.channels.WebhookFields.Unreadable;
import app.conversa.channels.spi.WebhookReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads a Cloud API webhook body (PROTOCOLS.md A2/A3) into provider-neutral events. Every entry,
 * change, message and status is visited; an item that cannot be understood becomes a
 * {@link Quarantined} with its reason and does not stop the others. Changes are routed by their
 * {@code metadata.phone_number_id}, because one Meta app delivers all its numbers to one URL.
 */
@org.springframework.stereotype.Component
final class CloudApiNotifications implements WebhookReader {


    private final ObjectMapper json;

    CloudApiNotifications(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Provider provider() {
        return Provider.CLOUD_API;
    }

    @Override
    public WebhookContent read(long receivingConnectionId, byte[] body, Function<String, OptionalLong> route) {
        var events = new ArrayList<InboundEvent>();
        var quarantined = new ArrayList<Quarantined>();
        var errors = new ArrayList<ProviderError>();
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (RuntimeException notJson) {
            quarantined.add(new Quarantined("body is not JSON", new String(body, java.nio.charset.StandardCharsets.UTF_8)));
            return new WebhookContent(events, List.of(), quarantined, errors);
        }
        if (!root.path("entry").isArray()) {
            quarantined.add(new Quarantined("no entry array", root.toString()));
            return new WebhookContent(events, List.of(), quarantined, errors);
        }
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                if (!"messages".equals(change.path("field").asString(""))) {
                    continue; // template status, calls, echoes...: not handled yet, and not malformed
                }
                JsonNode value = change.path("value");
                String phoneNumberId = value.path("metadata").path("phone_number_id").asString("");
                OptionalLong connectionId = phoneNumberId.isEmpty() ? OptionalLong.empty() : route.apply(phoneNumberId);
                if (connectionId.isEmpty()) {
                    quarantined.add(new Quarantined("phone_number_id '" + phoneNumberId + "' is not a connection of this app",
                            value.toString()));
                    continue;
                }
                readValue(connectionId.getAsLong(), value, events, quarantined, errors);
            }
        }
        return new WebhookContent(events, List.of(), quarantined, errors);
    }

    private void readValue(long connectionId, JsonNode value, List<InboundEvent> events, List<Quarantined> quarantined,
            List<ProviderError> errors) {
        var profileNames = new HashMap<String, String>();
        for (JsonNode contact : value.path("contacts")) {
            // a user with a username may come with a business-scoped user id only (A2, BSUID)
            String name = firstNonNull(text(contact.path("profile"), "name"), text(contact.path("profile"), "username"));
            for (String id : new String[] {text(contact, "wa_id"), text(contact, "user_id")}) {
                if (id != null && name != null) {
                    profileNames.put(id, name);
                }
            }
        }
        for (JsonNode message : value.path("messages")) {
            try {
                var received = message(connectionId, message, profileNames);
                if (received != null) {
                    events.add(received);
                }
            } catch (Unreadable | IllegalArgumentException e) {
                quarantined.add(new Quarantined("message: " + e.getMessage(), message.toString()));
            }
        }
        for (JsonNode status : value.path("statuses")) {
            try {
                events.add(status(connectionId, status));
            } catch (Unreadable | IllegalArgumentException e) {
                quarantined.add(new Quarantined("status: " + e.getMessage(), status.toString()));
            }
        }
        for (JsonNode error : value.path("errors")) {
            errors.add(new ProviderError(connectionId, error.path("code").asString(""), reason(error)));
        }
    }

    private static MessageReceived message(long connectionId, JsonNode message, Map<String, String> profileNames) {
        String id = required(message, "id");
        var customer = customer(message, profileNames);
        Instant sentAt = timestamp(message);
        String type = required(message, "type");
        if (type.equals("request_welcome")) {
            return null; // the customer opened the chat; nothing to store until they write
        }
        String replyTo = text(message.path("context"), "id");
        var details = new LinkedHashMap<String, Object>();
        if (message.path("context").path("forwarded").asBoolean(false)
                || message.path("context").path("frequently_forwarded").asBoolean(false)) {
            details.put("forwarded", true);
        }
        JsonNode payload = message.path(type);
        MessageKind kind;
        String text = null;
        Media media = null;
        switch (type) {
            case "text" -> {
                kind = MessageKind.TEXT;
                text = required(payload, "body");
            }
            case "image", "video", "document", "sticker", "audio" -> {
                kind = MessageKind.valueOf(type.toUpperCase(Locale.ROOT));
                media = new Media(required(payload, "id"), required(payload, "mime_type"), text(payload, "sha256"),
                        text(payload, "filename"), payload.path("voice").asBoolean(false));
                text = text(payload, "caption");
            }
            case "location" -> {
                kind = MessageKind.LOCATION;
                details.put("latitude", coordinate(payload, "latitude"));
                details.put("longitude", coordinate(payload, "longitude"));
                putIfPresent(details, "name", text(payload, "name"));
                putIfPresent(details, "address", text(payload, "address"));
                putIfPresent(details, "url", text(payload, "url"));
                text = firstNonNull(text(payload, "name"), text(payload, "address"));
            }
            case "contacts" -> {
                kind = MessageKind.CONTACTS;
                var shared = new ArrayList<Map<String, Object>>();
                for (JsonNode card : payload) {
                    var phones = new ArrayList<String>();
                    card.path("phones").forEach(phone -> phones.add(phone.path("phone").asString("")));
                    shared.add(Map.of("name", card.path("name").path("formatted_name").asString(""), "phones", phones));
                }
                if (shared.isEmpty()) {
                    throw new Unreadable("contacts without any card");
                }
                details.put("contacts", shared);
                text = String.join(", ", shared.stream().map(card -> (String) card.get("name")).toList());
            }
            case "interactive" -> {
                kind = MessageKind.INTERACTIVE_REPLY;
                String replyType = required(payload, "type");
                JsonNode reply = payload.path(replyType);
                details.put("replyType", replyType);
                putIfPresent(details, "replyId", text(reply, "id"));
                putIfPresent(details, "description", text(reply, "description"));
                text = firstNonNull(text(reply, "title"), text(reply, "body"), text(reply, "response"), replyType);
            }
            case "button" -> {
                kind = MessageKind.BUTTON_REPLY;
                text = required(payload, "text");
                putIfPresent(details, "payload", text(payload, "payload"));
            }
            case "reaction" -> {
                kind = MessageKind.REACTION;
                replyTo = required(payload, "message_id");
                text = payload.path("emoji").asString(""); // empty: the reaction was removed
            }
            case "order" -> {
                kind = MessageKind.ORDER;
                details.put("items", payload.path("product_items").size());
                putIfPresent(details, "catalogId", text(payload, "catalog_id"));
                text = text(payload, "text");
            }
            case "system" -> {
                kind = MessageKind.SYSTEM;
                text = text(payload, "body");
                putIfPresent(details, "systemType", text(payload, "type"));
            }
            default -> {
                // "unsupported", and any type newer than this code: stored, shown as unsupported, never lost
                kind = MessageKind.UNSUPPORTED;
                details.put("type", firstNonNull(text(message.path("unsupported"), "type"), type));
                JsonNode error = message.path("errors").path(0);
                if (!error.isMissingNode()) {
                    details.put("errorCode", error.path("code").asString(""));
                    details.put("errorReason", reason(error));
                }
            }
        }
        return new MessageReceived(connectionId, id, customer, sentAt, kind, text, media, replyTo, details);
    }

    /**
     * Who wrote: their number ({@code from}) and, since 2026, their business-scoped user id
     * ({@code from_user_id}), which comes alone for users who chose a username. The BSUID is then
     * their only id, the way a gateway's privacy id is; with both, the BSUID names the same contact.
     */
    private static Customer customer(JsonNode message, Map<String, String> profileNames) {
        String from = text(message, "from");
        String userId = text(message, "from_user_id");
        if (from == null && userId == null) {
            throw new Unreadable("missing from and from_user_id");
        }
        if (from == null) {
            return new Customer(userId, profileNames.get(userId));
        }
        return new Customer(from, firstNonNull(profileNames.get(from), userId == null ? null : profileNames.get(userId)),
                userId);
    }

    private static StatusReported status(long connectionId, JsonNode status) {
        String id = required(status, "id");
        var delivery = switch (required(status, "status")) {
            case "sent" -> DeliveryStatus.SENT;
            case "delivered" -> DeliveryStatus.DELIVERED;
            case "read" -> DeliveryStatus.READ;
            case "played" -> DeliveryStatus.PLAYED;
            case "failed" -> DeliveryStatus.FAILED;
            default -> throw new Unreadable("unknown status '" + status.path("status").asString() + "'");
        };
        String code = null;
        String reason = null;
        JsonNode error = status.path("errors").path(0);
        if (!error.isMissingNode()) {
            code = error.path("code").asString(null);
            reason = reason(error);
        }
        return new StatusReported(connectionId, id, delivery, timestamp(status), code, reason,
                text(status, "biz_opaque_callback_data"));
    }

    /** The most readable text an error object offers: details, then message, then title. */
    static String reason(JsonNode error) {
        return firstNonNull(text(error.path("error_data"), "details"), text(error, "message"), text(error, "title"),
                "error " + error.path("code").asString("?"));
    }

    private static Instant timestamp(JsonNode node) {
        String seconds = required(node, "timestamp");
        try {
            return Instant.ofEpochSecond(Long.parseLong(seconds));
        } catch (NumberFormatException e) {
            throw new Unreadable("timestamp '" + seconds + "' is not Unix seconds");
        }
    }

    /** Coordinates come as numbers in Meta's payloads and as strings in its type declarations. */
    private static double coordinate(JsonNode payload, String field) {
        JsonNode node = payload.path(field);
        if (node.isNumber()) {
            return node.asDouble();
        }
        try {
            return Double.parseDouble(required(payload, field));
        } catch (NumberFormatException e) {
            throw new Unreadable(field + " is not a number");
        }
    }




}
