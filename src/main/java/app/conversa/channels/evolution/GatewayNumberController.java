package app.conversa.channels.evolution;

import app.conversa.channels.Connection;
import app.conversa.channels.ConnectionController;
import app.conversa.channels.ConnectionLinks;
import app.conversa.channels.ConnectionRepository;
import app.conversa.channels.ConnectionResponses;
import app.conversa.channels.Connections;
import app.conversa.channels.LinkState;
import app.conversa.channels.QrImages;
import app.conversa.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Unofficial numbers through the Evolution API gateway: the gateway's settings, creating a
 * number, its QR code, and reconnect, logout and delete. The QR is a key to the number (whoever
 * scans it links their phone), so it is only shown to those who may reconnect numbers.
 */
@RestController
@Tag(name = "Connections")
@RequestMapping("/api/connections")
@org.springframework.validation.annotation.Validated
class GatewayNumberController {

    private final EvolutionNumbers numbers;
    private final EvolutionSync sync;
    private final ConnectionLinks links;
    private final ConnectionRepository connections;
    private final ConnectionResponses responses;

    GatewayNumberController(EvolutionNumbers numbers, EvolutionSync sync, ConnectionLinks links,
            ConnectionRepository connections, ConnectionResponses responses) {
        this.responses = responses;
        this.numbers = numbers;
        this.sync = sync;
        this.links = links;
        this.connections = connections;
    }

    record GatewayResponse(boolean configured, @Schema(nullable = true) String baseUrl, boolean apiKeySet,
            @Schema(nullable = true) String callbackBaseUrl, String suggestedCallbackBaseUrl) { }

    record GatewayRequest(
            @NotBlank @Size(max = 200) @Pattern(regexp = "https?://[^\\s]+") String baseUrl,
            @Schema(nullable = true, description = "null or empty: keep the stored key")
            @Size(max = 300) @Pattern(regexp = "[\\x21-\\x7E]*") String apiKey,
            @NotBlank @Size(max = 200) @Pattern(regexp = "https?://[^\\s]+") String callbackBaseUrl) {

        @Override
        public String toString() {
            return "GatewayRequest[" + baseUrl + "]";
        }
    }

    record GatewayNumberRequest(@NotBlank @Size(max = 120) String name,
            @Schema(nullable = true) @Size(max = 1000) String welcomeMessage,
            @Schema(nullable = true) @Size(max = 1000) String farewellMessage,
            @Schema(nullable = true, description = "the phone's number with country code, digits only: the QR then comes "
                    + "with a pairing code to type on the phone instead of scanning; ignored on edit")
            @Pattern(regexp = "\\d{8,15}") String phoneNumber) { }

    record QrResponse(LinkState state, @Schema(nullable = true, description = "data: URL of a PNG") String qrImage,
            @Schema(nullable = true) String pairingCode) { }

    record LinkHistoryView(LinkState state, @Schema(nullable = true) Integer reasonCode,
            @Schema(nullable = true) String detail, java.time.Instant occurredAt) { }

    @GetMapping("/gateway")
    @PreAuthorize("hasAuthority('connections.manage')")
    GatewayResponse gateway() {
        String suggested = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        return numbers.gatewayView()
                .map(g -> new GatewayResponse(true, g.baseUrl(), g.apiKeySet(), g.callbackBaseUrl(), suggested))
                .orElse(new GatewayResponse(false, null, false, null, suggested));
    }

    @PutMapping("/gateway")
    @PreAuthorize("hasAuthority('connections.manage')")
    GatewayResponse configureGateway(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody GatewayRequest request) {
        var saved = numbers.configure(me.actor(), request.baseUrl(), request.apiKey(), request.callbackBaseUrl());
        return new GatewayResponse(true, saved.baseUrl(), saved.apiKeySet(), saved.callbackBaseUrl(),
                ServletUriComponentsBuilder.fromCurrentContextPath().toUriString());
    }

    @Operation(summary = "Create an unofficial number: an instance on the gateway, waiting for its QR to be scanned")
    @PostMapping("/gateway-numbers")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('connections.manage')")
    ConnectionController.ConnectionResponse create(@AuthenticationPrincipal CurrentUser me,
            @Valid @RequestBody GatewayNumberRequest request) {
        var connection = numbers.create(me.actor(), request.name(), request.welcomeMessage(), request.farewellMessage(),
                request.phoneNumber());
        return responses.of(connection);
    }

