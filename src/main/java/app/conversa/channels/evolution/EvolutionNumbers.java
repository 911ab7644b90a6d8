package app.conversa.channels.evolution;

import app.conversa.audit.AuditTrail;
import app.conversa.channels.Connection;
import app.conversa.channels.ConnectionLinks;
import app.conversa.channels.ConnectionRepository;
import app.conversa.channels.ConnectionSecrets;
import app.conversa.channels.LinkState;
import app.conversa.channels.Provider;
import app.conversa.channels.SendFailure;
import app.conversa.channels.spi.ProviderNumbers;
import app.conversa.shared.Actor;
import app.conversa.shared.ConversaException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Unofficial numbers through the Evolution API gateway: the gateway's configuration, and each
 * number's life: created as an instance on the gateway with its webhook (and that webhook's
 * secret), linked by scanning a QR code, reconnected, logged out, its instance deleted (the
 * connection itself is only inactivated: history stays). Gateway calls never run inside a
 * transaction; the database is written before and after.
 */
@Service
class EvolutionNumbers implements ProviderNumbers {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ConnectionRepository connections;
    private final ConnectionLinks links;
    private final EvolutionGateway gateway;
    private final EvolutionIntake intake;
    private final ConnectionSecrets secrets;
    private final AuditTrail audit;
    private final Clock clock;
    private final boolean sandbox;

