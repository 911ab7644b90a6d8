package app.conversa.sandbox.evolution;

import app.conversa.sandbox.SandboxPhone.PhoneMessage;
import app.conversa.sandbox.SandboxPhone;
import app.conversa.sandbox.evolution.SandboxGateway.Addressing;
import app.conversa.sandbox.evolution.SandboxGateway.Customer;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The phone page's API for gateway numbers (demo and tests only): link a phone, unlink it, drop
 * its connection, silence the gateway, and be a customer of the number or its owner typing on the
 * linked phone. The same operations are Java methods on {@link SandboxGateway} and {@link SandboxGatewayChats}.
 */
@RestController
@Validated
@ConditionalOnBooleanProperty(name = "conversa.sandbox.enabled")
@RequestMapping("/sandbox/phone/gateway")
class GatewayPhoneController {

    private static final String DIGITS = "\\d{8,15}";

    private final SandboxGateway gateway;
    private final SandboxGatewayChats chats;

    GatewayPhoneController(SandboxGateway gateway, SandboxGatewayChats chats) {
        this.gateway = gateway;
        this.chats = chats;
    }

    record GatewayView(boolean silent, List<SandboxGateway.GatewayNumber> numbers) {
    }

    record ScanRequest(@NotBlank @Pattern(regexp = DIGITS) String number, @NotBlank @Size(max = 100) String profileName) {
    }

    record SilenceRequest(boolean silent) {
    }

    record DropRequest(Integer reasonCode) {
    }

    record WriteRequest(@NotBlank @Size(max = 100) String name, @NotBlank @Size(max = 4096) String text,
            Addressing addressing) {
    }

    record LocationRequest(@NotBlank @Size(max = 100) String name, Addressing addressing, double latitude,
            double longitude, @Size(max = 200) String place, @Size(max = 300) String address) {
    }

    record ContactRequest(@NotBlank @Size(max = 100) String name, Addressing addressing,
            @NotBlank @Size(max = 100) String contactName, @NotBlank @Pattern(regexp = DIGITS) String contactNumber) {
    }

    record ReactionRequest(@NotBlank @Size(max = 100) String name, Addressing addressing, @NotBlank String messageId,
            @NotBlank @Size(max = 16) String emoji) {
    }

    record OwnerRequest(@NotBlank @Size(max = 4096) String text) {
    }

    record SeedContactRequest(@NotBlank @Pattern(regexp = DIGITS) String number, @NotBlank @Size(max = 100) String name,
            @Size(max = 500) String profilePictureUrl) {
    }

    record SeedHistoryRequest(@NotBlank @Pattern(regexp = DIGITS) String number, @NotBlank @Size(max = 100) String name,
            boolean fromBusiness, @NotBlank @Size(max = 4096) String text, @NotNull java.time.Instant at) {
    }

    record Seeded(String id) {
    }

    @GetMapping
    GatewayView gateway() {
        return new GatewayView(gateway.silent(), gateway.numbers());
    }

    @PutMapping("/silent")
    GatewayView silence(@RequestBody SilenceRequest request) {
        gateway.silent(request.silent());
        return gateway();
    }

    @PostMapping("/{instanceName}/scan")
    SandboxGateway.GatewayNumber scan(@PathVariable String instanceName, @RequestBody @Validated ScanRequest request) {
        return gateway.scan(instanceName, request.number(), request.profileName());
    }

    @PostMapping("/{instanceName}/unlink")
    SandboxGateway.GatewayNumber unlink(@PathVariable String instanceName) {
        gateway.unlink(instanceName);
        return gateway.number(instanceName);
    }

    /**
     * The link drops: without a reason code the phone loses its network (the gateway keeps
     * reconnecting until {@code /restore}); with one, it closes with that Baileys code.
     */
    @PostMapping("/{instanceName}/drop")
    SandboxGateway.GatewayNumber drop(@PathVariable String instanceName,
            @RequestBody(required = false) DropRequest request) {
        if (request == null || request.reasonCode() == null) {
            gateway.dropConnection(instanceName);
        } else {
            gateway.disconnect(instanceName, request.reasonCode());
        }
        return gateway.number(instanceName);
    }

