package app.conversa.sandbox.evolution;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The instance routes' request reading and response shapes (B2, B3), as Evolution writes them. */
@Component
@ConditionalOnBooleanProperty(name = "conversa.sandbox.enabled")
class EvolutionInstanceViews {

    /** {@code EventController.events}: what an empty {@code events} list means. */
    static final List<String> ALL_EVENTS = List.of("APPLICATION_STARTUP", "QRCODE_UPDATED", "MESSAGES_SET",
            "MESSAGES_UPSERT", "MESSAGES_EDITED", "MESSAGES_UPDATE", "MESSAGES_DELETE", "SEND_MESSAGE",
            "SEND_MESSAGE_UPDATE", "CONTACTS_SET", "CONTACTS_UPSERT", "CONTACTS_UPDATE", "PRESENCE_UPDATE",
            "CHATS_SET", "CHATS_UPSERT", "CHATS_UPDATE", "CHATS_DELETE", "GROUPS_UPSERT", "GROUP_UPDATE",
            "GROUP_PARTICIPANTS_UPDATE", "CONNECTION_UPDATE", "LABELS_EDIT", "LABELS_ASSOCIATION", "CALL",
            "TYPEBOT_START", "TYPEBOT_CHANGE_STATUS", "REMOVE_INSTANCE", "LOGOUT_INSTANCE", "INSTANCE_CREATE",
            "INSTANCE_DELETE", "STATUS_INSTANCE");
    private static final List<String> BOOLEAN_SETTINGS = List.of("rejectCall", "groupsIgnore", "alwaysOnline",
            "readMessages", "readStatus", "syncFullHistory");

    private final EvolutionMessages messages;
    private final EvolutionContacts contacts;
    private final Clock clock;

    EvolutionInstanceViews(EvolutionMessages messages, EvolutionContacts contacts, Clock clock) {
        this.messages = messages;
        this.contacts = contacts;
        this.clock = clock;
    }

    Map<String, Object> settings(JsonNode request) {
        var settings = new LinkedHashMap<String, Object>();
        BOOLEAN_SETTINGS.forEach(name -> settings.put(name, request.path(name).asBoolean(false)));
        settings.put("msgCall", request.path("msgCall").asString(""));
        settings.put("wavoipToken", "");
        return settings;
    }

    /** Webhook settings from a request: {@code enabled:false} clears the events, an empty list means all. */
    EvolutionInstance.Webhook webhook(JsonNode request, EvolutionInstance.Webhook previous, boolean enabled) {
        String url = request.path("url").asString("");
        if (!isUrl(url)) {
            throw EvolutionError.badRequest("Invalid \"url\" property");
        }
        var headers = new LinkedHashMap<String, String>();
        request.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
        var events = new ArrayList<String>();
        request.path("events").forEach(e -> events.add(e.asString()));
        List<String> effective = !enabled ? List.of() : events.isEmpty() ? ALL_EVENTS : List.copyOf(events);
        var now = clock.instant();
        return new EvolutionInstance.Webhook(previous == null ? UUID.randomUUID().toString() : previous.id(), url,
                Collections.unmodifiableMap(headers), enabled, request.path("byEvents").asBoolean(false),
                request.path("base64").asBoolean(false), effective, previous == null ? now : previous.createdAt(), now);
    }

    ObjectNode created(EvolutionInstance instance, boolean qrcode) {
        var body = object();
        body.putObject("instance").put("instanceName", instance.name()).put("instanceId", instance.id())
                .put("integration", "WHATSAPP-BAILEYS").putNull("webhookWaBusiness").put("accessTokenWaBusiness", "")
                .put("status", instance.state().wire());
        body.put("hash", instance.token());
        var webhook = body.putObject("webhook");
        var settings = instance.webhook();
        if (settings != null) {
            webhook.put("webhookUrl", settings.url());
            webhook.set("webhookHeaders", headers(settings));
            webhook.put("webhookByEvents", settings.byEvents()).put("webhookBase64", settings.base64());
        }
        List.of("websocket", "rabbitmq", "nats", "sqs").forEach(body::putObject);
        body.set("settings", settings(instance));
        if (qrcode) {
            body.set("qrcode", qr(instance));
        }
        return body;
    }

    /** The QR object (connect's answer); only {@code count} when a kept session is resuming. */
    ObjectNode qr(EvolutionInstance instance) {
        var qr = instance.qr();
        if (qr == null) {
            return object().put("count", 0);
        }
        return object().put("pairingCode", qr.pairingCode()).put("code", qr.code()).put("base64", qr.base64())
                .put("count", qr.count());
    }

    ObjectNode connectionState(EvolutionInstance instance) {
        var body = object();
        body.putObject("instance").put("instanceName", instance.name()).put("state", instance.state().wire());
        return body;
    }

    /** A fetchInstances row (the Prisma Instance row with its relations). */
    ObjectNode row(EvolutionInstance instance) {
        var session = instance.session();
        var disconnection = instance.disconnection();
        var all = messages.all(instance);
        var row = object().put("id", instance.id()).put("name", instance.name())
                .put("connectionStatus", instance.state().wire())
                .put("ownerJid", session == null ? null : session.wuid())
                .put("profileName", session == null ? null : session.profileName()).putNull("profilePicUrl")
                .put("integration", "WHATSAPP-BAILEYS").put("number", instance.pairingNumber()).putNull("businessId")
                .put("token", instance.token()).put("clientName", "evolution_sandbox")
                .put("disconnectionReasonCode", disconnection == null ? null : disconnection.reasonCode())
                .put("disconnectionObject", disconnection == null ? null : disconnection.object())
                .put("disconnectionAt", disconnection == null ? null : EvolutionPayloads.iso(disconnection.at()))
                .put("createdAt", EvolutionPayloads.iso(instance.createdAt()))
                .put("updatedAt", EvolutionPayloads.iso(instance.updatedAt()));
        List.of("Chatwoot", "Proxy", "Rabbitmq", "Nats", "Sqs", "Websocket").forEach(row::putNull);
        row.putObject("Setting").put("id", instance.id() + "-settings").setAll(settings(instance))
                .put("instanceId", instance.id());
        row.putObject("_count").put("Message", all.size()).put("Contact", contacts.all(instance.id()).size())
                .put("Chat", all.stream().map(m -> m.address().remoteJid()).distinct().count());
        return row;
    }

    ObjectNode webhookRow(EvolutionInstance instance) {
        var webhook = instance.webhook();
        var row = object().put("id", webhook.id()).put("url", webhook.url());
        row.set("headers", headers(webhook));
        row.put("enabled", webhook.enabled());
        var events = row.putArray("events");
        webhook.events().forEach(events::add);
        return row.put("webhookByEvents", webhook.byEvents()).put("webhookBase64", webhook.base64())
                .put("createdAt", EvolutionPayloads.iso(webhook.createdAt()))
                .put("updatedAt", EvolutionPayloads.iso(webhook.updatedAt()))
                .put("instanceId", instance.id());
    }

    private static ObjectNode headers(EvolutionInstance.Webhook webhook) {
        var node = object();
        webhook.headers().forEach(node::put);
        return node;
    }

    private static ObjectNode settings(EvolutionInstance instance) {
        var node = object();
        instance.settings().forEach((name, value) -> {
            if (value instanceof Boolean flag) {
                node.put(name, flag);
            } else {
                node.put(name, String.valueOf(value));
            }
        });
        return node;
    }

    private static boolean isUrl(String url) {
        try {
            var uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
