package app.conversa.channels;

import app.conversa.shared.SecretBox;
import org.springframework.stereotype.Component;

/**
 * Every secret the channels keep, sealed at rest, and the context each is sealed for, in one
 * place: a sealed value copied to another column, or a stored webhook copied under another
 * connection, does not open. Providers seal and open through here, never with contexts of their
 * own.
 */
@Component
public class ConnectionSecrets {

    /** What each secret is sealed for. */
    public enum Kind {
        /** A Cloud API number's access token (Graph API bearer). */
        ACCESS_TOKEN("connections.access_token"),
        /** A Cloud API number's app secret (the webhook signature's key). */
        APP_SECRET("connections.app_secret"),
        /** A Cloud API number's verify token (the webhook handshake). */
        VERIFY_TOKEN("connections.verify_token"),
        /** A gateway instance's token. */
        INSTANCE_TOKEN("connections.instance_token"),
        /** The secret a gateway sends back with each webhook of one number. */
        WEBHOOK_SECRET("connections.webhook_secret"),
        /** The gateway's global API key. */
        GATEWAY_API_KEY("evolution_gateway.api_key"),
        /** A QR code waiting to be scanned. */
        QR_CODE("connection_links.qr_code");

        private final String context;

        Kind(String context) {
            this.context = context;
        }
    }

    private final SecretBox box;

    ConnectionSecrets(SecretBox box) {
        this.box = box;
    }

    /** Sealed, or null for a null or blank secret. */
    public String seal(String secret, Kind kind) {
        return secret == null || secret.isBlank() ? null : box.sealText(secret.strip(), kind.context);
    }

    /** In clear, or null when nothing is stored. */
    public String open(String sealed, Kind kind) {
        return sealed == null ? null : box.openText(sealed, kind.context);
    }

    public String accessToken(Connection connection) {
        return open(connection.sealedAccessToken(), Kind.ACCESS_TOKEN);
    }

    public String appSecret(Connection connection) {
        return open(connection.sealedAppSecret(), Kind.APP_SECRET);
    }

    public String verifyToken(Connection connection) {
        return open(connection.sealedVerifyToken(), Kind.VERIFY_TOKEN);
    }

    public String instanceToken(Connection connection) {
        return open(connection.sealedInstanceToken(), Kind.INSTANCE_TOKEN);
    }

    public String webhookSecret(Connection connection) {
        return open(connection.sealedWebhookSecret(), Kind.WEBHOOK_SECRET);
    }

    /** A stored webhook body, sealed for the connection that received it. */
    byte[] sealBody(byte[] body, long connectionId) {
        return box.seal(body, bodyContext(connectionId));
    }

    byte[] openBody(byte[] sealed, long connectionId) {
        return box.open(sealed, bodyContext(connectionId));
    }

    /** A quarantined webhook item, sealed for its connection. */
    byte[] sealQuarantined(byte[] content, long connectionId) {
        return box.seal(content, "inbound_quarantine:" + connectionId);
    }

    static String bodyContext(long connectionId) {
        return "cloud_api_webhooks:" + connectionId; // the queue's first name, kept so older rows still open
    }
}
