package app.conversa.shared;

/**
 * Published whenever a caller is refused something they asked for: by the security layer, by a
 * permission check, or because the target is outside their scope. The audit module turns it into
 * a critical event.
 */
public record AccessRefused(String userId, String method, String path, String code) {
}
