package app.conversa.sandbox.graph;

import app.conversa.sandbox.SandboxFaults;
import app.conversa.sandbox.SandboxMedia;
import app.conversa.sandbox.SandboxNumbers;
import app.conversa.sandbox.SandboxPhone;
import app.conversa.sandbox.SandboxWebhooks;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;

/**
 * A protocol-faithful stand-in for {@code graph.facebook.com} (PROTOCOLS.md A4-A6): the same
 * paths under {@code /sandbox/graph}, bearer tokens checked, Meta's success bodies and error
 * shapes, media limits, and the faults a test planned. Sends show up on the customer's phone and
 * are followed by signed status webhooks.
 */
@RestController
@org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty(name = "conversa.sandbox.enabled")
@RequestMapping("/sandbox/graph")
class FakeGraphApi {

    private static final Set<String> SENDABLE = Set.of("text", "image", "audio", "document", "video", "sticker",
            "location", "contacts", "interactive", "template", "reaction");
    /** A6: what WhatsApp accepts, and how large. */
    private static final Map<String, Long> MEDIA_LIMITS = Map.ofEntries(
            Map.entry("image/jpeg", 5L << 20), Map.entry("image/png", 5L << 20),
            Map.entry("audio/ogg", 16L << 20), Map.entry("audio/mpeg", 16L << 20), Map.entry("audio/mp4", 16L << 20),
            Map.entry("audio/aac", 16L << 20), Map.entry("audio/amr", 16L << 20),
            Map.entry("video/mp4", 16L << 20), Map.entry("video/3gp", 16L << 20),
            Map.entry("application/pdf", 100L << 20), Map.entry("text/plain", 100L << 20),
            Map.entry("image/webp", 500L << 10));

    private final SandboxNumbers numbers;
    private final SandboxPhone phone;
    private final SandboxMedia media;
    private final SandboxFaults faults;
    private final SandboxWebhooks webhooks;

    FakeGraphApi(SandboxNumbers numbers, SandboxPhone phone, SandboxMedia media, SandboxFaults faults,
            SandboxWebhooks webhooks) {
        this.numbers = numbers;
        this.phone = phone;
        this.media = media;
        this.faults = faults;
        this.webhooks = webhooks;
    }

