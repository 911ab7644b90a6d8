package app.conversa.channels;

import app.conversa.audit.AuditTrail;
import app.conversa.shared.Actor;
import app.conversa.shared.ConversaException;
import app.conversa.shared.SecretBox;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Managing connections: secrets are sealed on the way in and never come back out through here. */
@Service
class Connections {

    private final ConnectionRepository connections;
    private final SecretBox secrets;
    private final AuditTrail audit;
    private final Clock clock;
    private final boolean sandbox;
    private final CloudApiIntake intake;

    Connections(ConnectionRepository connections, SecretBox secrets, AuditTrail audit, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${conversa.sandbox.enabled:false}") boolean sandbox,
            CloudApiIntake intake) {
        this.intake = intake;
        this.sandbox = sandbox;
        this.connections = connections;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
    }

    /** Secrets in clear as typed by an administrator; a null one means "keep the stored value". */
    record Secrets(String accessToken, String appSecret, String verifyToken) {
        @Override
        public String toString() {
            return "Secrets[***]";
        }
    }

    /** What each secret is sealed for, so a sealed value moved to another column does not open. */
    static final String ACCESS_TOKEN = "connections.access_token";
    static final String APP_SECRET = "connections.app_secret";
    static final String VERIFY_TOKEN = "connections.verify_token";

    @Transactional(readOnly = true)
    List<Connection> all() {
        return connections.findAllByOrderByName();
    }

    @Transactional
    Connection create(Actor actor, Connection.Settings settings, Secrets typed) {
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
    Connection update(Actor actor, long id, Connection.Settings settings, Secrets typed) {
        var connection = load(id);
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
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        intake.forget(id); // a new app secret applies to the next webhook on this node
                    }
                });
        audit.record(actor, "connection.updated", "connection", id, changes(before, connection.settings(), typed));
        return connection;
    }

    @Transactional
    Connection inactivate(Actor actor, long id) {
        var connection = load(id);
        connection.inactivate(clock.instant());
        audit.record(actor, "connection.inactivated", "connection", id, Map.of("name", connection.name()));
        return connection;
    }

    @Transactional
    Connection reactivate(Actor actor, long id) {
        var connection = load(id);
        connection.reactivate(clock.instant());
        audit.record(actor, "connection.reactivated", "connection", id, Map.of("name", connection.name()));
        return connection;
    }

    /** Sets (or, with null hours, removes) when the number is attended and what it answers otherwise. */
    @Transactional
    Connection schedule(Actor actor, long id, BusinessHours hours, String outOfHoursMessage,
            tools.jackson.databind.ObjectMapper json) {
        var connection = load(id);
        if (hours != null && (outOfHoursMessage == null || outOfHoursMessage.isBlank())) {
            throw ConversaException.invalid("hours.message_required");
        }
        connection.schedule(hours == null ? null : hours.toJson(json), hours == null ? null : outOfHoursMessage,
                clock.instant());
        var details = new LinkedHashMap<String, Object>();
        details.put("schedule", hours == null ? null : hours.toJson(json));
        audit.record(actor, "connection.hours_changed", "connection", id, details);
        return connection;
    }

    /** Outside the sandbox, the access token only ever travels over TLS. */
    private void requireSafeUrl(String graphBaseUrl) {
        if (!sandbox && !graphBaseUrl.startsWith("https://")) {
            throw ConversaException.invalid("connection.https_required");
        }
    }

    private Connection load(long id) {
        return connections.findById(id).orElseThrow(() -> ConversaException.notFound("connection.not_found", id));
    }

    private Connection.SealedSecrets seal(Secrets typed) {
        return new Connection.SealedSecrets(sealed(typed.accessToken(), ACCESS_TOKEN),
                sealed(typed.appSecret(), APP_SECRET), sealed(typed.verifyToken(), VERIFY_TOKEN));
    }

    private String sealed(String secret, String context) {
        return blankToNull(secret) == null ? null : secrets.sealText(secret.strip(), context);
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
