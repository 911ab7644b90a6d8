package app.conversa.identity;

import app.conversa.shared.AccessRefused;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.RequestContextUtils;
import tools.jackson.databind.ObjectMapper;

/**
 * The security layer's refusals as RFC 9457 problems in the caller's language: 401 when not
 * signed in, 403 when not allowed, and 403
 * {@code password_change_required} while a temporary password is still in use. Refusals are
 * published as {@link AccessRefused}, which the audit module logs as critical events.
 */
@Component
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final MessageSource messages;
    private final ObjectMapper json;
    private final ApplicationEventPublisher events;

    SecurityProblems(MessageSource messages, ObjectMapper json, ApplicationEventPublisher events) {
        this.messages = messages;
        this.json = json;
        this.events = events;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        if (e instanceof CsrfException) {
            write(request, response, HttpStatus.FORBIDDEN, "csrf");
            return;
        }
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        events.publishEvent(new AccessRefused(authentication == null ? "anonymous" : authentication.getName(),
                request.getMethod(), request.getRequestURI(), "forbidden"));
        write(request, response, HttpStatus.FORBIDDEN, "forbidden");
    }

    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code)
            throws IOException {
        var locale = RequestContextUtils.getLocale(request);
        var problem = ProblemDetail.forStatusAndDetail(status, messages.getMessage("problem." + code, null, code, locale));
        problem.setType(URI.create("urn:conversa:problem:" + code));
        problem.setTitle(messages.getMessage("problem.title." + status.value(), null, status.getReasonPhrase(), locale));
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("code", code);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
