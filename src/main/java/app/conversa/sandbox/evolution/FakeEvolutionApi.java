package app.conversa.sandbox.evolution;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A protocol-faithful stand-in for an Evolution API v2 gateway (PROTOCOLS.md B1-B3), under
 * {@code /sandbox/evolution}: instances (create, connect, connectionState, restart, logout,
 * delete, fetchInstances) and their webhook settings, with Evolution's keys, status codes,
 * bodies and error envelope. Messages and chats are {@link FakeEvolutionChatApi}.
 */
@RestController
@ConditionalOnBooleanProperty(name = "conversa.sandbox.enabled")
@RequestMapping("/sandbox/evolution")
class FakeEvolutionApi {

    private final EvolutionInstances instances;
    private final EvolutionLinks links;
    private final EvolutionWebhooks webhooks;
    private final EvolutionInstanceViews views;
    private final Clock clock;

    FakeEvolutionApi(EvolutionInstances instances, EvolutionLinks links, EvolutionWebhooks webhooks,
            EvolutionInstanceViews views, Clock clock) {
        this.instances = instances;
        this.links = links;
        this.webhooks = webhooks;
        this.views = views;
        this.clock = clock;
    }

    @PostMapping("/instance/create")
    ResponseEntity<ObjectNode> create(@RequestHeader(name = "apikey", required = false) String apikey,
            @RequestBody(required = false) JsonNode body) {
        instances.requireUp();
        JsonNode request = body == null ? NullNode.instance : body;
        String name = request.path("instanceName").asString("").strip();
        if (!name.isEmpty() && instances.find(name).isPresent()) {
            throw EvolutionError.nameInUse(name);
        }
        instances.requireGlobal(apikey);
        EvolutionError.require(request, "instance", "instanceName");
        if (!"WHATSAPP-BAILEYS".equals(request.path("integration").asString(""))) {
            throw EvolutionError.badRequest("Invalid integration");
        }
        String token = request.path("token").asString("").strip();
        if (token.isEmpty()) {
            token = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        } else if (instances.tokenInUse(token)) {
            throw EvolutionError.badRequest("Token already exists");
        }
        String number = request.path("number").asString("").replaceAll("\\D", "");
        var instance = new EvolutionInstance(name, UUID.randomUUID().toString(), token,
                number.isEmpty() ? null : number, views.settings(request), clock.instant());
        if (request.path("webhook").isObject() && request.path("webhook").has("url")) {
            instance.webhook(views.webhook(request.path("webhook"), null, request.path("webhook").path("enabled")
                    .asBoolean(true)));
        }
        instances.add(instance);
        webhooks.emit(instance, "instance.create", JsonNodeFactory.instance.objectNode()
                .put("instanceName", name).put("instanceId", instance.id()));
        boolean qrcode = request.path("qrcode").asBoolean(false);
        if (qrcode) {
            links.connect(instance, instance.pairingNumber());
        }
        return ResponseEntity.status(201).body(views.created(instance, qrcode));
    }

    @GetMapping("/instance/connect/{instanceName}")
    JsonNode connect(@RequestHeader(name = "apikey", required = false) String apikey,
            @PathVariable String instanceName, @RequestParam(required = false) String number) {
        var instance = instances.authorize(apikey, instanceName);
        synchronized (instance) {
            switch (instance.state()) {
                case OPEN -> {
                    return views.connectionState(instance);
                }
                case CLOSE -> links.connect(instance, number == null ? null : number.replaceAll("\\D", ""));
                case CONNECTING -> { }
            }
            return views.qr(instance);
        }
    }

    @GetMapping("/instance/connectionState/{instanceName}")
    ObjectNode connectionState(@RequestHeader(name = "apikey", required = false) String apikey,
            @PathVariable String instanceName) {
        return views.connectionState(instances.authorize(apikey, instanceName));
    }

    @PostMapping("/instance/restart/{instanceName}")
    JsonNode restart(@RequestHeader(name = "apikey", required = false) String apikey,
            @PathVariable String instanceName) {
        var instance = instances.authorize(apikey, instanceName);
        synchronized (instance) {
            if (instance.state() == EvolutionInstance.State.CLOSE) {
                throw notConnected(instanceName);
            }
            links.restart(instance);
            return instance.qr() == null ? views.connectionState(instance) : views.qr(instance);
        }
    }

