package app.conversa.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Authentication")
@RequestMapping("/api/auth")
class AuthController {

    private final Logins logins;
    private final UserDirectory directory;
    private final SecurityContextRepository contexts;
    private final Sessions sessions;

    AuthController(Logins logins, UserDirectory directory, SecurityContextRepository contexts, Sessions sessions) {
        this.logins = logins;
        this.directory = directory;
        this.contexts = contexts;
        this.sessions = sessions;
    }

    /** Signs in: a new session id (no fixation), the user in the session, the user's profile back. */
    @PostMapping("/login")
    MeResponse login(@Valid @RequestBody LoginRequest login, HttpServletRequest request, HttpServletResponse response) {
        long id = logins.login(login.login(), login.password(), request.getRemoteAddr());
        var user = directory.currentUser(id).orElseThrow();
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        var context = new SecurityContextImpl(CurrentUserFilter.authenticated(user));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        return MeResponse.of(user);
    }

    /** Ends this session only, and closes its WebSockets. */
    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@AuthenticationPrincipal CurrentUser me, HttpServletRequest request) {
        logins.logout(me);
        sessions.endThis(me.id(), request);
        SecurityContextHolder.clearContext();
    }

    @GetMapping("/me")
    MeResponse me(@AuthenticationPrincipal CurrentUser me) {
        return MeResponse.of(me);
    }
}
