package app.conversa.identity;

import app.conversa.audit.AuditTrail;
import app.conversa.shared.ConversaException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens (S6): "cva_" and 43 characters of a 256-bit random secret, of which only the SHA-256
 * is stored (a secret that random needs no slow hash). A token acts for its owner with the
 * permissions it was given, intersected at every call with what the owner may do now, so a role
 * change, an inactivated owner or a revocation takes effect on the next request.
 */
@Service
class ApiTokens {

    static final String PREFIX = "cva_";
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    record TokenView(long id, String name, @Schema(description = "The secret's first characters, to recognize it") String prefix,
            List<String> permissions, Instant createdAt, @Schema(nullable = true) Instant lastUsedAt,
            @Schema(nullable = true) Instant revokedAt) {
    }

    record CreatedTokenResponse(TokenView token, @Schema(description = "Shown only now: store it in the other system") String secret) {
    }

    private final JdbcClient jdbc;
    private final UserDirectory users;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, UserDirectory users, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    CreatedTokenResponse create(CurrentUser owner, String name, Set<String> codes) {
        var permissions = EnumSet.noneOf(Permission.class);
        for (String code : codes) {
            var permission = Permission.byCode(code).orElseThrow(() -> ConversaException.invalid("role.unknown_permission", code));
            if (!owner.permissions().contains(permission)) {
                throw ConversaException.invalid("token.permission_not_held", code);
            }
            permissions.add(permission);
        }
        if (permissions.isEmpty()) {
            throw ConversaException.invalid("token.no_permissions");
        }
        permissions.remove(Permission.API_TOKENS_MANAGE); // a token never mints tokens
        var bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into api_tokens (user_id, name, token_hash, prefix, permissions, created_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(owner.id(), name.strip(), hash(secret), secret.substring(0, 10), join(permissions), now)
                .update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        audit.record(owner.actor(), "api_token.created", "api_token", id, Map.of("name", name.strip(),
                "permissions", permissions.stream().map(Permission::code).toList()));
        return new CreatedTokenResponse(view(owner, id), secret);
    }

    @Transactional(readOnly = true)
    List<TokenView> list(CurrentUser owner) {
        return jdbc.sql("""
                select id, name, prefix, permissions, created_at, last_used_at, revoked_at from api_tokens
                where user_id = ? order by id desc""").param(owner.id()).query(ApiTokens::row).list();
    }

    /** Stops the token at once (its next call answers 401); it stays listed as revoked. */
    @Transactional
    void revoke(CurrentUser owner, long tokenId) {
        view(owner, tokenId);
        int revoked = jdbc.sql("update api_tokens set revoked_at = ? where id = ? and user_id = ? and revoked_at is null")
                .params(clock.instant().atOffset(ZoneOffset.UTC), tokenId, owner.id()).update();
        if (revoked > 0) {
            audit.record(owner.actor(), "api_token.revoked", "api_token", tokenId, Map.of());
        }
    }

    /**
     * Revokes every live token of a user whose password an administrator reset: a reset signals a
     * compromised account, and a token minted by an intruder must not outlive it.
     */
    @Transactional
    void revokeAllOf(CurrentUser actor, long userId) {
        var live = jdbc.sql("select id from api_tokens where user_id = ? and revoked_at is null").param(userId)
                .query(Long.class).list();
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        for (long tokenId : live) {
            jdbc.sql("update api_tokens set revoked_at = ? where id = ?").params(now, tokenId).update();
            audit.record(actor.actor(), "api_token.revoked", "api_token", tokenId, Map.of("reason", "user.password.reset"));
        }
    }

    /**
     * The user a presented secret acts as, with the token's permissions; empty for an unknown,
     * revoked or orphaned token, and while its owner must change a temporary password.
     */
    @Transactional
    Optional<CurrentUser> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        record Found(long id, long userId, String permissions, OffsetDateTime lastUsedAt) {
        }
        var found = jdbc.sql("select id, user_id, permissions, last_used_at from api_tokens where token_hash = ? and revoked_at is null")
                .param(hash(secret))
                .query((rs, n) -> new Found(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class)))
                .optional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        var token = found.get();
        var now = clock.instant();
        if (token.lastUsedAt() == null || token.lastUsedAt().toInstant().plus(LAST_USED_GRANULARITY).isBefore(now)) {
            jdbc.sql("update api_tokens set last_used_at = ? where id = ?").params(now.atOffset(ZoneOffset.UTC), token.id()).update();
        }
        var granted = parse(token.permissions());
        return users.currentUser(token.userId()).filter(owner -> !owner.mustChangePassword()).map(owner -> {
            var permissions = EnumSet.noneOf(Permission.class);
            owner.permissions().stream().filter(granted::contains).forEach(permissions::add);
            return new CurrentUser(owner.id(), owner.login(), owner.displayName(), owner.email(), owner.role(),
                    owner.language(), owner.departmentIds(), Set.copyOf(permissions), false);
        });
    }

    private TokenView view(CurrentUser owner, long tokenId) {
        return jdbc.sql("""
                select id, name, prefix, permissions, created_at, last_used_at, revoked_at from api_tokens
                where id = ? and user_id = ?""").params(tokenId, owner.id()).query(ApiTokens::row).optional()
                .orElseThrow(() -> ConversaException.hidden("token.not_found", tokenId));
    }

    private static TokenView row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        var lastUsed = rs.getObject(6, OffsetDateTime.class);
        var revoked = rs.getObject(7, OffsetDateTime.class);
        return new TokenView(rs.getLong(1), rs.getString(2), rs.getString(3),
                parse(rs.getString(4)).stream().map(Permission::code).sorted().toList(),
                rs.getObject(5, OffsetDateTime.class).toInstant(), lastUsed == null ? null : lastUsed.toInstant(),
                revoked == null ? null : revoked.toInstant());
    }

    private static String join(Set<Permission> permissions) {
        return permissions.stream().map(Permission::code).sorted().collect(Collectors.joining(","));
    }

    private static Set<Permission> parse(String codes) {
        var permissions = EnumSet.noneOf(Permission.class);
        Arrays.stream(codes.split(",")).map(Permission::byCode).flatMap(Optional::stream).forEach(permissions::add);
        return permissions;
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
