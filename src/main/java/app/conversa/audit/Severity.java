package app.conversa.audit;

/** How urgent a critical event is: CRITICAL needs someone now (a connection is down). */
public enum Severity {
    INFO, WARNING, CRITICAL
}
