package app.conversa.channels.cloudapi;

import app.conversa.shared.ConversaException;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Callback URL of a Cloud API connection in Meta's App Dashboard. Open to Meta (no session,
 * no CSRF): the verify token and the signature are the authentication.
 */
@RestController
@Tag(name = "Webhooks")
@RequestMapping("/webhooks/cloudapi/{connectionId}")
class CloudApiWebhookController {

    /** Meta's notifications are at most about 3 MB; anything far larger is refused before it is buffered. */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private final CloudApiIntake intake;

    CloudApiWebhookController(CloudApiIntake intake) {
        this.intake = intake;
    }

    /** Meta's verification handshake: the challenge comes back as plain text when the token matches. */
    @GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
    String verify(@PathVariable long connectionId, @RequestParam("hub.mode") String mode,
            @RequestParam("hub.verify_token") String verifyToken,
            @RequestParam("hub.challenge") @Pattern(regexp = "[A-Za-z0-9_-]{1,200}") String challenge) {
        intake.verify(connectionId, mode, verifyToken);
        return challenge;
    }

    /** A notification: 200 once it is stored, 401/403 for unsigned or forged calls, 413 when far too large. */
    @PostMapping
    void receive(@PathVariable long connectionId,
            @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature,
            HttpServletRequest request) throws IOException {
        intake.requireSignature(connectionId, signature);
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new ConversaException(HttpStatus.PAYLOAD_TOO_LARGE, "webhook.too_large", MAX_BODY_BYTES / (1024 * 1024));
        }
        intake.receive(connectionId, signature, body);
    }
}
