package app.conversa.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit log as a hash chain: entry n stores the hash of entry n − 1 and its own, SHA-256 over
 * a canonical encoding of its place, that previous hash and every column it shows. Changing,
 * removing or inserting an entry anywhere breaks the chain from there on, which
 * {@link AuditChainVerifier} reports. Appends lock the chain's head row (one row, {@code
 * select … for update}), so concurrent writers, on one node or several, extend a single chain in
 * the order they commit.
 */
@Component
class AuditChain {

    /** The "previous hash" of the first entry. */
    static final String GENESIS = "0".repeat(64);

    /** The hashed content of an entry. */
    record Link(long seq, String prevHash, Instant at, Long actorId, String actorLogin, String address, String action,
            String targetType, String targetId, String details) {

        String hash() {
            var text = new StringBuilder("conversa-audit-v1");
            for (Object value : new Object[] {seq, prevHash, at, actorId, actorLogin, address, action, targetType, targetId,
                    details}) {
                // length-prefixed: no value can pass for the end of another
                text.append(value == null ? "|~" : "|" + value.toString().length() + ":" + value);
            }
            try {
                var sha256 = MessageDigest.getInstance("SHA-256");
                return HexFormat.of().formatHex(sha256.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 unavailable", e);
            }
        }
    }

    /** The last entry's place and hash. */
    record Head(long seq, String hash) { }

    private final JdbcClient jdbc;

    AuditChain(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The head, locked until the caller's transaction ends: the next entry is {@code seq + 1}. */
    Head lockHead() {
        return jdbc.sql("select last_seq, last_hash from audit_chain where id = 1 for update")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
    }

    /** The head as it stands, not locked (verification). */
    Head head() {
        return jdbc.sql("select last_seq, last_hash from audit_chain where id = 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).optional().orElse(null);
    }

    void advance(Head head) {
        jdbc.sql("update audit_chain set last_seq = ?, last_hash = ? where id = 1").params(head.seq(), head.hash()).update();
    }
}
