package app.conversa.sandbox;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Media held by the fake Graph API: uploaded by the business, or sent by a simulated customer. */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty(name = "conversa.sandbox.enabled")
public class SandboxMedia {

    public record Item(String id, String phoneNumberId, byte[] content, String mimeType, String filename, byte[] sha256) {
    }

    private final Map<String, Item> items = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public Item store(String phoneNumberId, byte[] content, String mimeType, String filename) {
        String id = Long.toString(1_000_000_000_000_000L + (random.nextLong() & Long.MAX_VALUE) % 8_000_000_000_000_000L);
        var item = new Item(id, phoneNumberId, content, mimeType, filename, sha256(content));
        items.put(id, item);
        return item;
    }

    public Optional<Item> find(String id) {
        return Optional.ofNullable(items.get(id));
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
