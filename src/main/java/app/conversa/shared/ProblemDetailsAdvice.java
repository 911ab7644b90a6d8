package app.conversa.shared;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Maps every refusal, once, to an RFC 9457 problem whose detail is in the caller's language. */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private static final Map<Integer, String> FRAMEWORK_CODES = Map.of(400, "invalid_request", 404, "not_found",
            405, "method_not_allowed", 406, "not_acceptable", 413, "too_large", 415, "unsupported_media_type");

    private final MessageSource messages;
    private final ApplicationEventPublisher events;

    ProblemDetailsAdvice(MessageSource messages, ApplicationEventPublisher events) {
        this.messages = messages;
        this.events = events;
        setMessageSource(messages);
    }

    @ExceptionHandler(ConversaException.class)
    ResponseEntity<ProblemDetail> refused(ConversaException e, HttpServletRequest request) {
        if (e.refusesAccess()) {
            var caller = SecurityContextHolder.getContext().getAuthentication();
            events.publishEvent(new AccessRefused(caller == null ? "anonymous" : caller.getName(),
                    request.getMethod(), request.getRequestURI(), e.code()));
        }
        var problem = problem(e.status(), e.code(), e.args());
        var headers = new HttpHeaders();
        if (e instanceof RetryLater later) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(later.retryAfter().toSeconds()));
        }
        return ResponseEntity.status(e.status()).headers(headers).body(problem);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> conflicting(DataIntegrityViolationException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, "conflict"));
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> concurrentlyChanged(OptimisticLockingFailureException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, "concurrent_change"));
    }

    /** The database cannot be reached: nothing was stored, and the caller (a provider's webhook, too) should try again. */
    @ExceptionHandler({org.springframework.dao.DataAccessResourceFailureException.class,
            org.springframework.transaction.CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> unavailable(Exception e) {
        // no connection: the outage is logged once where connections fail (ConnectionPatience), not per request
        if (!(e instanceof org.springframework.jdbc.CannotGetJdbcConnectionException
                || e instanceof org.springframework.transaction.CannotCreateTransactionException)) {
            log.error("Database unavailable: {}", e.toString());
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable"));
    }

    /** A parameter that breaks its constraint in a controller validated as a whole ({@code @Validated}). */
    @ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> invalidParameter(jakarta.validation.ConstraintViolationException e) {
        var problem = problem(HttpStatus.BAD_REQUEST, "invalid_request");
        problem.setProperty("errors", e.getConstraintViolations().stream()
                .map(violation -> Map.of("field", lastNode(violation.getPropertyPath()), "message", violation.getMessage()))
                .toList());
        return ResponseEntity.badRequest().body(problem);
    }

    /** The same for a parameter that Spring MVC validates itself. */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            org.springframework.web.method.annotation.HandlerMethodValidationException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        var problem = problem(HttpStatus.BAD_REQUEST, "invalid_request");
        var locale = LocaleContextHolder.getLocale();
        problem.setProperty("errors", e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> Map.of(
                        "field", String.valueOf(result.getMethodParameter().getParameterName()),
                        "message", messages.getMessage(error, locale))))
                .toList());
        return ResponseEntity.badRequest().body(problem);
    }

    private static String lastNode(jakarta.validation.Path path) {
        String name = "";
        for (var node : path) {
            name = node.getName();
        }
        return name;
    }

    /** Anything unexpected: a 500 that tells nothing internal; the details go to the log. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) throws Exception {
        if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
            throw e;
        }
        log.error("Unexpected error", e);
        return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var problem = problem(HttpStatus.BAD_REQUEST, "invalid_request");
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(),
                        "message", messages.getMessage(error, LocaleContextHolder.getLocale())))
                .toList();
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    /** Spring's own refusals (bad parameter type, unreadable body, wrong method …) get a code and our wording too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        var response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail detail
                && (detail.getProperties() == null || !detail.getProperties().containsKey("code"))) {
            String code = FRAMEWORK_CODES.getOrDefault(status.value(), "error");
            var locale = LocaleContextHolder.getLocale();
            detail.setDetail(messages.getMessage("problem." + code, null, detail.getDetail(), locale));
            detail.setTitle(messages.getMessage("problem.title." + status.value(), null, detail.getTitle(), locale));
            detail.setType(URI.create("urn:conversa:problem:" + code));
            detail.setProperty("code", code);
        }
        return response;
    }

    private ProblemDetail problem(HttpStatus status, String code, Object... args) {
        var locale = LocaleContextHolder.getLocale();
        var problem = ProblemDetail.forStatusAndDetail(status,
                messages.getMessage("problem." + code, args, code, locale));
        problem.setType(URI.create("urn:conversa:problem:" + code));
        problem.setTitle(messages.getMessage("problem.title." + status.value(), null, status.getReasonPhrase(), locale));
        problem.setProperty("code", code);
        return problem;
    }
}
