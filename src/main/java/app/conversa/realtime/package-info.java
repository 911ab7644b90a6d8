/**
 * Real time: STOMP over WebSocket at {@code /ws}. Every push goes to one user's queue
 * ({@code /user/queue/events}); the module that owns the data decides who may receive it, with
 * the same rule as its REST API. Clients may subscribe to their own queue and nothing else, and
 * send nothing. After a reconnect the client refetches what it shows.
 *
 * <p>Public API: {@link app.conversa.realtime.Pushes}. Depends on {@code identity} and {@code shared}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"identity"})
package app.conversa.realtime;
