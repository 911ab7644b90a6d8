package app.conversa;

import app.conversa.sandbox.SandboxNumbers;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Links a fresh Cloud API connection to the sandbox for a test, the way an administrator would:
 * through the API, with the fake Graph API's local URL as base URL.
 */
@Component
public class SandboxLines {

    /** A linked number: its connection, the phone-number id and the app secret that signs its webhooks. */
    public record Line(long connectionId, String phoneNumberId, String appSecret) {
    }

    private final SandboxNumbers numbers;
    private final JdbcClient jdbc;

    SandboxLines(SandboxNumbers numbers, JdbcClient jdbc) {
        this.numbers = numbers;
        this.jdbc = jdbc;
    }

    /** POSTs a webhook body to the line's endpoint exactly as Meta would, signed with its app secret. */
    public static java.net.http.HttpResponse<String> postWebhook(int port, Line line, String json) {
        byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/webhooks/cloudapi/" + line.connectionId()))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", app.conversa.channels.WebhookSignature.header(line.appSecret(), body))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return WEBHOOKS.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final java.net.http.HttpClient WEBHOOKS = java.net.http.HttpClient.newHttpClient();

    public Line link(ApiSession admin, int port) {
        return link(admin, port, null, null);
    }

    /** A line whose chats belong to {@code departmentId} (may be null), with a welcome message (may be null). */
    public Line link(ApiSession admin, int port, Long departmentId, String welcome) {
        return link(admin, port, departmentId, welcome, null);
    }

    /** A line with a welcome and a farewell message (either may be null). */
    public Line link(ApiSession admin, int port, Long departmentId, String welcome, String farewell) {
        String phoneNumberId = Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
        var request = new HashMap<String, Object>(Map.of("name", "Sandbox " + phoneNumberId, "displayNumber",
                "+593 2 " + phoneNumberId.substring(0, 7), "phoneNumberId", phoneNumberId, "wabaId", "1" + phoneNumberId,
                "accessToken", "token-" + phoneNumberId, "appSecret", "secret-" + phoneNumberId,
                "verifyToken", "verify-" + phoneNumberId, "graphBaseUrl", "http://127.0.0.1:" + port + "/sandbox/graph",
                "graphVersion", "v24.0"));
        if (welcome != null) {
            request.put("welcomeMessage", welcome);
        }
        if (farewell != null) {
            request.put("farewellMessage", farewell);
        }
        var created = admin.post("/api/connections", request);
        if (created.status() != 201) {
            throw new IllegalStateException("Could not create a connection: " + created.body());
        }
        long connectionId = created.json().get("id").asLong();
        if (departmentId != null) {
            jdbc.sql("update connections set department_id = ? where id = ?").params(departmentId, connectionId).update();
        }
        numbers.link(new SandboxNumbers.Number(connectionId, phoneNumberId, "+593 2 " + phoneNumberId.substring(0, 7),
                "Sandbox " + phoneNumberId, "token-" + phoneNumberId, "secret-" + phoneNumberId));
        return new Line(connectionId, phoneNumberId, "secret-" + phoneNumberId);
    }
}
