/**
 * WhatsApp connections (one number each, through a provider) and what crosses the wire with the
 * providers. So far: Cloud API connections, with their secrets sealed at rest, and the Cloud API
 * webhook (verification handshake, signature check over the raw bytes, and a durable intake that
 * commits each signed call before answering 200). Still to come here: turning the intake into
 * messages, the Graph API client for sending and media, and the Evolution API adapter (then the
 * provider code moves into sub-packages {@code cloudapi} and {@code evolution}).
 * Depends on {@code audit} and {@code shared}.
 */
package app.conversa.channels;
