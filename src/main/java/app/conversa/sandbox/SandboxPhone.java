package app.conversa.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated customers' phones: what each customer wrote to a number and what the business
 * answered, with the ticks each side sees. Customer messages become signed webhooks; business
 * sends become sent → delivered → read status webhooks after short, realistic pauses.
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty(name = "conversa.sandbox.enabled")
public class SandboxPhone {

    /** One bubble on a customer's phone. */
    public record PhoneMessage(String id, boolean fromCustomer, String kind, String text, String mediaId,
            String mimeType, String filename, boolean voice, String status, Instant at) {
    }

    /** A customer of a number, as the phone page lists them. */
    public record Customer(String waId, String name) {
    }

    private final SandboxNumbers numbers;
    private final SandboxWebhooks webhooks;
    private final SandboxMedia media;
    private final app.conversa.channels.VoiceNotes voiceNotes;
    private final Clock clock;
    private final List<Duration> statusPauses;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, List<PhoneMessage>> chats = new ConcurrentHashMap<>();
    private final Map<String, String> names = new ConcurrentHashMap<>();

    public SandboxPhone(SandboxNumbers numbers, SandboxWebhooks webhooks, SandboxMedia media,
            app.conversa.channels.VoiceNotes voiceNotes, Clock clock,
            @Value("${conversa.sandbox.status-pauses:400ms,900ms,1600ms}") List<Duration> statusPauses) {
        this.numbers = numbers;
        this.webhooks = webhooks;
        this.media = media;
        this.voiceNotes = voiceNotes;
        this.clock = clock;
        this.statusPauses = statusPauses;
    }

    /** A customer writes text; returns the bubble, whose id is the wamid the app will store. */
    public PhoneMessage write(String phoneNumberId, String waId, String name, String text) {
        var number = number(phoneNumberId);
        var message = new PhoneMessage(wamid(), true, "text", text, null, null, null, false, "sent", clock.instant());
        var value = customerValue(number, waId, name);
        value.withArray("messages").addObject().setAll(envelope(message, waId)).putObject("text").put("body", text);
        return deliver(number, waId, name, message, value);
    }

    /** A customer sends a photo, a document or a voice note. */
    public PhoneMessage send(String phoneNumberId, String waId, String name, byte[] content, String mimeType,
            String filename, boolean voice, String caption) {
        var number = number(phoneNumberId);
        if (voice && !mimeType.startsWith("audio/ogg")) {
            // a phone records voice notes as OGG/Opus; a browser standing in for it may record WebM
            try {
                content = voiceNotes.toOggOpus(content);
            } catch (app.conversa.channels.VoiceNotes.ConversionFailed e) {
                throw app.conversa.shared.ConversaException.invalid("message.voice_conversion", e.getMessage());
            }
            filename = null;
        }
        if (voice) {
            mimeType = "audio/ogg; codecs=opus";
        }
        var item = media.store(phoneNumberId, content, mimeType, filename);
        String kind = mimeType.startsWith("image/") ? "image" : mimeType.startsWith("audio/") ? "audio"
                : mimeType.startsWith("video/") ? "video" : "document";
        var message = new PhoneMessage(wamid(), true, kind, caption, item.id(), mimeType, filename, voice, "sent",
                clock.instant());
        var value = customerValue(number, waId, name);
        var payload = value.withArray("messages").addObject().setAll(envelope(message, waId)).putObject(kind);
        payload.put("mime_type", mimeType).put("sha256", Base64.getEncoder().encodeToString(item.sha256()))
                .put("id", item.id());
        if (kind.equals("audio")) {
            payload.put("voice", voice);
        } else if (caption != null && !caption.isBlank()) {
            payload.put("caption", caption);
        }
        if (kind.equals("document") && filename != null) {
            payload.put("filename", filename);
        }
        return deliver(number, waId, name, message, value);
    }

    public List<PhoneMessage> conversation(String phoneNumberId, String waId) {
        return List.copyOf(chats.getOrDefault(key(phoneNumberId, waId), List.of()));
    }

    public List<Customer> customers(String phoneNumberId) {
        var customers = new ArrayList<Customer>();
        chats.keySet().stream().filter(k -> k.startsWith(phoneNumberId + ":")).sorted()
                .forEach(k -> {
                    String waId = k.substring(phoneNumberId.length() + 1);
                    customers.add(new Customer(waId, names.getOrDefault(k, "+" + waId)));
                });
        return customers;
    }

