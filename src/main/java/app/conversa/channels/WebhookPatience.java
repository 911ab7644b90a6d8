package app.conversa.channels;

import app.conversa.shared.ConnectionPatience;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Providers give up on a webhook within seconds and deliver it again: while the database is
 * unreachable, a webhook is answered 503 as soon as {@link #PATIENCE} has passed without a
 * connection, instead of holding the call for the pool's 30 s. Nothing is answered 2xx without its
 * commit, and nothing 4xx, so the provider keeps trying.
 */
@Component
class WebhookPatience extends OncePerRequestFilter {

    static final Duration PATIENCE = Duration.ofMillis(1500);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/webhooks/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (var patience = ConnectionPatience.atMost(PATIENCE)) {
            chain.doFilter(request, response);
        }
    }
}
