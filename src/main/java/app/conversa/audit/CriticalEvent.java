package app.conversa.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Immutable
@Table(name = "critical_events")
class CriticalEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Instant occurredAt;
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private Severity severity;
    private String source;
    private String code;
    @Column(length = 8000)
    private String details;

    protected CriticalEvent() {
    }

    CriticalEvent(Instant occurredAt, Severity severity, String source, String code, String details) {
        this.occurredAt = occurredAt;
        this.severity = severity;
        this.source = source;
        this.code = code;
        this.details = details;
    }

    Long id() { return id; }
    Instant occurredAt() { return occurredAt; }
    Severity severity() { return severity; }
    String source() { return source; }
    String code() { return code; }
    String details() { return details; }
}
