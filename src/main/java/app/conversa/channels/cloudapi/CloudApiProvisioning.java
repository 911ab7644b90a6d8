package app.conversa.channels.cloudapi;

import app.conversa.channels.Connection;
import app.conversa.channels.ConnectionRepository;
import app.conversa.channels.Connections;
import app.conversa.channels.Provider;
import app.conversa.shared.Actor;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating or refreshing a Cloud API number from code, not from an administrator's form: the
 * sandbox links its demo number this way at start-up (its local URL changes with the port).
 */
@Service
@NamedInterface("provisioning")
public class CloudApiProvisioning {

    /** What a provisioned Cloud API number needs; secrets in clear, sealed on the way in. */
    public record CloudApiNumber(String name, String displayNumber, String phoneNumberId, String wabaId,
            String graphBaseUrl, String graphVersion, String welcomeMessage, String farewellMessage,
            String accessToken, String appSecret, String verifyToken, Long departmentId) {

        @Override
        public String toString() {
            return "CloudApiNumber[" + phoneNumberId + "]";
        }
    }

    private static final Actor SYSTEM = new Actor(null, "system");

    private final CloudApiNumbers numbers;
    private final Connections connections;
    private final ConnectionRepository repository;

    CloudApiProvisioning(CloudApiNumbers numbers, Connections connections, ConnectionRepository repository) {
        this.numbers = numbers;
        this.connections = connections;
        this.repository = repository;
    }

    /** Returns the connection's id, creating it, or bringing its URL and secrets up to date. */
    @Transactional
    public long ensure(CloudApiNumber number) {
        var settings = new Connection.Settings(number.name(), number.displayNumber(), number.phoneNumberId(),
                number.wabaId(), number.graphBaseUrl(), number.graphVersion(), number.welcomeMessage(),
                number.farewellMessage());
        var secrets = new CloudApiNumbers.Secrets(number.accessToken(), number.appSecret(), number.verifyToken());
        var existing = repository.findByProviderAndPhoneNumberId(Provider.CLOUD_API, number.phoneNumberId());
        long id;
        if (existing.isEmpty()) {
            id = numbers.create(SYSTEM, settings, secrets).id();
        } else {
            id = existing.get().id();
            var current = existing.get().settings();
            var kept = new Connection.Settings(current.name(), current.displayNumber(), current.phoneNumberId(),
                    current.wabaId(), number.graphBaseUrl(), number.graphVersion(), current.welcomeMessage(),
                    current.farewellMessage());
            numbers.update(SYSTEM, id, kept, secrets);
        }
        if (number.departmentId() != null) {
            connections.departmentIfNone(id, number.departmentId());
        }
        return id;
    }
}
