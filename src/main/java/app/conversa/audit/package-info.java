/**
 * The audit log (who did what, when, from which address; append-only) and the critical-event log
 * (connection lost, webhook rejected, send failures, permission denied …).
 *
 * <p>Other modules write through {@link app.conversa.audit.AuditTrail} and
 * {@link app.conversa.audit.CriticalEvents} inside their own transaction, so an action and its
 * audit entry commit together. Modules declare the action codes they write as
 * {@link app.conversa.audit.AuditActions} beans. Depends only on {@code shared}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared"})
package app.conversa.audit;
