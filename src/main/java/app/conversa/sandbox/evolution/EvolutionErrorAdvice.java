package app.conversa.sandbox.evolution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers the fake gateway's refusals in Evolution's envelope instead of the app's problem details. */
@RestControllerAdvice(assignableTypes = {FakeEvolutionApi.class, FakeEvolutionChatApi.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnBooleanProperty(name = "conversa.sandbox.enabled")
class EvolutionErrorAdvice {

    @ExceptionHandler(EvolutionError.class)
    ResponseEntity<Map<String, Object>> refused(EvolutionError e) {
        return envelope(e.status(), e.messages());
    }

    /** Express's body parser refuses malformed JSON with a 400 before any route runs. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return envelope(400, List.of("Unexpected token in JSON"));
    }

    static ResponseEntity<Map<String, Object>> envelope(int status, Object messages) {
        var body = new LinkedHashMap<String, Object>();
        body.put("status", status);
        body.put("error", HttpStatus.valueOf(status).getReasonPhrase());
        body.put("response", Map.of("message", messages));
        return ResponseEntity.status(status).body(body);
    }
}
