/**
 * WhatsApp connections (one number each, through a provider) and what crosses the wire with the
 * providers. This package is the neutral part: connections, their team, business hours, the link
 * state machine of QR numbers ({@link app.conversa.channels.ConnectionLinks}: states, history,
 * alerts, reconnects with back-off), the webhook queue and its drainer (stored calls read by their
 * provider's reader into provider-neutral {@link app.conversa.channels.InboundEvent}s for the
 * {@link app.conversa.channels.InboundHandler}s), {@link app.conversa.channels.Messaging} for other
 * modules' sends, voice-note conversion, and every sealed secret
 * ({@link app.conversa.channels.ConnectionSecrets}). {@code spi} holds what a provider plugs in
 * (adapter, webhook reader, its numbers, optional QR pairing), found by provider in the registry
 * ({@code Providers}); {@code cloudapi} and {@code evolution} hold everything of one provider each.
 * Dependencies point one way: the provider folders use this package and {@code spi}, never the
 * reverse, never each other (ProviderFoldersTests). A WAHA provider would be one more folder, and
 * nothing outside it. Depends on {@code audit}, {@code identity}, {@code realtime} and
 * {@code shared}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "identity", "realtime", "shared"})
package app.conversa.channels;
