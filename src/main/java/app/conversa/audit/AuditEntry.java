package app.conversa.audit;

import app.conversa.shared.Actor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** One line of the audit log. Immutable: written once, never updated or deleted. */
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

    protected AuditEntry() {
    }

    AuditEntry(Instant occurredAt, Actor actor, String address, String action, String targetType, String targetId,
            String details) {
        this.occurredAt = occurredAt;
        this.actorId = actor.id();
        this.actorLogin = actor.login();
        this.address = address;
        this.action = action;
        this.targetType = targetType;
        this.targetId = targetId;
        this.details = details;
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
