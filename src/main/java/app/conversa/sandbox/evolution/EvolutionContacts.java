package app.conversa.sandbox.evolution;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contacts each instance knows (from customers who wrote, or seeded as if synced from the
 * phone), and WhatsApp's privacy ids: every number has one stable LID ({@code <digits>@lid}).
 */
@Component
@ConditionalOnBooleanProperty(name = "conversa.sandbox.enabled")
class EvolutionContacts {

    record Contact(String id, String remoteJid, String pushName, String profilePicUrl, Instant createdAt,
            Instant updatedAt) {
    }

    private final Map<String, Map<String, Contact>> contacts = new ConcurrentHashMap<>();
    private final Map<String, String> numbersByLid = new ConcurrentHashMap<>();

    /** The number's LID: 15 digits derived from it, the same at every call. */
    String lidOf(String number) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(number.getBytes(StandardCharsets.UTF_8));
            long value = java.nio.ByteBuffer.wrap(hash).getLong() & Long.MAX_VALUE;
            String lid = "1" + String.format("%014d", value % 100_000_000_000_000L);
            numbersByLid.put(lid, number);
            return lid;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The phone number behind a LID the gateway has seen; the LID itself when unknown. */
    String numberOfLid(String lid) {
        return numbersByLid.getOrDefault(lid, lid);
    }

    /** A customer wrote: their contact is created or renamed; returns whether it is new. */
    boolean touch(String instanceId, String remoteJid, String pushName, Instant now) {
        var known = of(instanceId);
        var previous = known.get(remoteJid);
        known.put(remoteJid, previous == null
                ? new Contact(EvolutionPayloads.databaseId(), remoteJid, pushName, null, now, now)
                : new Contact(previous.id(), remoteJid, pushName, previous.profilePicUrl(), previous.createdAt(), now));
        return previous == null;
    }

    void seed(String instanceId, String remoteJid, String name, String profilePicUrl, Instant now) {
        of(instanceId).put(remoteJid, new Contact(EvolutionPayloads.databaseId(), remoteJid, name, profilePicUrl, now, now));
    }

    Optional<Contact> find(String instanceId, String remoteJid) {
        return Optional.ofNullable(of(instanceId).get(remoteJid));
    }

    List<Contact> all(String instanceId) {
        return of(instanceId).values().stream().sorted(Comparator.comparing(Contact::remoteJid)).toList();
    }

    /** A findContacts row (B6). */
    static ObjectNode row(Contact contact, String instanceId) {
        return JsonNodeFactory.instance.objectNode().put("id", contact.id()).put("remoteJid", contact.remoteJid())
                .put("pushName", contact.pushName()).put("profilePicUrl", contact.profilePicUrl())
                .put("createdAt", EvolutionPayloads.iso(contact.createdAt()))
                .put("updatedAt", EvolutionPayloads.iso(contact.updatedAt()))
                .put("instanceId", instanceId).put("isGroup", contact.remoteJid().endsWith("@g.us"))
                .put("isSaved", true).put("type", contact.remoteJid().endsWith("@g.us") ? "group" : "contact");
    }

    private Map<String, Contact> of(String instanceId) {
        return contacts.computeIfAbsent(instanceId, id -> new ConcurrentHashMap<>());
    }
}
