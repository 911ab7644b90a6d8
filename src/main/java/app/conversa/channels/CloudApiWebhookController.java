package app.conversa.channels;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
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

    /** A notification: 200 once it is stored, 401/403 for unsigned or forged calls. */
    @PostMapping
    void receive(@PathVariable long connectionId,
            @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature,
            @RequestBody byte[] body) {
        intake.receive(connectionId, signature, body);
    }
}