    @PutMapping("/{id}/gateway-number")
    @PreAuthorize("hasAuthority('connections.manage')")
    ConnectionController.ConnectionResponse update(@AuthenticationPrincipal CurrentUser me, @PathVariable long id,
            @Valid @RequestBody GatewayNumberRequest request) {
        var connection = numbers.update(me.actor(), id, request.name(), request.welcomeMessage(), request.farewellMessage());
        return responses.of(connection);
    }

    @Operation(summary = "The QR code to scan while the number waits for it (refresh every few seconds)")
    @GetMapping("/{id}/qr")
    @PreAuthorize("hasAuthority('connections.reconnect')")
    ResponseEntity<QrResponse> qr(@AuthenticationPrincipal CurrentUser me, @PathVariable long id) {
        requireResponsible(me, id);
        var code = numbers.qr(id);
        var link = links.find(id).orElseThrow();
        return ResponseEntity.ok().header("Cache-Control", "no-store")
                .body(new QrResponse(link.state(), code.map(QrImages::dataUrl).orElse(null),
                        code.isPresent() ? link.pairingCode() : null));
    }

    @PostMapping("/{id}/reconnect")
    @PreAuthorize("hasAuthority('connections.reconnect')")
    ConnectionController.ConnectionResponse reconnect(@AuthenticationPrincipal CurrentUser me, @PathVariable long id) {
        requireResponsible(me, id);
        numbers.reconnect(me.actor(), id);
        return current(id);
    }

    @PostMapping("/{id}/logout")
    @PreAuthorize("hasAuthority('connections.manage')")
    ConnectionController.ConnectionResponse logout(@AuthenticationPrincipal CurrentUser me, @PathVariable long id) {
        numbers.logout(me.actor(), id);
        return current(id);
    }

    @Operation(summary = "Delete the number's instance on the gateway; the connection is inactivated, history stays")
    @PostMapping("/{id}/delete-instance")
    @PreAuthorize("hasAuthority('connections.manage')")
    ConnectionController.ConnectionResponse deleteInstance(@AuthenticationPrincipal CurrentUser me, @PathVariable long id) {
        numbers.deleteInstance(me.actor(), id);
        return current(id);
    }

    record SyncResponse(int contacts, int chats, int messages, boolean truncated) { }

    @Operation(summary = "Import the linked phone's contacts (rerunnable: nothing is imported twice)")
    @PostMapping("/{id}/sync-contacts")
    @PreAuthorize("hasAuthority('connections.manage')")
    SyncResponse syncContacts(@AuthenticationPrincipal CurrentUser me, @PathVariable long id) {
        var result = sync.contacts(me.actor(), id);
        return new SyncResponse(result.contacts(), result.chats(), result.messages(), result.truncated());
    }

    @Operation(summary = "Import the last days of the linked phone's chats (rerunnable: nothing is imported twice)")
    @PostMapping("/{id}/sync-messages")
    @PreAuthorize("hasAuthority('connections.manage')")
    SyncResponse syncMessages(@AuthenticationPrincipal CurrentUser me, @PathVariable long id,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "7")
            @jakarta.validation.constraints.Min(1) @jakarta.validation.constraints.Max(90) int days) {
        var result = sync.messages(me.actor(), id, days);
        return new SyncResponse(result.contacts(), result.chats(), result.messages(), result.truncated());
    }

    @GetMapping("/{id}/link-history")
    @PreAuthorize("hasAuthority('connections.view')")
    List<LinkHistoryView> history(@AuthenticationPrincipal CurrentUser me, @PathVariable long id) {
        requireResponsible(me, id);
        return links.history(id, 50).stream().map(GatewayNumberController::historyView).toList();
    }

    /**
     * Whoever scans a number's QR takes it over: besides administrators, only the supervisors of
     * the number's department may see its QR, reconnect it or read its history (as its alerts).
     */
    private void requireResponsible(CurrentUser me, long id) {
        if (me.isAdministrator()) {
            return;
        }
        Long department = connections.findById(id).map(Connection::departmentId).orElse(null);
        if (department == null || !me.departmentIds().contains(department)) {
            throw app.conversa.shared.ConversaException.notFound("connection.not_found", id);
        }
    }

    private static LinkHistoryView historyView(Map<String, Object> row) {
        return new LinkHistoryView(LinkState.valueOf((String) row.get("state")), (Integer) row.get("reasonCode"),
                (String) row.get("detail"), (java.time.Instant) row.get("occurredAt"));
    }

    private ConnectionController.ConnectionResponse current(long id) {
        var connection = connections.findById(id).orElseThrow();
        return responses.of(connection);
    }
}