    @PostMapping(path = "/{version}/{phoneNumberId}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> messages(@PathVariable String phoneNumberId, @RequestHeader(name = HttpHeaders.AUTHORIZATION,
            required = false) String authorization, @RequestBody JsonNode request) {
        var number = numbers.find(phoneNumberId).orElse(null);
        if (number == null || !("Bearer " + number.accessToken()).equals(authorization)) {
            return error(401, 190, "(#190) Invalid OAuth access token", "Error validating access token.");
        }
        if (!"whatsapp".equals(request.path("messaging_product").asString(""))) {
            return error(400, 100, "(#100) Invalid parameter", "messaging_product must be whatsapp");
        }
        if (request.path("biz_opaque_callback_data").asString("").getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                > 512) {
            return error(400, 100, "(#100) Invalid parameter", "biz_opaque_callback_data is longer than 512 bytes");
        }
        if ("read".equals(request.path("status").asString(""))) {
            phone.businessRead(number, request.path("message_id").asString(""));
            return ResponseEntity.ok(Map.of("success", true));
        }
        // a phone number in "to", or since 2026 a business-scoped user id in "recipient" (A2)
        String to = request.path("to").asString("");
        String recipient = request.path("recipient").asString("");
        String type = request.path("type").asString("");
        if (to.isEmpty() == recipient.isEmpty()) {
            return error(400, 131008, "(#131008) Required parameter is missing", "exactly one of to and recipient is needed");
        }
        if (!to.isEmpty() && !to.matches("\\+?\\d{6,20}")) {
            return error(400, 131008, "(#131008) Required parameter is missing", "to is not a phone number");
        }
        if (!recipient.isEmpty() && !SandboxPhone.isUserId(recipient)) {
            return error(400, 131008, "(#131008) Required parameter is missing", "recipient is not a user id");
        }
        if (!SENDABLE.contains(type) || request.path(type).isMissingNode()) {
            return error(400, 131009, "(#131009) Parameter value is not valid", "type '" + type + "' has no payload");
        }
        String mediaId = request.path(type).path("id").asString(null);
        if (mediaId != null && media.find(mediaId).filter(m -> m.phoneNumberId().equals(phoneNumberId)).isEmpty()) {
            return error(400, 131053, "(#131053) Media upload error", "Unknown media id " + mediaId);
        }
        return switch (faults.next(phoneNumberId)) {
            case SandboxFaults.GraphError e -> error(e.httpStatus(), e.code(), e.message(), e.details());
            case SandboxFaults.Slow slow -> faults.hangThen(slow, () -> accept(number, request, to, recipient, false));
            case SandboxFaults.DropStatuses drop -> accept(number, request, to, recipient, true);
            case null -> accept(number, request, to, recipient, false);
        };
    }

    private ResponseEntity<?> accept(SandboxNumbers.Number number, JsonNode request, String to, String recipient,
            boolean dropStatuses) {
        String wamid = "wamid." + Base64.getEncoder().encodeToString(bytes(24));
        phone.businessSent(number, wamid, request, dropStatuses);
        return ResponseEntity.ok(Map.of("messaging_product", "whatsapp",
                "contacts", java.util.List.of(to.isEmpty() ? Map.of("input", recipient, "user_id", recipient)
                        : Map.of("input", to, "wa_id", to.replace("+", ""))),
                "messages", java.util.List.of(Map.of("id", wamid, "message_status", "accepted"))));
    }

    @PostMapping(path = "/{version}/{phoneNumberId}/media", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<?> upload(@PathVariable String phoneNumberId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestPart("file") MultipartFile file, @RequestParam("type") String type,
            @RequestParam("messaging_product") String product) throws java.io.IOException {
        var number = numbers.find(phoneNumberId).orElse(null);
        if (number == null || !("Bearer " + number.accessToken()).equals(authorization)) {
            return error(401, 190, "(#190) Invalid OAuth access token", "Error validating access token.");
        }
        String mimeType = type.split(";")[0].strip();
        Long limit = MEDIA_LIMITS.get(mimeType);
        if (!"whatsapp".equals(product) || limit == null) {
            return error(400, 131053, "(#131053) Media upload error", "Unsupported media type " + type);
        }
        if (file.getSize() > limit) {
            return error(400, 131053, "(#131053) Media upload error", "File too large for " + mimeType);
        }
        var item = media.store(phoneNumberId, file.getBytes(), type, file.getOriginalFilename());
        return ResponseEntity.ok(Map.of("id", item.id()));
    }

    @GetMapping("/{version}/{mediaId:\\d+}")
    ResponseEntity<?> describe(@PathVariable String mediaId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        var item = media.find(mediaId).orElse(null);
        if (item == null || !authorized(item, authorization)) {
            return error(400, 100, "(#100) Invalid parameter", "Unsupported get request. Object with ID '" + mediaId
                    + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation.");
        }
        return ResponseEntity.ok(Map.of("messaging_product", "whatsapp",
                "url", webhooks.baseUrl() + "/sandbox/graph/attachments/" + item.id() + "?hash=" + hex(item.sha256()),
                "mime_type", item.mimeType(), "sha256", hex(item.sha256()), "file_size", item.content().length,
                "id", item.id()));
    }

    /** The download URL: like Meta's, it needs the bearer token too. */
    @GetMapping("/attachments/{mediaId}")
    ResponseEntity<byte[]> download(@PathVariable String mediaId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        var item = media.find(mediaId).orElse(null);
        if (item == null || !authorized(item, authorization)) {
            return ResponseEntity.status(404).build();
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(item.mimeType())).body(item.content());
    }

    private boolean authorized(SandboxMedia.Item item, String authorization) {
        return numbers.find(item.phoneNumberId()).map(n -> ("Bearer " + n.accessToken()).equals(authorization))
                .orElse(false);
    }

    private static ResponseEntity<?> error(int status, int code, String message, String details) {
        var trace = HexFormat.of().formatHex(bytes(8));
        return ResponseEntity.status(status).body(Map.of("error", Map.of("message", message, "type", "OAuthException",
                "code", code, "error_data", Map.of("messaging_product", "whatsapp", "details", details),
                "fbtrace_id", trace)));
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
