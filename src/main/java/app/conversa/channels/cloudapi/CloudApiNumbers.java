package app.conversa.channels.cloudapi;

import app.conversa.audit.AuditTrail;
import app.conversa.channels.Connection;
import app.conversa.channels.ConnectionRepository;
import app.conversa.channels.ConnectionSecrets.Kind;
import app.conversa.channels.ConnectionSecrets;
import app.conversa.channels.Connections;
import app.conversa.channels.Provider;
import app.conversa.channels.spi.ProviderNumbers;
import app.conversa.shared.Actor;
import app.conversa.shared.ConversaException;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cloud API numbers: created and edited by an administrator (or provisioned from code), their
 * secrets sealed on the way in and never coming back out through here; which number a webhook
 * speaks for; where Meta must send them.
 */
@Service
public class CloudApiNumbers implements ProviderNumbers {

    /** A number's settings or secrets changed (committed with the change). */
    record SettingsChanged(long connectionId) {
    }

    private final ConnectionRepository connections;
    private final Connections common;
    private final ConnectionSecrets secrets;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final CloudApiIntake intake;
    private final Clock clock;
    private final boolean sandbox;

    CloudApiNumbers(ConnectionRepository connections, Connections common, ConnectionSecrets secrets, AuditTrail audit,
            ApplicationEventPublisher events, CloudApiIntake intake, Clock clock,
            @Value("${conversa.sandbox.enabled:false}") boolean sandbox) {
        this.connections = connections;
        this.common = common;
        this.secrets = secrets;
        this.audit = audit;
        this.events = events;
        this.intake = intake;
        this.clock = clock;
        this.sandbox = sandbox;
    }

    @Override
    public Provider provider() {
        return Provider.CLOUD_API;
    }

    /** Secrets in clear as typed by an administrator; a null one means "keep the stored value". */
    public record Secrets(String accessToken, String appSecret, String verifyToken) {
        @Override
        public String toString() {
            return "Secrets[***]";
        }
    }

    @Transactional
    public Connection create(Actor actor, Connection.Settings settings, Secrets typed) {
        requireSafeUrl(settings.graphBaseUrl());
        if (connections.existsByProviderAndPhoneNumberId(Provider.CLOUD_API, settings.phoneNumberId().strip())) {
            throw ConversaException.conflict("connection.phone_number_taken", settings.phoneNumberId().strip());
        }
        var connection = connections.save(new Connection(settings, seal(typed), clock.instant()));
        audit.record(actor, "connection.created", "connection", connection.id(), Map.of("name", connection.name(),
                "provider", connection.provider(), "phoneNumberId", connection.phoneNumberId()));
        return connection;
    }

    @Transactional
    public Connection update(Actor actor, long id, Connection.Settings settings, Secrets typed) {
        var connection = connections.findById(id).orElseThrow(() -> ConversaException.notFound("connection.not_found", id));
        if (connection.provider() != Provider.CLOUD_API) {
            throw ConversaException.conflict("connection.not_cloud_api");
        }
        requireSafeUrl(settings.graphBaseUrl());
        if (!connection.graphBaseUrl().equals(settings.graphBaseUrl())
                && (typed.accessToken() == null || typed.accessToken().isBlank())) {
            // the stored token would otherwise be sent to the new address, unseen by whoever typed it
            throw ConversaException.invalid("connection.token_required_for_new_url");
        }
        if (connections.existsByProviderAndPhoneNumberIdAndIdNot(Provider.CLOUD_API, settings.phoneNumberId().strip(), id)) {
            throw ConversaException.conflict("connection.phone_number_taken", settings.phoneNumberId().strip());
        }
        var before = connection.settings();
        connection.change(settings, seal(typed), clock.instant());
        events.publishEvent(new SettingsChanged(id)); // a new app secret applies to the next webhook on this node
        audit.record(actor, "connection.updated", "connection", id, changes(before, connection.settings(), typed));
        return connection;
    }

    /**
     * The number whose URL received the webhook, or another number of the same Meta app (same
     * app secret, so the signature vouches for it too).
     */
    @Override
    public OptionalLong route(long receivingConnectionId, String phoneNumberId) {
        var target = connections.findByProviderAndPhoneNumberId(Provider.CLOUD_API, phoneNumberId);
        if (target.isEmpty()) {
            return OptionalLong.empty();
        }
        if (target.get().id() == receivingConnectionId) {
            return OptionalLong.of(receivingConnectionId);
        }
        var receiving = connections.findById(receivingConnectionId).orElseThrow();
        boolean sameApp = receiving.provider() == Provider.CLOUD_API
                && Objects.equals(secrets.appSecret(receiving), secrets.appSecret(target.get()));
        return sameApp ? OptionalLong.of(target.get().id()) : OptionalLong.empty();
    }

    @Override
    public Connection reactivate(Actor actor, long connectionId) {
        return common.reactivate(actor, connectionId);
    }

    /** Meta is told the URL by an administrator, in the app's settings at Meta. */
    @Override
    public Optional<String> webhookPath(Connection connection) {
        return Optional.of("/webhooks/cloudapi/" + connection.id());
    }

    @Override
    public void forget(long connectionId) {
        intake.forget(connectionId);
    }

    /** Outside the sandbox, the access token only ever travels over TLS. */
    private void requireSafeUrl(String graphBaseUrl) {
        if (!sandbox && !graphBaseUrl.startsWith("https://")) {
            throw ConversaException.invalid("connection.https_required");
        }
    }

    private Connection.SealedSecrets seal(Secrets typed) {
        return new Connection.SealedSecrets(secrets.seal(typed.accessToken(), Kind.ACCESS_TOKEN),
                secrets.seal(typed.appSecret(), Kind.APP_SECRET), secrets.seal(typed.verifyToken(), Kind.VERIFY_TOKEN));
    }


    /** What changed, for the audit log: settings with their values, secrets only as "replaced". */
    private static Map<String, Object> changes(Connection.Settings before, Connection.Settings after, Secrets typed) {
        var changes = new LinkedHashMap<String, Object>();
        var now = fields(after);
        fields(before).forEach((field, old) -> {
            if (!Objects.equals(old, now.get(field))) {
                changes.put(field, Arrays.asList(old, now.get(field)));
            }
        });
        var replaced = fields(typed).entrySet().stream().filter(secret -> secret.getValue() != null)
                .map(Map.Entry::getKey).toList();
        if (!replaced.isEmpty()) {
            changes.put("secretsReplaced", replaced);
        }
        return changes;
    }

    private static Map<String, String> fields(Connection.Settings settings) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("name", settings.name());
        fields.put("displayNumber", settings.displayNumber());
        fields.put("phoneNumberId", settings.phoneNumberId());
        fields.put("wabaId", settings.wabaId());
        fields.put("graphBaseUrl", settings.graphBaseUrl());
        fields.put("graphVersion", settings.graphVersion());
        fields.put("welcomeMessage", settings.welcomeMessage());
        fields.put("farewellMessage", settings.farewellMessage());
        return fields;
    }

    private static Map<String, String> fields(Secrets typed) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("accessToken", blankToNull(typed.accessToken()));
        fields.put("appSecret", blankToNull(typed.appSecret()));
        fields.put("verifyToken", blankToNull(typed.verifyToken()));
        return fields;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