    /** The phone whose connection dropped is back online. */
    @PostMapping("/{instanceName}/restore")
    SandboxGateway.GatewayNumber restore(@PathVariable String instanceName) {
        gateway.restoreConnection(instanceName);
        return gateway.number(instanceName);
    }

    @GetMapping("/{instanceName}/customers")
    List<SandboxPhone.Customer> customers(@PathVariable String instanceName) {
        return chats.customers(instanceName);
    }

    @GetMapping("/{instanceName}/customers/{number}/messages")
    List<PhoneMessage> conversation(@PathVariable String instanceName, @PathVariable String number) {
        return chats.conversation(instanceName, number);
    }

    @PostMapping("/{instanceName}/customers/{number}/messages")
    PhoneMessage write(@PathVariable String instanceName, @PathVariable @Pattern(regexp = DIGITS) String number,
            @RequestBody @Validated WriteRequest request) {
        return chats.write(instanceName, customer(number, request.name(), request.addressing()), request.text());
    }

    @PostMapping(path = "/{instanceName}/customers/{number}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    PhoneMessage send(@PathVariable String instanceName, @PathVariable @Pattern(regexp = DIGITS) String number,
            @RequestParam @NotBlank @Size(max = 100) String name, @RequestParam(required = false) Addressing addressing,
            @RequestPart("file") MultipartFile file, @RequestParam(defaultValue = "false") boolean voice,
            @RequestParam(required = false) @Size(max = 1024) String caption) throws IOException {
        String type = file.getContentType() == null ? "application/octet-stream" : file.getContentType();
        return chats.send(instanceName, customer(number, name, addressing), file.getBytes(), type,
                file.getOriginalFilename(), voice, caption);
    }

    @PostMapping("/{instanceName}/customers/{number}/location")
    PhoneMessage location(@PathVariable String instanceName, @PathVariable @Pattern(regexp = DIGITS) String number,
            @RequestBody @Validated LocationRequest request) {
        return chats.sendLocation(instanceName, customer(number, request.name(), request.addressing()),
                request.latitude(), request.longitude(), request.place(), request.address());
    }

    @PostMapping("/{instanceName}/customers/{number}/contact")
    PhoneMessage contact(@PathVariable String instanceName, @PathVariable @Pattern(regexp = DIGITS) String number,
            @RequestBody @Validated ContactRequest request) {
        return chats.sendContact(instanceName, customer(number, request.name(), request.addressing()),
                request.contactName(), request.contactNumber());
    }

    @PostMapping("/{instanceName}/customers/{number}/reactions")
    PhoneMessage react(@PathVariable String instanceName, @PathVariable @Pattern(regexp = DIGITS) String number,
            @RequestBody @Validated ReactionRequest request) {
        return chats.react(instanceName, customer(number, request.name(), request.addressing()), request.messageId(),
                request.emoji());
    }

    /** The business owner types on the linked phone, in this customer's chat. */
    @PostMapping("/{instanceName}/customers/{number}/owner-messages")
    PhoneMessage ownerWrites(@PathVariable String instanceName, @PathVariable @Pattern(regexp = DIGITS) String number,
            @RequestBody @Validated OwnerRequest request) {
        return chats.ownerWrites(instanceName, number, request.text());
    }

    /** A contact the gateway already knows (as synced from the phone): for findContacts. */
    @PostMapping("/{instanceName}/contacts")
    void seedContact(@PathVariable String instanceName, @RequestBody @Validated SeedContactRequest request) {
        gateway.seedContact(instanceName, request.number(), request.name(), request.profilePictureUrl());
    }

    /** A past message the gateway already holds (as synced from the phone): for findMessages and findChats. */
    @PostMapping("/{instanceName}/history")
    Seeded seedHistory(@PathVariable String instanceName, @RequestBody @Validated SeedHistoryRequest request) {
        return new Seeded(gateway.seedHistory(instanceName, request.number(), request.name(), request.fromBusiness(),
                request.text(), request.at()));
    }

    private static Customer customer(String number, String name, Addressing addressing) {
        return new Customer(number, name, addressing == null ? Addressing.PHONE : addressing);
    }
}
