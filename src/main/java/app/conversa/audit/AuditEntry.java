package app.conversa.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** One line of the audit log, a link of its hash chain (AuditChain). Immutable: written once, never updated or deleted. */
@Entity
@Immutable
@Table(name = "audit_log")
class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Instant occurredAt;
    private Long actorId;
    private String actorLogin;
    private String address;
    private String action;
    private String targetType;
    private String targetId;
    @Column(length = 8000)
    private String details;
    private long chainSeq;
    private String prevHash;
    private String entryHash;

    protected AuditEntry() {
    }

    AuditEntry(AuditChain.Link link, String entryHash) {
        this.occurredAt = link.at();
        this.actorId = link.actorId();
        this.actorLogin = link.actorLogin();
        this.address = link.address();
        this.action = link.action();
        this.targetType = link.targetType();
        this.targetId = link.targetId();
        this.details = link.details();
        this.chainSeq = link.seq();
        this.prevHash = link.prevHash();
        this.entryHash = entryHash;
    }

    Long id() { return id; }
    Instant occurredAt() { return occurredAt; }
    Long actorId() { return actorId; }
    String actorLogin() { return actorLogin; }
    String address() { return address; }
    String action() { return action; }
    String targetType() { return targetType; }
    String targetId() { return targetId; }
    String details() { return details; }
}
