package app.conversa.channels.evolution;

import app.conversa.channels.Connection;
import app.conversa.channels.ConnectionSecrets;
import app.conversa.channels.Provider;
import app.conversa.channels.spi.QrPairing;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** A gateway number's link as the Evolution API gateway reports it (PROTOCOLS.md B4). */
@Component
class EvolutionPairing implements QrPairing {

    private final EvolutionGateway gateway;
    private final ConnectionSecrets secrets;

    EvolutionPairing(EvolutionGateway gateway, ConnectionSecrets secrets) {
        this.gateway = gateway;
        this.secrets = secrets;
    }

    @Override
    public Provider provider() {
        return Provider.EVOLUTION_API;
    }

    @Override
    public boolean ready() {
        return gateway.settings().isPresent();
    }

    @Override
    public Seen state(Connection connection) {
        return seen(gateway.connectionState(connection.instanceName(), secrets.instanceToken(connection)));
    }

    @Override
    public Answer connect(Connection connection) {
        return answer(gateway.connect(connection.instanceName(), secrets.instanceToken(connection)));
    }

    /** The gateway's answer to "connect" ({@code {code, pairingCode}} or {@code {instance: {state}}}). */
    static Answer answer(JsonNode answer) {
        String code = answer.path("code").asString("");
        return new Answer(code.isEmpty() ? null : code, code.isEmpty() ? null : answer.path("pairingCode").asString(null),
                seen(answer.path("instance").path("state").asString("")));
    }

    /** Baileys' connection states: {@code open}, {@code connecting}, {@code close}. */
    static Seen seen(String state) {
        return switch (state) {
            case "open" -> Seen.OPEN;
            case "connecting" -> Seen.CONNECTING;
            case "close" -> Seen.CLOSED;
            default -> Seen.UNKNOWN;
        };
    }
}
