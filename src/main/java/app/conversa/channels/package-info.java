/**
 * WhatsApp connections (one number each, through a provider) and what crosses the wire with the
 * providers: Cloud API connections with their secrets sealed at rest; the Cloud API webhook
 * (verification handshake, signature check over the raw bytes, a durable intake that commits each
 * signed call before answering 200) and the drainer that reads stored calls into
 * provider-neutral {@link app.conversa.channels.InboundEvent}s for the
 * {@link app.conversa.channels.InboundHandler}; the adapter interface, its registry
 * ({@link app.conversa.channels.Messaging}) and the Graph API adapter; voice-note conversion
 * ({@link app.conversa.channels.VoiceNotes}). Still to come: the Evolution API adapter (then the
 * provider code moves into sub-packages {@code cloudapi} and {@code evolution}).
 * Depends on {@code audit}, {@code identity} and {@code shared}.
 */
package app.conversa.channels;
