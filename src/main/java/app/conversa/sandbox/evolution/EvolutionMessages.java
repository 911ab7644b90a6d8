package app.conversa.sandbox.evolution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The messages of each instance and the webhooks they cause (B4): a business send is
 * {@code send.message} (PENDING) and then {@code messages.update} SERVER_ACK → DELIVERY_ACK → READ
 * (→ PLAYED for a voice note) a moment apart; a customer's message is {@code messages.upsert}
 * (with {@code chats.upsert} before and {@code contacts.upsert} after it on first contact); a
 * message the owner types on the linked phone is {@code messages.upsert} with {@code fromMe:true}
 * and no {@code send.message}. What happens while the link is not open waits until it opens.
 */
@Component
@ConditionalOnBooleanProperty(name = "conversa.sandbox.enabled")
class EvolutionMessages {

    private static final List<String> SENT = List.of("SERVER_ACK", "DELIVERY_ACK", "READ");
    private static final List<String> SENT_VOICE = List.of("SERVER_ACK", "DELIVERY_ACK", "READ", "PLAYED");

    private final EvolutionWebhooks webhooks;
    private final EvolutionContacts contacts;
    private final Clock clock;
    private final List<Duration> pauses;
    private final Map<String, List<EvolutionMessage>> messages = new ConcurrentHashMap<>();
    /** The gateway's WEBHOOK_BASE64: media inline in every webhook, whatever an instance's webhook asks. */
    private volatile boolean webhookBase64;
    /** Whether getBase64FromMediaMessage finds what customers sent (a gateway that stores no messages does not). */
    private volatile boolean keepsMedia = true;

    EvolutionMessages(EvolutionWebhooks webhooks, EvolutionContacts contacts, Clock clock,
            @Value("${conversa.sandbox.status-pauses:400ms,900ms,1600ms}") List<Duration> pauses,
            @Value("${conversa.sandbox.evolution.webhook-base64:false}") boolean webhookBase64) {
        this.webhooks = webhooks;
        this.contacts = contacts;
        this.clock = clock;
        this.pauses = pauses;
        this.webhookBase64 = webhookBase64;
    }

    void webhookBase64(boolean on) {
        webhookBase64 = on;
    }

    void keepsMedia(boolean keeps) {
        keepsMedia = keeps;
    }

    /** A customer's message whose media the gateway can still give, as getBase64FromMediaMessage looks it up. */
    Optional<EvolutionMessage> findWithMedia(EvolutionInstance instance, String messageId) {
        return keepsMedia ? find(instance, messageId) : Optional.empty();
    }

    /** The business sent through the API (the link is open): returned as the response shows it, PENDING. */
    ObjectNode businessSends(EvolutionInstance instance, EvolutionMessage.Address to, EvolutionMessage.Content content,
            ObjectNode contextInfo) {
        var message = add(instance, new EvolutionMessage(EvolutionPayloads.gatewayMessageId(),
                EvolutionPayloads.databaseId(), instance.id(), to, EvolutionMessage.Author.BUSINESS, "Você", content,
                contextInfo, clock.instant(), "PENDING"));
        var response = message.prepared();
        instance.whenOpen(() -> webhooks.emit(instance, "send.message", message.prepared()));
        receipts(instance, message, content.voice() ? SENT_VOICE : SENT);
        return response;
    }

    EvolutionMessage customerSends(EvolutionInstance instance, EvolutionMessage.Address from, String pushName,
            EvolutionMessage.Content content, ObjectNode contextInfo) {
        EvolutionPayloads.withContextInfo(content.message(), clock.instant());
        var message = add(instance, new EvolutionMessage(EvolutionPayloads.customerMessageId(),
                EvolutionPayloads.databaseId(), instance.id(), from, EvolutionMessage.Author.CUSTOMER, pushName,
                content, contextInfo, clock.instant(), "DELIVERY_ACK"));
        instance.whenOpen(() -> deliverInbound(instance, message));
        return message;
    }

    EvolutionMessage ownerSends(EvolutionInstance instance, EvolutionMessage.Address to, String ownerName,
            EvolutionMessage.Content content) {
        EvolutionPayloads.withContextInfo(content.message(), clock.instant());
        var message = add(instance, new EvolutionMessage(EvolutionPayloads.customerMessageId(),
                EvolutionPayloads.databaseId(), instance.id(), to, EvolutionMessage.Author.OWNER, ownerName, content,
                null, clock.instant(), "SERVER_ACK"));
        instance.whenOpen(() -> webhooks.emit(instance, "messages.upsert", message.prepared()));
        receipts(instance, message, SENT.subList(1, SENT.size()));
        return message;
    }

