package app.conversa.channels;

import app.conversa.shared.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating or refreshing a Cloud API connection from code, not from an administrator's form:
 * the sandbox links its demo number this way at start-up (its local URL changes with the port).
 */
@Service
public class ConnectionProvisioning {

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

    private final Connections connections;
    private final ConnectionRepository repository;
    private final JdbcClient jdbc;

    ConnectionProvisioning(Connections connections, ConnectionRepository repository, JdbcClient jdbc) {
        this.connections = connections;
        this.repository = repository;
        this.jdbc = jdbc;
    }

    /** Returns the connection's id, creating it, or bringing its URL and secrets up to date. */
    @Transactional
    public long ensure(CloudApiNumber number) {
        var settings = new Connection.Settings(number.name(), number.displayNumber(), number.phoneNumberId(),
                number.wabaId(), number.graphBaseUrl(), number.graphVersion(), number.welcomeMessage(),
                number.farewellMessage());
        var secrets = new Connections.Secrets(number.accessToken(), number.appSecret(), number.verifyToken());
        var existing = repository.findByProviderAndPhoneNumberId(Provider.CLOUD_API, number.phoneNumberId());
        long id;
        if (existing.isEmpty()) {
            id = connections.create(SYSTEM, settings, secrets).id();
        } else {
            id = existing.get().id();
            var current = existing.get().settings();
            var kept = new Connection.Settings(current.name(), current.displayNumber(), current.phoneNumberId(),
                    current.wabaId(), number.graphBaseUrl(), number.graphVersion(), current.welcomeMessage(),
                    current.farewellMessage());
            connections.update(SYSTEM, id, kept, secrets);
        }
        if (number.departmentId() != null) {
            jdbc.sql("update connections set department_id = ? where id = ? and department_id is null")
                    .params(number.departmentId(), id).update();
        }
        return id;
    }
}
