package app.conversa.identity;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * One's own API tokens. Other systems call the API with {@code Authorization: Bearer cva_...};
 * tokens themselves cannot reach these endpoints (a token never mints or lists tokens).
 */
@RestController
@Tag(name = "API tokens")
@RequestMapping("/api/tokens")
@PreAuthorize("hasAuthority('api_tokens.manage')")
class ApiTokenController {

    private final ApiTokens tokens;

    ApiTokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    record CreateTokenRequest(@NotBlank @Size(max = 100) String name,
            @NotNull @Size(min = 1, max = 40) Set<String> permissions) {
    }

    @GetMapping
    List<ApiTokens.TokenView> list(@AuthenticationPrincipal CurrentUser user) {
        return tokens.list(user);
    }

    /** The secret is in this response only. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ApiTokens.CreatedTokenResponse create(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody CreateTokenRequest request) {
        return tokens.create(user, request.name(), request.permissions());
    }

    @DeleteMapping("/{tokenId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable long tokenId) {
        tokens.revoke(user, tokenId);
    }
}
