package app.conversa.channels;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One WhatsApp number linked to Conversa: a Cloud API number (phone-number id, Graph URL, access
 * token, app secret, verify token) or a gateway number (instance name, instance token, webhook
 * secret). Secrets are held sealed (SecretBox); this entity never sees them in clear. Never
 * deleted: inactivated.
 */
@Entity
@Table(name = "connections")
public class Connection {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String name;
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private Provider provider;
    private String displayNumber;
    private String phoneNumberId;
    private String wabaId;
    private String graphBaseUrl;
    private String graphVersion;
    private String accessToken;
    private String appSecret;
    private String verifyToken;
    private String welcomeMessage;
    private String farewellMessage;
    /** Written by {@link ConnectionTeam} and {@link Connections#departmentIfNone} with SQL; read-only here, so a save never overwrites it. */
    @jakarta.persistence.Column(insertable = false, updatable = false)
    private Long departmentId;
    private String businessHours;
    private String outOfHoursMessage;
    private String instanceName;
    private String instanceToken;
    private String webhookSecret;
    private boolean active;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private long version;

    protected Connection() {
    }

    /** What an administrator edits; secrets are sealed already, and null ones are left as they are. */
    public record Settings(String name, String displayNumber, String phoneNumberId, String wabaId, String graphBaseUrl,
            String graphVersion, String welcomeMessage, String farewellMessage) { }

    public record SealedSecrets(String accessToken, String appSecret, String verifyToken) { }

    public Connection(Settings settings, SealedSecrets secrets, Instant now) {
        this.provider = Provider.CLOUD_API;
        this.active = true;
        this.createdAt = now;
        change(settings, secrets, now);
    }

    /** A number linked through the Evolution API gateway; its secrets come sealed. */
    public static Connection gateway(String name, String displayNumber, String instanceName, String sealedInstanceToken,
            String sealedWebhookSecret, String welcomeMessage, String farewellMessage, Instant now) {
        var connection = new Connection();
        connection.provider = Provider.EVOLUTION_API;
        connection.active = true;
        connection.createdAt = now;
        connection.instanceName = instanceName;
        connection.instanceToken = sealedInstanceToken;
        connection.webhookSecret = sealedWebhookSecret;
        connection.changeGateway(name, displayNumber, welcomeMessage, farewellMessage, now);
        return connection;
    }

    /** What an administrator edits on a gateway number. */
    public void changeGateway(String name, String displayNumber, String welcomeMessage, String farewellMessage, Instant now) {
        this.name = name.strip();
        this.displayNumber = displayNumber == null ? "" : displayNumber.strip();
        this.welcomeMessage = blankToNull(welcomeMessage);
        this.farewellMessage = blankToNull(farewellMessage);
        this.updatedAt = now;
    }

    /** When the number is attended ({@link BusinessHours} as JSON, null: always) and what it says otherwise. */
    public void schedule(String businessHoursJson, String outOfHoursMessage, Instant now) {
        this.businessHours = businessHoursJson;
        this.outOfHoursMessage = blankToNull(outOfHoursMessage);
        this.updatedAt = now;
    }


    public void change(Settings settings, SealedSecrets secrets, Instant now) {
        this.name = settings.name().strip();
        this.displayNumber = settings.displayNumber().strip();
        this.phoneNumberId = settings.phoneNumberId().strip();
        this.wabaId = settings.wabaId().strip();
        this.graphBaseUrl = settings.graphBaseUrl().strip();
        this.graphVersion = settings.graphVersion().strip();
        this.welcomeMessage = blankToNull(settings.welcomeMessage());
        this.farewellMessage = blankToNull(settings.farewellMessage());
        if (secrets.accessToken() != null) {
            this.accessToken = secrets.accessToken();
        }
        if (secrets.appSecret() != null) {
            this.appSecret = secrets.appSecret();
        }
        if (secrets.verifyToken() != null) {
            this.verifyToken = secrets.verifyToken();
        }
        this.updatedAt = now;
    }

    public void inactivate(Instant now) {
        this.active = false;
        this.updatedAt = now;
    }

    public void reactivate(Instant now) {
        this.active = true;
        this.updatedAt = now;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public Long id() { return id; }
    public String name() { return name; }
    public Provider provider() { return provider; }
    public String displayNumber() { return displayNumber; }
    public String phoneNumberId() { return phoneNumberId; }
    public String wabaId() { return wabaId; }
    public String graphBaseUrl() { return graphBaseUrl; }
    public String graphVersion() { return graphVersion; }
    public String sealedAccessToken() { return accessToken; }
    public String sealedAppSecret() { return appSecret; }
    public String sealedVerifyToken() { return verifyToken; }
    public String welcomeMessage() { return welcomeMessage; }
    public String farewellMessage() { return farewellMessage; }
    public Long departmentId() { return departmentId; }
    public String businessHoursJson() { return businessHours; }
    public String outOfHoursMessage() { return outOfHoursMessage; }
    public String instanceName() { return instanceName; }
    public String sealedInstanceToken() { return instanceToken; }
    public String sealedWebhookSecret() { return webhookSecret; }
    public boolean active() { return active; }
    public Instant createdAt() { return createdAt; }
    public Settings settings() {
        return new Settings(name, displayNumber, phoneNumberId, wabaId, graphBaseUrl, graphVersion, welcomeMessage,
                farewellMessage);
    }
}