    EvolutionNumbers(JdbcClient jdbc, TransactionTemplate transactions, ConnectionRepository connections,
            ConnectionLinks links, EvolutionGateway gateway, EvolutionIntake intake, ConnectionSecrets secrets, AuditTrail audit,
            Clock clock, @org.springframework.beans.factory.annotation.Value("${conversa.sandbox.enabled:false}") boolean sandbox) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.connections = connections;
        this.links = links;
        this.gateway = gateway;
        this.intake = intake;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
        this.sandbox = sandbox;
    }

    /** The gateway as an administrator sees it: never the key. */
    record GatewayView(String baseUrl, boolean apiKeySet, String callbackBaseUrl) {
    }

    Optional<GatewayView> gatewayView() {
        return gateway.settings().map(s -> new GatewayView(s.baseUrl(), true, s.callbackBaseUrl()));
    }

    /**
     * Saves the gateway's address, key (null: keep the stored one) and Conversa's address as the
     * gateway reaches it, after checking that the gateway answers to the key.
     */
    GatewayView configure(Actor actor, String baseUrl, String apiKey, String callbackBaseUrl) {
        String url = baseUrl.strip().replaceAll("/+$", "");
        String callback = callbackBaseUrl.strip().replaceAll("/+$", "");
        if (!sandbox && !url.startsWith("https://") && !isLocal(url)) {
            throw ConversaException.invalid("gateway.https_required");
        }
        var current = gateway.settings();
        String key = apiKey == null || apiKey.isBlank() ? current.map(EvolutionGateway.Settings::apiKey).orElse(null) : apiKey.strip();
        if (key == null) {
            throw ConversaException.invalid("gateway.key_required");
        }
        if (current.isPresent() && !current.get().baseUrl().equals(url) && (apiKey == null || apiKey.isBlank())) {
            throw ConversaException.invalid("gateway.key_required_for_new_url"); // the stored key would go to a new address
        }
        try {
            gateway.fetchInstances(url, key);
        } catch (SendFailure failure) {
            throw new ConversaException(HttpStatus.UNPROCESSABLE_CONTENT,
                    failure.code().equals("http 401") ? "gateway.key_refused" : "gateway.unreachable", failure.reason());
        }
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        transactions.executeWithoutResult(tx -> {
            String sealed = secrets.seal(key, ConnectionSecrets.Kind.GATEWAY_API_KEY);
            int updated = jdbc.sql("update evolution_gateway set base_url = ?, api_key = ?, callback_base_url = ?, updated_at = ? where id = 1")
                    .params(url, sealed, callback, now).update();
            if (updated == 0) {
                jdbc.sql("insert into evolution_gateway (id, base_url, api_key, callback_base_url, updated_at) values (1, ?, ?, ?, ?)")
                        .params(url, sealed, callback, now).update();
            }
            var details = new LinkedHashMap<String, Object>();
            details.put("baseUrl", url);
            details.put("callbackBaseUrl", callback);
            details.put("keyReplaced", apiKey != null && !apiKey.isBlank());
            audit.record(actor, "gateway.configured", "gateway", 1L, details);
        });
        gateway.forget();
        if (current.isPresent() && !current.get().callbackBaseUrl().equals(callback)) {
            repointWebhooks();
        }
        return gatewayView().orElseThrow();
    }

    @Override
    public Provider provider() {
        return Provider.EVOLUTION_API;
    }

    /** A gateway instance speaks only for the connection whose URL and secret received its call. */
    @Override
    public java.util.OptionalLong route(long receivingConnectionId, String instanceName) {
        return connections.findById(receivingConnectionId)
                .filter(receiving -> instanceName.equals(receiving.instanceName()))
                .map(receiving -> java.util.OptionalLong.of(receivingConnectionId)).orElse(java.util.OptionalLong.empty());
    }

    /** The app tells the gateway itself where to send each number's webhooks. */
    @Override
    public Optional<String> webhookPath(Connection connection) {
        return Optional.empty();
    }

    @Override
    public void forget(long connectionId) {
        intake.forget(connectionId);
    }

    /**
     * Brings back a number whose instance was deleted: the instance is created again on the gateway
     * (same name, token and webhook secret), the connection is active again, and a new QR waits.
     */
    @Override
    public Connection reactivate(Actor actor, long id) {
        var connection = load(id);
        var settings = gateway.settings().orElseThrow(() -> ConversaException.conflict("gateway.not_configured"));
        tools.jackson.databind.JsonNode created;
        try {
            created = gateway.createInstance(connection.instanceName(), token(connection), webhookUrl(settings, id),
                    secrets.webhookSecret(connection));
        } catch (SendFailure failure) {
            if (!failure.code().equals("http 403")) { // 403: the gateway still has it
                throw new ConversaException(HttpStatus.BAD_GATEWAY, "gateway.failed", failure.reason());
            }
            created = call(() -> gateway.connect(connection.instanceName(), token(connection)));
        }
        var answer = created.has("qrcode") ? created.path("qrcode") : created;
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("update connections set active = true, updated_at = ?, version = version + 1 where id = ?")
                    .params(clock.instant().atOffset(ZoneOffset.UTC), id).update();
            links.change(id, LinkState.QR_PENDING, null, null, null, null);
            links.connected(id, EvolutionPairing.answer(answer));
            audit.record(actor, "connection.reactivated", "connection", id, Map.of("name", connection.name()));
        });
        intake.forget(id);
        return load(id);
    }

    /** Conversa's address changed: every active number's webhook is pointed at the new one (best effort, logged). */
    private void repointWebhooks() {
        var settings = gateway.settings().orElseThrow();
        for (var connection : connections.findAllByOrderByName()) {
            if (connection.provider() != Provider.EVOLUTION_API || !connection.active()) {
                continue;
            }
            try {
                gateway.setWebhook(connection.instanceName(), token(connection), webhookUrl(settings, connection.id()),
                        secrets.webhookSecret(connection));
            } catch (SendFailure failure) {
                org.slf4j.LoggerFactory.getLogger(EvolutionNumbers.class).warn(
                        "The webhook of gateway number {} still points at the old address: {}", connection.id(),
                        failure.reason());
            }
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static boolean isLocal(String url) {
        return url.startsWith("http://localhost") || url.startsWith("http://127.0.0.1") || url.startsWith("http://[::1]");
    }

    /**
     * Creates a number: the connection (waiting for its QR), then the instance on the gateway with
     * the webhook that points back here. When the gateway refuses, nothing is left behind.
     */
    Connection create(Actor actor, String name, String welcomeMessage, String farewellMessage) {
        return create(actor, name, welcomeMessage, farewellMessage, null);
    }

    /** As above; with the phone's number (digits with country code), the QR comes with a pairing code. */
    Connection create(Actor actor, String name, String welcomeMessage, String farewellMessage, String phoneNumber) {
        var settings = gateway.settings().orElseThrow(() -> ConversaException.conflict("gateway.not_configured"));
        String instance = instanceName(name);
        String token = random();
        String secret = random();
        var now = clock.instant();
        long id = transactions.execute(tx -> {
            var connection = connections.save(Connection.gateway(name, "", instance,
                    secrets.seal(token, ConnectionSecrets.Kind.INSTANCE_TOKEN), secrets.seal(secret, ConnectionSecrets.Kind.WEBHOOK_SECRET), welcomeMessage,
                    farewellMessage, now));
            links.start(connection.id());
            return connection.id();
        });
        try {
            var created = gateway.createInstance(instance, token, webhookUrl(settings, id), secret, phoneNumber);
            String code = created.path("qrcode").path("code").asString("");
            transactions.executeWithoutResult(tx -> {
                if (!code.isEmpty()) {
                    links.qrIssued(id, code, created.path("qrcode").path("pairingCode").asString(null));
                }
                audit.record(actor, "connection.created", "connection", id, Map.of("name", name.strip(),
                        "provider", Provider.EVOLUTION_API, "instance", instance));
            });
        } catch (SendFailure failure) {
            try {
                transactions.executeWithoutResult(tx -> {
                    jdbc.sql("delete from connection_link_history where connection_id = ?").param(id).update();
                    jdbc.sql("delete from connection_links where connection_id = ?").param(id).update();
                    jdbc.sql("delete from connections where id = ?").param(id).update();
                });
            } catch (org.springframework.dao.DataIntegrityViolationException alreadyHeardFrom) {
                // the gateway created it after all and delivered events (a timeout): keep it, inactive
                transactions.executeWithoutResult(tx -> jdbc.sql("update connections set active = false where id = ?")
                        .param(id).update());
            }
            throw new ConversaException(HttpStatus.BAD_GATEWAY, "gateway.failed", failure.reason());
        }
        return load(id);
    }

    /** What an administrator edits on a gateway number: its name and automatic messages. */
    Connection update(Actor actor, long id, String name, String welcomeMessage, String farewellMessage) {
        transactions.executeWithoutResult(tx -> {
            String before = load(id).name();
            // by SQL: the number the phone linked (display_number) is the link's to write, not this form's
            jdbc.sql("""
                    update connections set name = ?, welcome_message = ?, farewell_message = ?, updated_at = ?,
                        version = version + 1
                    where id = ?""")
                    .params(name.strip(), blankToNull(welcomeMessage), blankToNull(farewellMessage),
                            clock.instant().atOffset(ZoneOffset.UTC), id)
                    .update();
            var details = new LinkedHashMap<String, Object>();
            if (!before.equals(name.strip())) {
                details.put("name", java.util.Arrays.asList(before, name.strip()));
            }
            details.put("messagesChanged", true);
            audit.record(actor, "connection.updated", "connection", id, details);
        });
        return load(id);
    }

    static String webhookUrl(EvolutionGateway.Settings settings, long connectionId) {
        return settings.callbackBaseUrl() + "/webhooks/evolution/" + connectionId;
    }

    /** The QR to scan: the one the gateway last sent, or a fresh one asked for now. */
    Optional<String> qr(long id) {
        var connection = load(id);
        var link = links.find(id).orElseThrow(() -> ConversaException.notFound("connection.not_found", id));
        if (link.state() != LinkState.QR_PENDING) {
            return Optional.empty();
        }
        var known = links.qrCode(id);
        boolean stale = link.qrAt() == null || link.qrAt().plusSeconds(60).isBefore(clock.instant());
        if (known.isPresent() && !stale) {
            return known;
        }
        var answer = call(() -> gateway.connect(connection.instanceName(), token(connection)));
        transactions.executeWithoutResult(tx -> links.connected(id, EvolutionPairing.answer(answer)));
        return links.qrCode(id);
    }

    /** Asks the gateway to connect now: back to work when the session holds, else a new QR. */
    void reconnect(Actor actor, long id) {
        var connection = requireActive(id);
        var answer = call(() -> gateway.connect(connection.instanceName(), token(connection)));
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("update connection_links set reconnect_attempts = 0 where connection_id = ?").param(id).update();
            var link = links.find(id).orElseThrow();
            if (link.state() == LinkState.LOGGED_OUT && answer.path("code").asString("").isEmpty()) {
                links.change(id, LinkState.CONNECTING, null, null, null, null);
            }
            links.connected(id, EvolutionPairing.answer(answer));
            audit.record(actor, "connection.reconnected", "connection", id, Map.of("name", connection.name()));
        });
    }

    /** Unlinks the phone: the session ends and only a new QR brings the number back. */
    void logout(Actor actor, long id) {
        var connection = requireActive(id);
        try {
            gateway.logout(connection.instanceName(), token(connection));
        } catch (SendFailure failure) {
            if (!failure.code().equals("http 400")) { // 400: not connected, which is what was asked
                throw new ConversaException(HttpStatus.BAD_GATEWAY, "gateway.failed", failure.reason());
            }
        }
        transactions.executeWithoutResult(tx -> {
            links.change(id, LinkState.LOGGED_OUT, 401, "logged_out_here", null, null);
            audit.record(actor, "connection.logged_out", "connection", id, Map.of("name", connection.name()));
        });
    }

    /** Deletes the instance on the gateway; the connection is inactivated and keeps its history. */
    void deleteInstance(Actor actor, long id) {
        var connection = load(id);
        try {
            gateway.delete(connection.instanceName());
        } catch (SendFailure failure) {
            if (!failure.code().equals("http 404")) { // already gone
                throw new ConversaException(HttpStatus.BAD_GATEWAY, "gateway.failed", failure.reason());
            }
        }
        transactions.executeWithoutResult(tx -> {
            var stored = load(id);
            stored.inactivate(clock.instant());
            connections.save(stored);
            links.change(id, LinkState.LOGGED_OUT, null, "instance_deleted", null, null);
            audit.record(actor, "connection.instance_deleted", "connection", id,
                    Map.of("name", connection.name(), "instance", connection.instanceName()));
        });
        intake.forget(id);
    }

    private static tools.jackson.databind.JsonNode call(java.util.function.Supplier<tools.jackson.databind.JsonNode> request) {
        try {
            return request.get();
        } catch (SendFailure failure) {
            throw new ConversaException(HttpStatus.BAD_GATEWAY, "gateway.failed", failure.reason());
        }
    }

    private Connection requireActive(long id) {
        var connection = load(id);
        if (!connection.active()) {
            throw ConversaException.conflict("connection.inactive");
        }
        return connection;
    }

    private Connection load(long id) {
        return connections.findById(id).filter(c -> c.provider() == Provider.EVOLUTION_API)
                .orElseThrow(() -> ConversaException.notFound("connection.not_found", id));
    }

    private String token(Connection connection) {
        return secrets.instanceToken(connection);
    }

    /** {@code conversa-numero-2-k3f9q1}: readable on the gateway's own screens, never reused. */
    static String instanceName(String name) {
        String slug = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (slug.length() > 30) {
            slug = slug.substring(0, 30).replaceAll("-$", "");
        }
        var suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(RANDOM.nextInt(36)));
        }
        return "conversa-" + (slug.isEmpty() ? "" : slug + "-") + suffix;
    }

    private static String random() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