    /** History the gateway already holds (as if synced from the phone): no webhooks. */
    EvolutionMessage seed(EvolutionInstance instance, EvolutionMessage.Address address,
            EvolutionMessage.Author author, String pushName, EvolutionMessage.Content content, Instant at) {
        var message = new EvolutionMessage(EvolutionPayloads.customerMessageId(), EvolutionPayloads.databaseId(),
                instance.id(), address, author, pushName, content, null, at, "READ");
        message.phoneStatus("read");
        return add(instance, message);
    }

    /** The business read a customer's message: it and the customer's earlier ones get blue ticks. */
    void markRead(EvolutionInstance instance, String messageId) {
        find(instance, messageId).ifPresent(read -> all(instance).stream()
                .filter(m -> m.author() == EvolutionMessage.Author.CUSTOMER
                        && m.address().customer().equals(read.address().customer()) && !m.at().isAfter(read.at()))
                .forEach(m -> m.phoneStatus("read")));
    }

    Optional<EvolutionMessage> find(EvolutionInstance instance, String messageId) {
        return all(instance).stream().filter(m -> m.id().equals(messageId)).findFirst();
    }

    /** Oldest first. */
    List<EvolutionMessage> all(EvolutionInstance instance) {
        return messages.getOrDefault(instance.id(), List.of()).stream()
                .sorted(Comparator.comparing(EvolutionMessage::at)).toList();
    }

    void forget(EvolutionInstance instance) {
        messages.remove(instance.id());
    }

    private EvolutionMessage add(EvolutionInstance instance, EvolutionMessage message) {
        messages.computeIfAbsent(instance.id(), id -> new CopyOnWriteArrayList<>()).add(message);
        return message;
    }

    private void deliverInbound(EvolutionInstance instance, EvolutionMessage message) {
        String remoteJid = message.address().remoteJid();
        boolean first = contacts.touch(instance.id(), remoteJid, message.pushName(), clock.instant());
        if (first) {
            var chats = JsonNodeFactory.instance.arrayNode();
            chats.addObject().put("remoteJid", remoteJid).put("instanceId", instance.id()).put("unreadMessages", 1);
            webhooks.emit(instance, "chats.upsert", chats);
        }
        var data = message.prepared();
        var media = message.content().media();
        var webhook = instance.webhook();
        if (media != null && (webhookBase64 || webhook != null && webhook.base64())) {
            ((ObjectNode) data.get("message")).put("base64", Base64.getEncoder().encodeToString(media.content()));
        }
        webhooks.emit(instance, "messages.upsert", data);
        if (first) {
            webhooks.emit(instance, "contacts.upsert", JsonNodeFactory.instance.objectNode().put("remoteJid", remoteJid)
                    .put("pushName", message.pushName()).putNull("profilePicUrl").put("instanceId", instance.id()));
        }
        message.phoneStatus("delivered");
    }

    /** Receipts a moment apart (the sandbox's status pauses, measured from the send). */
    private void receipts(EvolutionInstance instance, EvolutionMessage message, List<String> steps) {
        Thread.ofVirtual().start(() -> {
            long waited = 0;
            for (int i = 0; i < steps.size(); i++) {
                long at = offset(i);
                try {
                    Thread.sleep(Math.max(0, at - waited));
                } catch (InterruptedException e) {
                    return;
                }
                waited = at;
                String status = steps.get(i);
                instance.whenOpen(() -> {
                    message.status(status);
                    webhooks.emit(instance, "messages.update", update(instance, message, status));
                });
            }
        });
    }

    private long offset(int step) {
        if (step < pauses.size()) {
            return pauses.get(step).toMillis();
        }
        long last = pauses.getLast().toMillis();
        long gap = pauses.size() > 1 ? last - pauses.get(pauses.size() - 2).toMillis() : last;
        return last + gap * (step - pauses.size() + 1);
    }

    private static ObjectNode update(EvolutionInstance instance, EvolutionMessage message, String status) {
        String remoteJid = message.address().remoteJid();
        return JsonNodeFactory.instance.objectNode().put("keyId", message.id()).put("remoteJid", remoteJid)
                .put("fromMe", message.fromMe()).put("participant", remoteJid).put("status", status)
                .put("instanceId", instance.id()).put("messageId", message.dbId());
    }
}
