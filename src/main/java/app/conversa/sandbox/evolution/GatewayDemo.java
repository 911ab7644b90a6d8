package app.conversa.sandbox.evolution;

import app.conversa.channels.evolution.EvolutionProvisioning;
import app.conversa.identity.DepartmentDirectory;
import app.conversa.sandbox.SandboxWebhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Demo mode: two QR-linked numbers through the fake Evolution gateway, one linked already, one
 * waiting for its QR to be scanned from the phone page, to try the whole flow.
 */
@Component
@ConditionalOnBooleanProperty(name = {"conversa.demo.enabled", "conversa.sandbox.enabled"})
class GatewayDemo {

    private static final Logger log = LoggerFactory.getLogger(GatewayDemo.class);

    private final EvolutionProvisioning provisioning;
    private final SandboxWebhooks webhooks;
    private final DepartmentDirectory departments;
    private final SandboxGateway gateway;
    private final String gatewayKey;

    GatewayDemo(EvolutionProvisioning provisioning, SandboxWebhooks webhooks, DepartmentDirectory departments,
            SandboxGateway gateway, @Value("${conversa.sandbox.evolution.api-key:sandbox-evolution-key}") String gatewayKey) {
        this.provisioning = provisioning;
        this.webhooks = webhooks;
        this.departments = departments;
        this.gateway = gateway;
        this.gatewayKey = gatewayKey;
    }

    @EventListener(ApplicationReadyEvent.class)
    @org.springframework.core.annotation.Order(2) // after the official number
    void linkGatewayNumbers() {
        // demo data only: the first demo department ("Cobranzas") takes the demo numbers' chats
        Long department = departments.oldest().orElse(null);
        try {
            provisioning.ensureGateway(webhooks.baseUrl() + "/sandbox/evolution", gatewayKey, webhooks.baseUrl());
            var linked = provisioning.ensureGatewayNumber("Número 2 (QR, sandbox)",
                    "¡Hola! Escribió al Número 2 de Conversa Demo. Un asesor le atenderá en breve.",
                    "Gracias por escribirnos. ¡Buen día!", department);
            gateway.scan(linked.instanceName(), "593991000002", "Conversa Demo · Número 2");
            var waiting = provisioning.ensureGatewayNumber("Número 3 (QR, sandbox)", null, null, department);
            log.info("Sandbox: QR numbers {} (linked) and {} (scan its QR from /phone) through the fake Evolution gateway",
                    linked.connectionId(), waiting.connectionId());
        } catch (RuntimeException e) {
            log.warn("Sandbox: the QR-linked demo numbers could not be set up: {}", e.toString());
        }
    }
}
