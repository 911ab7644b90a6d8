package app.conversa.audit;

import java.util.List;

/** The audit action codes a module writes, declared so the audit screen can offer them as filters. */
public interface AuditActions {

    List<String> codes();
}
