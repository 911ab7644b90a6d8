package app.conversa.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs a request in with its API token ({@code Authorization: Bearer cva_...}), for that request
 * only (no session). A bearer header that is not a valid token answers 401 at once, whatever
 * cookies come with it, so a bearer request (which skips the CSRF check) can never ride on a
 * browser session. Tokens may not manage tokens nor their owner's account (password, language).
 * The API description ({@code /v3/api-docs}) accepts a token too, so integrators can read it.
 */
class ApiTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final SecurityProblems problems;

    ApiTokenFilter(ApiTokens tokens, SecurityProblems problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    /**
     * Whether the request presents a Conversa API token to the API or its description (then CSRF
     * does not apply: no cookie is trusted). Other bearer credentials (the sandbox's fake Graph
     * API takes Meta's access tokens) are not ours to judge.
     */
    static boolean presentsBearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        String path = request.getRequestURI();
        return header != null && header.regionMatches(true, 0, "Bearer " + ApiTokens.PREFIX, 0, 7 + ApiTokens.PREFIX.length())
                && (path.startsWith("/api/") || path.equals("/v3/api-docs") || path.startsWith("/v3/api-docs/")
                        || path.startsWith("/v3/api-docs."));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!presentsBearer(request)) {
            chain.doFilter(request, response);
            return;
        }
        var user = tokens.authenticate(request.getHeader("Authorization").substring(7).strip());
        if (user.isEmpty()) {
            SecurityContextHolder.clearContext();
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "token.invalid");
            return;
        }
        if (request.getRequestURI().startsWith("/api/tokens") || request.getRequestURI().startsWith("/api/account")) {
            problems.write(request, response, HttpStatus.FORBIDDEN, "token.not_allowed");
            return;
        }
        SecurityContextHolder.setContext(new SecurityContextImpl(CurrentUserFilter.authenticated(user.get())));
        chain.doFilter(request, response);
    }
}
