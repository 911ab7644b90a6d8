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
    private final boolean refusesAccess;
    private final transient Object[] args;

    public ConversaException(HttpStatus status, String code, Object... args) {
        this(status, code, false, args);
    }

    private ConversaException(HttpStatus status, String code, boolean refusesAccess, Object... args) {
        super(code);
        this.status = status;
        this.code = code;
        this.refusesAccess = refusesAccess;
        this.args = args;
    }

    /** Whether this refuses the caller access (logged as a critical event), rather than rejecting bad input. */
    public boolean refusesAccess() {
        return refusesAccess;
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
        return new ConversaException(HttpStatus.FORBIDDEN, code, true, args);
    }

    /** Outside the caller's scope: answered exactly like a missing target, so existence is not revealed. */
    public static ConversaException hidden(String code, Object... args) {
        return new ConversaException(HttpStatus.NOT_FOUND, code, true, args);
    }

    public static ConversaException invalid(String code, Object... args) {
        return new ConversaException(HttpStatus.BAD_REQUEST, code, args);
    }
}
