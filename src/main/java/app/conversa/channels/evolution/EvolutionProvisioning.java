package app.conversa.channels.evolution;

import app.conversa.channels.ConnectionLinks;
import app.conversa.channels.ConnectionRepository;
import app.conversa.channels.ConnectionSecrets;
import app.conversa.channels.Connections;
import app.conversa.channels.LinkState;
import app.conversa.channels.Provider;
import app.conversa.channels.SendFailure;
import app.conversa.shared.Actor;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Setting up the gateway and its numbers from code, not from an administrator's form: the
 * sandbox links its QR demo numbers this way at start-up.
 */
@Service
@NamedInterface("provisioning")
public class EvolutionProvisioning {

    private static final Actor SYSTEM = new Actor(null, "system");

    private final EvolutionNumbers gatewayNumbers;
    private final EvolutionGateway gateway;
    private final ConnectionRepository repository;
    private final Connections connections;
    private final ConnectionSecrets secrets;
    private final ConnectionLinks links;
    private final TransactionTemplate transactions;

    EvolutionProvisioning(EvolutionNumbers gatewayNumbers, EvolutionGateway gateway, ConnectionRepository repository,
            Connections connections, ConnectionSecrets secrets, ConnectionLinks links, TransactionTemplate transactions) {
        this.gatewayNumbers = gatewayNumbers;
        this.gateway = gateway;
        this.repository = repository;
        this.connections = connections;
        this.secrets = secrets;
        this.links = links;
        this.transactions = transactions;
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
                var created = gateway.createInstance(instance, secrets.instanceToken(connection),
                        EvolutionNumbers.webhookUrl(settings, id), secrets.webhookSecret(connection));
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
            connections.departmentIfNone(id, departmentId);
        }
        return new GatewayNumber(id, instance);
    }

    /** A gateway number: its connection and its instance on the gateway. */
    public record GatewayNumber(long connectionId, String instanceName) {
    }
}
