package app.conversa.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Walks the audit log's hash chain from its first entry and reports the first link that does not
 * hold: an entry whose content changed, an entry missing before one, an entry outside the chain,
 * or a chain that does not end at the recorded head (entries removed from the end, the whole log
 * emptied, or entries added after it). Holding chain and head can still be rewritten whole by
 * someone with write access to the database; keeping the reported head hash elsewhere (e.g. in the
 * operations log) makes that evident too.
 */
@Component
class AuditChainVerifier {

    private static final int PAGE = 1000;

    /** What breaks a link. */
    enum Problem { CHANGED, MISSING, UNCHAINED, TRUNCATED, APPENDED, NO_HEAD }

    /** Where the chain first breaks: the entry (none when entries are gone from the end) and the place in the chain. */
    record ChainBreak(@Schema(nullable = true) Long entryId, @Schema(nullable = true) Long seq, Problem problem) { }

    record ChainVerificationResponse(boolean intact, long entries, long headSeq, @Schema(nullable = true) String headHash,
            @Schema(nullable = true) ChainBreak firstBreak) { }

    private record Row(long id, AuditChain.Link link, String hash) { }

    private final JdbcClient jdbc;
    private final AuditChain chain;

    AuditChainVerifier(JdbcClient jdbc, AuditChain chain) {
        this.jdbc = jdbc;
        this.chain = chain;
    }

    /** One snapshot of the log and its head, so entries appended meanwhile do not count as breaks. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    ChainVerificationResponse verify() {
        var head = chain.head();
        var last = new AuditChain.Head(0, AuditChain.GENESIS);
        long entries = 0;
        ChainBreak broken = null;
        while (broken == null) {
            var rows = page(last.seq());
            for (var row : rows) {
                broken = check(row, last);
                if (broken != null) {
                    break;
                }
                last = new AuditChain.Head(row.link().seq(), row.hash());
                entries++;
            }
            if (rows.size() < PAGE) {
                break;
            }
        }
        if (broken == null) {
            broken = outsideTheChain();
        }
        if (broken == null) {
            broken = atTheEnd(head, last);
        }
        return new ChainVerificationResponse(broken == null, entries, head == null ? 0 : head.seq(),
                head == null ? null : head.hash(), broken);
    }

    private static ChainBreak check(Row row, AuditChain.Head previous) {
        if (row.link().seq() != previous.seq() + 1) {
            return new ChainBreak(row.id(), previous.seq() + 1, Problem.MISSING);
        }
        if (!row.link().prevHash().equals(previous.hash()) || !row.link().hash().equals(row.hash())) {
            return new ChainBreak(row.id(), row.link().seq(), Problem.CHANGED);
        }
        return null;
    }

    private ChainBreak outsideTheChain() {
        return jdbc.sql("select min(id) from audit_log where chain_seq is null or prev_hash is null or entry_hash is null")
                .query(Long.class).optional().map(id -> new ChainBreak(id, null, Problem.UNCHAINED)).orElse(null);
    }

    private static ChainBreak atTheEnd(AuditChain.Head head, AuditChain.Head last) {
        if (head == null) {
            return new ChainBreak(null, null, Problem.NO_HEAD);
        }
        if (head.seq() > last.seq()) {
            return new ChainBreak(null, last.seq() + 1, Problem.TRUNCATED);
        }
        if (head.seq() < last.seq()) {
            return new ChainBreak(null, head.seq() + 1, Problem.APPENDED);
        }
        return head.hash().equals(last.hash()) ? null : new ChainBreak(null, head.seq(), Problem.CHANGED);
    }

    private List<Row> page(long afterSeq) {
        return jdbc.sql("""
                select id, chain_seq, prev_hash, occurred_at, actor_id, actor_login, address, action, target_type, target_id,
                    details, entry_hash
                from audit_log where chain_seq > ? order by chain_seq fetch first %d rows only""".formatted(PAGE))
                .param(afterSeq)
                .query((rs, n) -> new Row(rs.getLong(1), new AuditChain.Link(rs.getLong(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getObject(5, Long.class), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11)),
                        rs.getString(12)))
                .list();
    }
}
