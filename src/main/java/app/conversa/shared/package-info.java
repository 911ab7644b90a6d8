/**
 * Small building blocks every module may use: the acting {@link app.conversa.shared.Actor}, the
 * exceptions that become RFC 9457 problem details, the clock, and the run-mode guards.
 * It depends on no other module.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package app.conversa.shared;