    @DeleteMapping("/instance/logout/{instanceName}")
    Map<String, Object> logout(@RequestHeader(name = "apikey", required = false) String apikey,
            @PathVariable String instanceName) {
        var instance = instances.authorize(apikey, instanceName);
        synchronized (instance) {
            if (instance.state() == EvolutionInstance.State.CLOSE) {
                throw notConnected(instanceName);
            }
            links.close(instance, 401);
        }
        return success("Instance logged out");
    }

    @DeleteMapping("/instance/delete/{instanceName}")
    Map<String, Object> delete(@RequestHeader(name = "apikey", required = false) String apikey,
            @PathVariable String instanceName) {
        var instance = instances.authorize(apikey, instanceName);
        synchronized (instance) {
            if (instance.state() != EvolutionInstance.State.CLOSE) {
                links.close(instance, 401);
            }
            webhooks.emit(instance, "instance.delete", JsonNodeFactory.instance.objectNode()
                    .put("instanceName", instanceName).put("instanceId", instance.id()));
            webhooks.emit(instance, "remove.instance", NullNode.instance);
            links.forget(instance);
            webhooks.forget(instance);
            instances.remove(instance);
        }
        return success("Instance deleted");
    }

    @GetMapping("/instance/fetchInstances")
    JsonNode fetchInstances(@RequestHeader(name = "apikey", required = false) String apikey,
            @RequestParam(required = false) String instanceName, @RequestParam(required = false) String instanceId,
            @RequestParam(required = false) String number) {
        instances.requireUp();
        var rows = JsonNodeFactory.instance.arrayNode();
        var visible = instances.all().stream()
                .filter(i -> instances.isGlobal(apikey) || i.token().equals(apikey)).toList();
        if (visible.isEmpty() && !instances.isGlobal(apikey)) {
            throw EvolutionError.unauthorized();
        }
        visible.stream().filter(i -> instanceName == null || i.name().equals(instanceName))
                .filter(i -> instanceId == null || i.id().equals(instanceId))
                .filter(i -> number == null || number.equals(i.pairingNumber())
                        || (i.session() != null && number.equals(i.session().number())))
                .sorted(java.util.Comparator.comparing(EvolutionInstance::createdAt))
                .forEach(i -> rows.add(views.row(i)));
        return rows;
    }

    @PostMapping("/webhook/set/{instanceName}")
    ResponseEntity<ObjectNode> setWebhook(@RequestHeader(name = "apikey", required = false) String apikey,
            @PathVariable String instanceName, @RequestBody(required = false) JsonNode body) {
        var instance = instances.authorize(apikey, instanceName);
        JsonNode request = body == null ? NullNode.instance : body;
        if (!request.path("webhook").isObject()) {
            throw EvolutionError.missing("instance", "webhook");
        }
        var webhook = request.path("webhook");
        EvolutionError.require(webhook, "instance.webhook", "enabled");
        EvolutionError.require(webhook, "instance.webhook", "url");
        instance.webhook(views.webhook(webhook, instance.webhook(), webhook.path("enabled").asBoolean(false)));
        return ResponseEntity.status(201).body(views.webhookRow(instance));
    }

    @GetMapping("/webhook/find/{instanceName}")
    JsonNode findWebhook(@RequestHeader(name = "apikey", required = false) String apikey,
            @PathVariable String instanceName) {
        var instance = instances.authorize(apikey, instanceName);
        return instance.webhook() == null ? NullNode.instance : views.webhookRow(instance);
    }

    /** Express's answer to a route it does not have. */
    @RequestMapping("/**")
    void unknown(HttpServletRequest request) {
        instances.requireUp();
        throw EvolutionError.unknownRoute(request.getMethod(),
                request.getRequestURI().substring("/sandbox/evolution".length()));
    }

    private static EvolutionError notConnected(String instanceName) {
        return EvolutionError.badRequest("The \"" + instanceName + "\" instance is not connected");
    }

    private static Map<String, Object> success(String message) {
        var body = new LinkedHashMap<String, Object>();
        body.put("status", "SUCCESS");
        body.put("error", false);
        body.put("response", Map.of("message", message));
        return body;
    }
}
