package app.conversa.identity;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's own account. */
@RestController
@Tag(name = "My account")
@RequestMapping("/api/account")
class AccountController {

    private final Accounts accounts;
    private final UserDirectory directory;

    AccountController(Accounts accounts, UserDirectory directory) {
        this.accounts = accounts;
        this.directory = directory;
    }

    record ChangePasswordRequest(@NotBlank @Size(max = 128) String currentPassword,
            @NotBlank @Size(max = 128) String newPassword) {
        @Override
        public String toString() {
            return "ChangePasswordRequest[***]";
        }
    }

    record ChangeLanguageRequest(@NotNull @Pattern(regexp = "es|en") @Schema(allowableValues = {"es", "en"}) String language) { }

    /** Changes the password; every session of the user ends, this one too, so they sign in again. */
    @PutMapping("/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody ChangePasswordRequest change,
            HttpServletRequest request) {
        accounts.changePassword(me, change.currentPassword(), change.newPassword(), request.getRemoteAddr());
        var session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
    }

    @PutMapping("/language")
    MeResponse changeLanguage(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody ChangeLanguageRequest change) {
        accounts.changeLanguage(me, change.language());
        return MeResponse.of(directory.currentUser(me.id()).orElseThrow());
    }
}
