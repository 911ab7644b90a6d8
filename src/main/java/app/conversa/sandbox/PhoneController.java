package app.conversa.sandbox;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The customer phone page's API: pretend to be a customer of a sandbox number. Demo and tests only. */
@RestController
@Validated
@ConditionalOnBooleanProperty(name = "conversa.sandbox.enabled")
@RequestMapping("/sandbox/phone")
class PhoneController {

    private final SandboxNumbers numbers;
    private final SandboxPhone phone;
    private final SandboxMedia media;

    PhoneController(SandboxNumbers numbers, SandboxPhone phone, SandboxMedia media) {
        this.numbers = numbers;
        this.phone = phone;
        this.media = media;
    }

    record NumberView(String phoneNumberId, String displayNumber, String name) {
    }

    @GetMapping("/numbers")
    List<NumberView> numbers() {
        return numbers.all().stream().map(n -> new NumberView(n.phoneNumberId(), n.displayNumber(), n.name()))
                .sorted(java.util.Comparator.comparing(NumberView::name)).toList();
    }

    @GetMapping("/numbers/{phoneNumberId}/customers")
    List<SandboxPhone.Customer> customers(@PathVariable String phoneNumberId) {
        return phone.customers(phoneNumberId);
    }

    @GetMapping("/numbers/{phoneNumberId}/customers/{waId}/messages")
    List<SandboxPhone.PhoneMessage> conversation(@PathVariable String phoneNumberId, @PathVariable String waId) {
        return phone.conversation(phoneNumberId, waId);
    }

    record WriteRequest(@NotBlank @Size(max = 100) String name, @NotBlank @Size(max = 4096) String text) {
    }

    @PostMapping("/numbers/{phoneNumberId}/customers/{waId}/messages")
    SandboxPhone.PhoneMessage write(@PathVariable String phoneNumberId,
            @PathVariable @Pattern(regexp = "\\d{8,15}") String waId, @RequestBody @Validated WriteRequest request) {
        return phone.write(phoneNumberId, waId, request.name(), request.text());
    }

    @PostMapping(path = "/numbers/{phoneNumberId}/customers/{waId}/attachments",
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    SandboxPhone.PhoneMessage send(@PathVariable String phoneNumberId,
            @PathVariable @Pattern(regexp = "\\d{8,15}") String waId, @RequestParam @NotBlank @Size(max = 100) String name,
            @RequestPart("file") MultipartFile file, @RequestParam(defaultValue = "false") boolean voice,
            @RequestParam(required = false) @Size(max = 1024) String caption) throws IOException {
        String type = file.getContentType() == null ? "application/octet-stream" : file.getContentType();
        return phone.send(phoneNumberId, waId, name, file.getBytes(), type, file.getOriginalFilename(), voice, caption);
    }

    /** What the phone shows of media, either side's. */
    @GetMapping("/media/{mediaId}")
    ResponseEntity<byte[]> media(@PathVariable String mediaId) {
        return media.find(mediaId)
                .map(item -> ResponseEntity.ok().contentType(MediaType.parseMediaType(item.mimeType()))
                        .header("Content-Security-Policy", "sandbox; default-src 'none'").body(item.content()))
                .orElse(ResponseEntity.notFound().build());
    }
}
