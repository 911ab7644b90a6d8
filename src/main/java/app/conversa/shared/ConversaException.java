package app.conversa.shared;

import org.springframework.http.HttpStatus;

/**
 * A refusal that the API answers as an RFC 9457 problem. The {@code code} names the problem in
 * the response and selects the localized message {@code problem.<code>} (messages*.properties),
 * formatted with {@code args}.
 */
public class ConversaException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final transient Object[] args;

    public ConversaException(HttpStatus status, String code, Object... args) {
        super(code);
        this.status = status;
        this.code = code;
        this.args = args;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args.clone();
    }

    public static ConversaException notFound(String code, Object... args) {
        return new ConversaException(HttpStatus.NOT_FOUND, code, args);
    }

    public static ConversaException conflict(String code, Object... args) {
        return new ConversaException(HttpStatus.CONFLICT, code, args);
    }

    public static ConversaException forbidden(String code, Object... args) {
        return new ConversaException(HttpStatus.FORBIDDEN, code, args);
    }

    public static ConversaException invalid(String code, Object... args) {
        return new ConversaException(HttpStatus.BAD_REQUEST, code, args);
    }
}
