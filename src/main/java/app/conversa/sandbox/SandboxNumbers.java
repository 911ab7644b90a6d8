package app.conversa.sandbox;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The numbers the fake Graph API serves, with the secrets it shares with their connections. */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty(name = "conversa.sandbox.enabled")
public class SandboxNumbers {

    /** A simulated business number and the connection that uses it. */
    public record Number(long connectionId, String phoneNumberId, String displayNumber, String name, String accessToken,
            String appSecret) {

        @Override
        public String toString() {
            return "Number[" + phoneNumberId + "]";
        }
    }

    private final Map<String, Number> numbers = new ConcurrentHashMap<>();

    public void link(Number number) {
        numbers.put(number.phoneNumberId(), number);
    }

    public Optional<Number> find(String phoneNumberId) {
        return Optional.ofNullable(numbers.get(phoneNumberId));
    }

    public Collection<Number> all() {
        return numbers.values();
    }
}
