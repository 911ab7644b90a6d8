package app.conversa.sandbox;

import app.conversa.channels.cloudapi.CloudApiProvisioning;
import app.conversa.channels.evolution.EvolutionProvisioning;
import app.conversa.identity.DepartmentDirectory;
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
 * keeps them in memory), and its URL follows the port. Next to it, two QR-linked numbers through
 * the fake Evolution gateway: one linked already, one waiting for its QR to be scanned from the
 * phone page, to try the whole flow.
 */
@Component
@ConditionalOnBooleanProperty(name = {"conversa.demo.enabled", "conversa.sandbox.enabled"})
class SandboxDemo {

    static final String PHONE_NUMBER_ID = "100000000000001";
    private static final Logger log = LoggerFactory.getLogger(SandboxDemo.class);

    private final CloudApiProvisioning provisioning;
    private final EvolutionProvisioning gatewayProvisioning;
    private final SandboxNumbers numbers;
    private final SandboxWebhooks webhooks;
    private final DepartmentDirectory departments;
    private final SandboxGateway gateway;
    private final String gatewayKey;

    SandboxDemo(CloudApiProvisioning provisioning, EvolutionProvisioning gatewayProvisioning, SandboxNumbers numbers, SandboxWebhooks webhooks, DepartmentDirectory departments,
            SandboxGateway gateway,
            @org.springframework.beans.factory.annotation.Value("${conversa.sandbox.evolution.api-key:sandbox-evolution-key}")
            String gatewayKey) {
        this.gateway = gateway;
        this.gatewayKey = gatewayKey;
        this.provisioning = provisioning;
        this.gatewayProvisioning = gatewayProvisioning;
        this.numbers = numbers;
        this.webhooks = webhooks;
        this.departments = departments;
    }

    @EventListener(ApplicationReadyEvent.class)
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
        linkGatewayNumbers(department);
    }

    private void linkGatewayNumbers(Long department) {
        try {
            gatewayProvisioning.ensureGateway(webhooks.baseUrl() + "/sandbox/evolution", gatewayKey, webhooks.baseUrl());
            var linked = gatewayProvisioning.ensureGatewayNumber("Número 2 (QR, sandbox)",
                    "¡Hola! Escribió al Número 2 de Conversa Demo. Un asesor le atenderá en breve.",
                    "Gracias por escribirnos. ¡Buen día!", department);
            gateway.scan(linked.instanceName(), "593991000002", "Conversa Demo · Número 2");
            var waiting = gatewayProvisioning.ensureGatewayNumber("Número 3 (QR, sandbox)", null, null, department);
            log.info("Sandbox: QR numbers {} (linked) and {} (scan its QR from /phone) through the fake Evolution gateway",
                    linked.connectionId(), waiting.connectionId());
        } catch (RuntimeException e) {
            log.warn("Sandbox: the QR-linked demo numbers could not be set up: {}", e.toString());
        }
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
