/**
 * Everything of QR-linked numbers through an Evolution API gateway (PROTOCOLS.md part B): the
 * gateway client and its settings, the adapter, the webhook controller and intake (a secret per
 * number), reading webhooks into neutral events and link reports, the numbers' instances, QR
 * pairing and link polling, contact and chat sync, and provisioning from code. Uses the neutral
 * {@code channels} API and {@code spi}; nothing outside this folder names it, but the sandbox,
 * through the {@code provisioning} named interface.
 */
package app.conversa.channels.evolution;
