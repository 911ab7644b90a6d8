/**
 * The fake Evolution API gateway (PROTOCOLS.md part B), the phones linked to its numbers, and the
 * QR-linked demo numbers.
 */
package app.conversa.sandbox.evolution;
