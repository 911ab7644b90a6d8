/**
 * WhatsApp connections (one number each, through a provider) and what crosses the wire with the
 * providers. Two providers: Meta's Cloud API (secrets sealed at rest; the webhook's verification
 * handshake and signature check over the raw bytes; the Graph API adapter) and QR-linked numbers
 * through an Evolution API gateway (the gateway's settings, instances with a per-connection
 * webhook secret, QR codes, the link state machine with polling, back-off reconnects and throttled
 * alerts, contact and chat sync; the Evolution adapter). Both intakes commit each authenticated
 * call to one queue before answering; the drainer reads stored calls with their provider's
 * {@code WebhookReader} into provider-neutral {@link app.conversa.channels.InboundEvent}s for the
 * {@link app.conversa.channels.InboundHandler}s. The adapter interface and its registry
 * ({@link app.conversa.channels.Messaging}) keep providers out of every other module; voice-note
 * conversion ({@link app.conversa.channels.VoiceNotes}). A WAHA adapter would be one more
 * {@code ChannelAdapter}, {@code WebhookReader} and intake here, and nothing outside.
 * Depends on {@code audit}, {@code identity}, {@code realtime} and {@code shared}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "identity", "realtime", "shared"})
package app.conversa.channels;
