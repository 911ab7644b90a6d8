package app.conversa.sandbox.evolution;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * The fake gateway's instances (in memory) and its two key levels (B1): the global key opens
 * everything; an instance's token opens only the routes that carry that instance's name. While
 * the gateway is silent, every call is answered 503 before anything else.
 */
@Component
@ConditionalOnBooleanProperty(name = "conversa.sandbox.enabled")
class EvolutionInstances {

    private final String globalKey;
    private final Map<String, EvolutionInstance> instances = new ConcurrentHashMap<>();
    private volatile boolean silent;

    EvolutionInstances(@Value("${conversa.sandbox.evolution.api-key:sandbox-evolution-key}") String globalKey) {
        this.globalKey = globalKey;
    }

    boolean silent() {
        return silent;
    }

    void silent(boolean silent) {
        this.silent = silent;
    }

    void add(EvolutionInstance instance) {
        if (instances.putIfAbsent(instance.name(), instance) != null) {
            throw EvolutionError.nameInUse(instance.name());
        }
    }

    void remove(EvolutionInstance instance) {
        instances.remove(instance.name(), instance);
    }

    Optional<EvolutionInstance> find(String name) {
        return Optional.ofNullable(name == null ? null : instances.get(name));
    }

    Collection<EvolutionInstance> all() {
        return instances.values();
    }

    boolean tokenInUse(String token) {
        return token.equals(globalKey) || instances.values().stream().anyMatch(i -> i.token().equals(token));
    }

    /** A route without an instance that needs the global key ({@code /instance/create}). */
    void requireGlobal(String apikey) {
        requireUp();
        if (!globalKey.equals(apikey)) {
            throw EvolutionError.unauthorized();
        }
    }

    /** Whether the key is the global one; for routes that serve both key levels. */
    boolean isGlobal(String apikey) {
        return globalKey.equals(apikey);
    }

    /** A route carrying an instance's name: the instance must exist (404 first, as Evolution's guards run), then the key. */
    EvolutionInstance authorize(String apikey, String instanceName) {
        requireUp();
        var instance = find(instanceName).orElseThrow(() -> EvolutionError.notFound(instanceName));
        if (apikey == null || !(globalKey.equals(apikey) || instance.token().equals(apikey))) {
            throw EvolutionError.unauthorized();
        }
        return instance;
    }

    void requireUp() {
        if (silent) {
            throw EvolutionError.unavailable();
        }
    }
}
