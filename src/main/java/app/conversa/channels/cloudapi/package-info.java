/**
 * Everything of Meta's WhatsApp Business Cloud API (PROTOCOLS.md part A): the Graph API adapter,
 * the webhook controller and its intake (verification handshake, signature over the raw bytes),
 * reading notifications into neutral events, the numbers' settings and secrets, and their
 * provisioning from code. Uses the neutral {@code channels} API and {@code spi}; nothing outside
 * this folder names it, but the sandbox, through the {@code provisioning} named interface.
 */
package app.conversa.channels.cloudapi;
