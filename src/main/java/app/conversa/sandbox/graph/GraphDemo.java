package app.conversa.sandbox.graph;

import app.conversa.channels.cloudapi.CloudApiProvisioning;
import app.conversa.identity.DepartmentDirectory;
import app.conversa.sandbox.SandboxNumbers;
import app.conversa.sandbox.SandboxWebhooks;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Demo mode: links the sandbox's official number ("Conversa Demo") so a newcomer can write to it
 * from the customer phone page at once. Its secrets are new at every start (the fake Graph API
 * keeps them in memory), and its URL follows the port. The QR-linked demo numbers are
 * {@code evolution.GatewayDemo}'s.
 */
@Component
@ConditionalOnBooleanProperty(name = {"conversa.demo.enabled", "conversa.sandbox.enabled"})
class GraphDemo {

    static final String PHONE_NUMBER_ID = "100000000000001";
    private static final Logger log = LoggerFactory.getLogger(GraphDemo.class);

    private final CloudApiProvisioning provisioning;
    private final SandboxNumbers numbers;
    private final SandboxWebhooks webhooks;
    private final DepartmentDirectory departments;

    GraphDemo(CloudApiProvisioning provisioning, SandboxNumbers numbers, SandboxWebhooks webhooks,
            DepartmentDirectory departments) {
        this.provisioning = provisioning;
        this.numbers = numbers;
        this.webhooks = webhooks;
        this.departments = departments;
    }

    @EventListener(ApplicationReadyEvent.class)
    @org.springframework.core.annotation.Order(1) // the official number first, as it always was
    void linkDemoNumber() {
        String token = secret();
        String appSecret = secret();
        // demo data only: the first demo department ("Cobranzas") takes the demo number's chats
        Long department = departments.oldest().orElse(null);
        long connectionId = provisioning.ensure(new CloudApiProvisioning.CloudApiNumber("Conversa Demo (sandbox)",
                "+593 2 555 0100", PHONE_NUMBER_ID, "100000000000009", webhooks.baseUrl() + "/sandbox/graph", "v24.0",
                "¡Hola! Gracias por escribir a Conversa Demo. Un asesor le atenderá en breve.",
                "Gracias por comunicarse con nosotros. ¡Que tenga un buen día!", token, appSecret, secret(), department));
        numbers.link(new SandboxNumbers.Number(connectionId, PHONE_NUMBER_ID, "+593 2 555 0100",
                "Conversa Demo (sandbox)", token, appSecret));
        log.info("Sandbox: demo number linked as connection {}; write to it from /phone", connectionId);
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
