package app.conversa.identity;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * CONVERSA_ADMIN_PASSWORD breaks the password policy: the first administrator cannot be created
 * and Conversa does not start. Reported as one readable reason instead of a stack trace.
 */
class AdminPasswordRefused extends RuntimeException {

    AdminPasswordRefused(String reason) {
        super("CONVERSA_ADMIN_PASSWORD is refused: " + reason);
    }

    /** Registered in META-INF/spring.factories; Spring Boot prints its analysis when start-up fails. */
    static class Analyzer extends AbstractFailureAnalyzer<AdminPasswordRefused> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, AdminPasswordRefused cause) {
            return new FailureAnalysis(cause.getMessage(), "Set CONVERSA_ADMIN_PASSWORD to " + Passwords.MIN_LENGTH
                    + " to " + Passwords.MAX_LENGTH + " characters that do not contain the login, or leave it empty "
                    + "to get a one-time password in the log.", cause);
        }
    }
}
