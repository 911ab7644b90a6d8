package app.conversa.channels.cloudapi;

import app.conversa.channels.Connection;
import app.conversa.channels.ConnectionController.ConnectionResponse;
import app.conversa.channels.ConnectionResponses;
import app.conversa.identity.CurrentUser;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Adding and editing Cloud API numbers; what every number shares is {@code ConnectionController}'s. */
@RestController
@Tag(name = "Connections")
@RequestMapping("/api/connections")
class CloudApiNumberController {

    static final String DEFAULT_GRAPH_URL = "https://graph.facebook.com";
    static final String DEFAULT_GRAPH_VERSION = "v24.0";
    private static final String NO_MESSAGE = "null or empty: no message";
    private static final String KEEP_SECRET = "null or empty: keep the stored one";
    /** Meta's tokens and secrets are printable ASCII; this also bounds their sealed size to the columns. */
    private static final String PRINTABLE_ASCII = "[\\x21-\\x7E]+";
    private static final String SECRET_OR_EMPTY = "[\\x21-\\x7E]*";

    private final CloudApiNumbers numbers;
    private final ConnectionResponses responses;

    CloudApiNumberController(CloudApiNumbers numbers, ConnectionResponses responses) {
        this.numbers = numbers;
        this.responses = responses;
    }

    record CreateConnectionRequest(
            @NotBlank @Size(max = 120) String name,
            @NotBlank @Size(max = 30) String displayNumber,
            @NotBlank @Pattern(regexp = "\\d{5,40}") String phoneNumberId,
            @NotBlank @Pattern(regexp = "\\d{5,40}") String wabaId,
            @NotBlank @Size(max = 2000) @Pattern(regexp = PRINTABLE_ASCII) String accessToken,
            @NotBlank @Size(max = 200) @Pattern(regexp = PRINTABLE_ASCII) String appSecret,
            @NotBlank @Size(max = 200) @Pattern(regexp = PRINTABLE_ASCII) String verifyToken,
            @Pattern(regexp = "https?://[^\\s]+") @Size(max = 200) String graphBaseUrl,
            @Pattern(regexp = "v\\d+\\.\\d+") String graphVersion,
            @Size(max = 1000) String welcomeMessage,
            @Size(max = 1000) String farewellMessage) {

        @Override
        public String toString() {
            return "CreateConnectionRequest[name=" + name + "]";
        }
    }

    record UpdateConnectionRequest(
            @NotBlank @Size(max = 120) String name,
            @NotBlank @Size(max = 30) String displayNumber,
            @NotBlank @Pattern(regexp = "\\d{5,40}") String phoneNumberId,
            @NotBlank @Pattern(regexp = "\\d{5,40}") String wabaId,
            @NotBlank @Pattern(regexp = "https?://[^\\s]+") @Size(max = 200) String graphBaseUrl,
            @NotBlank @Pattern(regexp = "v\\d+\\.\\d+") String graphVersion,
            @Schema(nullable = true, description = NO_MESSAGE) @Size(max = 1000) String welcomeMessage,
            @Schema(nullable = true, description = NO_MESSAGE) @Size(max = 1000) String farewellMessage,
            @Schema(nullable = true, description = KEEP_SECRET) @Size(max = 2000) @Pattern(regexp = SECRET_OR_EMPTY)
            String accessToken,
            @Schema(nullable = true, description = KEEP_SECRET) @Size(max = 200) @Pattern(regexp = SECRET_OR_EMPTY)
            String appSecret,
            @Schema(nullable = true, description = KEEP_SECRET) @Size(max = 200) @Pattern(regexp = SECRET_OR_EMPTY)
            String verifyToken) {

        @Override
        public String toString() {
            return "UpdateConnectionRequest[name=" + name + "]";
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('connections.manage')")
    ConnectionResponse create(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody CreateConnectionRequest request) {
        var settings = new Connection.Settings(request.name(), request.displayNumber(), request.phoneNumberId(),
                request.wabaId(), orDefault(request.graphBaseUrl(), DEFAULT_GRAPH_URL),
                orDefault(request.graphVersion(), DEFAULT_GRAPH_VERSION), request.welcomeMessage(), request.farewellMessage());
        var secrets = new CloudApiNumbers.Secrets(request.accessToken(), request.appSecret(), request.verifyToken());
        return responses.of(numbers.create(me.actor(), settings, secrets));
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAuthority('connections.manage')")
    ConnectionResponse update(@AuthenticationPrincipal CurrentUser me, @PathVariable long id,
            @Valid @RequestBody UpdateConnectionRequest request) {
        var settings = new Connection.Settings(request.name(), request.displayNumber(), request.phoneNumberId(),
                request.wabaId(), request.graphBaseUrl(), request.graphVersion(), request.welcomeMessage(),
                request.farewellMessage());
        var secrets = new CloudApiNumbers.Secrets(request.accessToken(), request.appSecret(), request.verifyToken());
        return responses.of(numbers.update(me.actor(), id, settings, secrets));
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
