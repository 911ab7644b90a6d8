package app.conversa.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reloads the signed-in user on every request, so role, permission and department changes apply
 * at once and an inactivated user is signed out on their next request. While the user still has
 * a temporary password, only the calls needed to change it are let through (no WebSocket either).
 */
class CurrentUserFilter extends OncePerRequestFilter {

    private static final Set<String> ALLOWED_WITH_TEMPORARY_PASSWORD =
            Set.of("/api/auth/me", "/api/auth/login", "/api/auth/logout", "/api/account/password");

    private final UserDirectory directory;
    private final SecurityProblems problems;

    CurrentUserFilter(UserDirectory directory, SecurityProblems problems) {
        this.directory = directory;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser signedIn) {
            var fresh = directory.currentUser(signedIn.id());
            if (fresh.isEmpty()) {
                SecurityContextHolder.clearContext();
                var session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            } else {
                SecurityContextHolder.setContext(new SecurityContextImpl(authenticated(fresh.get())));
                if (fresh.get().mustChangePassword() && mustWait(request)) {
                    problems.write(request, response, HttpStatus.FORBIDDEN, "password_change_required");
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    static UsernamePasswordAuthenticationToken authenticated(CurrentUser user) {
        var authorities = user.permissions().stream().map(p -> new SimpleGrantedAuthority(p.code())).toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }

    private static boolean mustWait(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path.equals("/ws") || path.startsWith("/ws/")) {
            return true;
        }
        return path.startsWith("/api/") && !ALLOWED_WITH_TEMPORARY_PASSWORD.contains(path)
                && !path.startsWith("/api/public/");
    }
}
