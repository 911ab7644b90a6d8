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
    private final EvolutionNumbers gatewayNumbers;
    private final EvolutionGateway gateway;
    private final app.conversa.shared.SecretBox secrets;
    private final ConnectionLinks links;
    private final org.springframework.transaction.support.TransactionTemplate transactions;

    ConnectionProvisioning(Connections connections, ConnectionRepository repository, JdbcClient jdbc,
            EvolutionNumbers gatewayNumbers, EvolutionGateway gateway, app.conversa.shared.SecretBox secrets,
            ConnectionLinks links, org.springframework.transaction.support.TransactionTemplate transactions) {
        this.links = links;
        this.transactions = transactions;
        this.connections = connections;
        this.repository = repository;
        this.jdbc = jdbc;
        this.gatewayNumbers = gatewayNumbers;
        this.gateway = gateway;
        this.secrets = secrets;
    }

    /** Points Conversa at an Evolution API gateway (the sandbox's fake one, in demo mode). */
    public void ensureGateway(String baseUrl, String apiKey, String callbackBaseUrl) {
        gatewayNumbers.configure(SYSTEM, baseUrl, apiKey, callbackBaseUrl);
    }

    /**
     * Returns the id of the gateway number with this name, creating it, or creating its instance
     * on the gateway again (a gateway that forgot it, like the sandbox's after a restart) with the
     * stored token and webhook secret. Returns the instance name too.
     */
    public GatewayNumber ensureGatewayNumber(String name, String welcomeMessage, String farewellMessage, Long departmentId) {
        long id;
        String instance;
        var existing = repository.findAllByOrderByName().stream()
                .filter(c -> c.provider() == Provider.EVOLUTION_API && c.name().equals(name) && c.active()).findFirst();
        if (existing.isEmpty()) {
            var created = gatewayNumbers.create(SYSTEM, name, welcomeMessage, farewellMessage);
            id = created.id();
            instance = created.instanceName();
        } else {
            var connection = existing.get();
            id = connection.id();
            instance = connection.instanceName();
            var settings = gateway.settings().orElseThrow();
            try {
                var created = gateway.createInstance(instance, secrets.openText(connection.sealedInstanceToken(), EvolutionNumbers.INSTANCE_TOKEN),
                        EvolutionNumbers.webhookUrl(settings, id),
                        secrets.openText(connection.sealedWebhookSecret(), EvolutionNumbers.WEBHOOK_SECRET));
                String code = created.path("qrcode").path("code").asString("");
                transactions.executeWithoutResult(tx -> { // a new instance: whatever was linked before is gone
                    links.change(id, LinkState.QR_PENDING, null, null, null, null);
                    if (!code.isEmpty()) {
                        links.qrIssued(id, code, null);
                    }
                });
            } catch (SendFailure failure) {
                if (!failure.code().equals("http 403")) { // 403: the gateway still has it
                    throw failure;
                }
            }
        }
        if (departmentId != null) {
            jdbc.sql("update connections set department_id = ? where id = ? and department_id is null")
                    .params(departmentId, id).update();
        }
        return new GatewayNumber(id, instance);
    }

    /** A gateway number: its connection and its instance on the gateway. */
    public record GatewayNumber(long connectionId, String instanceName) {
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
