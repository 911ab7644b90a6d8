package app.conversa.sandbox.evolution;

import java.util.List;

/**
 * A refusal of the fake Evolution gateway, answered with Evolution's envelope (PROTOCOLS.md B1):
 * {@code {"status":<http>,"error":"<reason>","response":{"message":<array|string>}}}. Evolution's
 * exceptions put their arguments in an array; only a bare 401 carries the string "Unauthorized".
 */
class EvolutionError extends RuntimeException {

    private final int status;
    private final transient Object messages;

    private EvolutionError(int status, Object messages) {
        super("Evolution " + status);
        this.status = status;
        this.messages = messages;
    }

    int status() {
        return status;
    }

    Object messages() {
        return messages;
    }

    static EvolutionError unauthorized() {
        return new EvolutionError(401, "Unauthorized");
    }

    static EvolutionError notFound(String instanceName) {
        return new EvolutionError(404, List.of("The \"" + instanceName + "\" instance does not exist"));
    }

    static EvolutionError nameInUse(String instanceName) {
        return new EvolutionError(403, List.of("This name \"" + instanceName + "\" is already in use."));
    }

    static EvolutionError badRequest(Object... messages) {
        return new EvolutionError(400, List.of(messages));
    }

    /** A JSON-schema failure: Evolution nests the validator's messages in one more array. */
    static EvolutionError schema(String... failures) {
        return new EvolutionError(400, List.of(List.of(failures)));
    }

    static EvolutionError missing(String path, String property) {
        return schema(path + " requires property \"" + property + "\"");
    }

    /** A property the JSON schema requires: its text, or the schema failure. */
    static String require(tools.jackson.databind.JsonNode node, String path, String property) {
        var value = node.path(property);
        if (value.isMissingNode() || value.isNull()) {
            throw missing(path, property);
        }
        return value.asString("");
    }

    /** What a send on a link that is not open answers (Baileys' socket is closed). */
    static EvolutionError connectionClosed() {
        return new EvolutionError(500, List.of("Error: Connection Closed"));
    }

    /** The gateway is down ("silent"): what the proxy in front of it answers. */
    static EvolutionError unavailable() {
        return new EvolutionError(503, List.of("Service Unavailable"));
    }

    static EvolutionError unknownRoute(String method, String path) {
        return new EvolutionError(404, List.of("Cannot " + method + " " + path));
    }
}