    /** The business sent a message through the fake Graph API: it appears on the phone, then the ticks come. */
    public void businessSent(SandboxNumbers.Number number, String wamid, JsonNode request, boolean dropStatuses) {
        String recipient = request.path("recipient").asString("");
        String to = recipient.isEmpty() ? request.path("to").asString("").replace("+", "") : recipient;
        String type = request.path("type").asString("");
        JsonNode payload = request.path(type);
        String text = switch (type) {
            case "text" -> payload.path("body").asString(null);
            case "reaction" -> payload.path("emoji").asString("");
            default -> payload.path("caption").asString(null);
        };
        String mediaId = payload.path("id").asString(null);
        var item = mediaId == null ? null : media.find(mediaId).orElse(null);
        append(number.phoneNumberId(), to, new PhoneMessage(wamid, false, type, text, mediaId,
                item == null ? null : item.mimeType(), payload.path("filename").asString(null),
                payload.path("voice").asBoolean(false), "sent", clock.instant()));
        if (dropStatuses) {
            return;
        }
        String callbackData = request.path("biz_opaque_callback_data").asString(null);
        String[] steps = {"sent", "delivered", "read"};
        Thread.ofVirtual().start(() -> {
            for (int i = 0; i < steps.length; i++) {
                try {
                    Thread.sleep(statusPauses.get(Math.min(i, statusPauses.size() - 1)).toMillis()
                            - (i == 0 ? 0 : statusPauses.get(i - 1).toMillis()));
                } catch (InterruptedException e) {
                    return;
                }
                updateStatus(number.phoneNumberId(), to, wamid, steps[i]);
                var value = webhooks.value(number);
                var status = value.withArray("statuses").addObject().put("id", wamid).put("status", steps[i])
                        .put("timestamp", Long.toString(clock.instant().getEpochSecond()))
                        .put(isUserId(to) ? "recipient_user_id" : "recipient_id", to);
                if (callbackData != null) {
                    status.put("biz_opaque_callback_data", callbackData); // echoed in every status, as Meta does (A3)
                }
                status.putObject("pricing").put("billable", false).put("pricing_model", "PMP")
                        .put("type", "free_customer_service").put("category", "service");
                webhooks.deliver(number, value);
            }
        });
    }

    /** A business-scoped user id ({@code US.13491208655302741918}), as opposed to a phone number's digits. */
    public static boolean isUserId(String id) {
        return id.matches("[A-Z]{2}\\.[0-9A-Za-z]{1,60}");
    }

    /** The business read the customer's messages (blue ticks on the phone). */
    public void businessRead(SandboxNumbers.Number number, String wamid) {
        chats.entrySet().stream().filter(e -> e.getKey().startsWith(number.phoneNumberId() + ":"))
                .forEach(e -> e.getValue().replaceAll(m -> m.fromCustomer() && !m.status().equals("read")
                        && !m.at().isAfter(find(e.getValue(), wamid)) ? withStatus(m, "read") : m));
    }

    private static Instant find(List<PhoneMessage> messages, String wamid) {
        return messages.stream().filter(m -> m.id().equals(wamid)).map(PhoneMessage::at).findFirst().orElse(Instant.MIN);
    }

    private void updateStatus(String phoneNumberId, String waId, String wamid, String status) {
        var list = chats.get(key(phoneNumberId, waId));
        if (list != null) {
            list.replaceAll(m -> m.id().equals(wamid) && rank(status) > rank(m.status()) ? withStatus(m, status) : m);
        }
    }

    private static int rank(String status) {
        return List.of("sent", "delivered", "read").indexOf(status);
    }

    private static PhoneMessage withStatus(PhoneMessage m, String status) {
        return new PhoneMessage(m.id(), m.fromCustomer(), m.kind(), m.text(), m.mediaId(), m.mimeType(), m.filename(),
                m.voice(), status, m.at());
    }

    private ObjectNode customerValue(SandboxNumbers.Number number, String waId, String name) {
        var value = webhooks.value(number);
        // a customer with a username is known by a business-scoped user id alone (A2)
        value.putArray("contacts").addObject().put(isUserId(waId) ? "user_id" : "wa_id", waId).putObject("profile")
                .put("name", name);
        return value;
    }

    private ObjectNode envelope(PhoneMessage message, String waId) {
        var node = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        node.put(isUserId(waId) ? "from_user_id" : "from", waId).put("id", message.id()).put("timestamp", Long.toString(message.at().getEpochSecond()))
                .put("type", message.kind());
        return node;
    }

    private PhoneMessage deliver(SandboxNumbers.Number number, String waId, String name, PhoneMessage message,
            ObjectNode value) {
        names.put(key(number.phoneNumberId(), waId), name);
        append(number.phoneNumberId(), waId, message);
        webhooks.deliver(number, value);
        return message;
    }

    private void append(String phoneNumberId, String waId, PhoneMessage message) {
        chats.computeIfAbsent(key(phoneNumberId, waId), k -> new CopyOnWriteArrayList<>()).add(message);
    }

    private SandboxNumbers.Number number(String phoneNumberId) {
        return numbers.find(phoneNumberId).orElseThrow(() ->
                app.conversa.shared.ConversaException.notFound("sandbox.number_not_found", phoneNumberId));
    }

    private static String key(String phoneNumberId, String waId) {
        return phoneNumberId + ":" + waId;
    }

    private String wamid() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return "wamid." + Base64.getEncoder().encodeToString(bytes);
    }
}
