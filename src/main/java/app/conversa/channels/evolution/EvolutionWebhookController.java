package app.conversa.channels.evolution;

import app.conversa.shared.ConversaException;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the Evolution API gateway delivers a number's events. Open to the gateway (no session, no
 * CSRF): Evolution signs nothing, so each connection's webhook carries its own secret in the
 * {@value EvolutionGateway#SECRET_HEADER} header, set by Conversa when it created the instance.
 */
@RestController
@Tag(name = "Webhooks")
@RequestMapping("/webhooks/evolution/{connectionId}")
class EvolutionWebhookController {

    /**
     * Conversa configures webhooks without base64, but a gateway with WEBHOOK_BASE64 on sends media
     * inline, a third larger than the file: room for a 16 MB video or voice note and documents up
     * to about 30 MB (larger ones are refused, so such a gateway should keep WEBHOOK_BASE64 off).
     */
    static final int MAX_BODY_BYTES = 40 * 1024 * 1024;

    private final EvolutionIntake intake;

    EvolutionWebhookController(EvolutionIntake intake) {
        this.intake = intake;
    }

    /** An event: 200 once it is stored, 401 without the secret, 403 with a wrong one. */
    @PostMapping
    void receive(@PathVariable long connectionId,
            @RequestHeader(name = EvolutionGateway.SECRET_HEADER, required = false) String secret,
            HttpServletRequest request) throws IOException {
        intake.requireSecret(connectionId, secret);
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new ConversaException(HttpStatus.PAYLOAD_TOO_LARGE, "webhook.too_large", MAX_BODY_BYTES / (1024 * 1024));
        }
        intake.receive(connectionId, body);
    }
}
