package app.conversa.sandbox.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/** Creates instances on the fake gateway the way the app's adapter does, each with its own name. */
final class TestInstances {

    static final List<String> EVENTS = List.of("QRCODE_UPDATED", "CONNECTION_UPDATE", "MESSAGES_UPSERT",
            "MESSAGES_UPDATE", "SEND_MESSAGE", "CONTACTS_UPSERT", "STATUS_INSTANCE", "LOGOUT_INSTANCE");
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** An instance just created: its name, its token (the create response's hash), and the whole response. */
    record Created(String name, String token, JsonNode response) {
    }

    private TestInstances() {
    }

    static Created create(EvolutionCalls global, WebhookReceiver receiver, boolean qrcode) {
        String name = "acme-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        var answer = global.post("/instance/create", Map.of("instanceName", name, "integration", "WHATSAPP-BAILEYS",
                "qrcode", qrcode, "webhook", Map.of("url", receiver.url(), "byEvents", false, "base64", true,
                        "headers", Map.of("authorization", "Bearer s3cret"), "events", EVENTS)));
        assertThat(answer.status()).as("create: %s", answer.json()).isEqualTo(201);
        return new Created(name, answer.json().path("hash").asString(), answer.json());
    }

    /** Created, QR shown, scanned by a phone: the link is open and the app was told. */
    static Created linked(EvolutionCalls global, WebhookReceiver receiver, SandboxGateway gateway, String number) {
        var created = create(global, receiver, true);
        gateway.scan(created.name(), number, "Acme Sales");
        receiver.await("connection.update", data -> data.path("state").asString().equals("open"));
        return created;
    }
}
