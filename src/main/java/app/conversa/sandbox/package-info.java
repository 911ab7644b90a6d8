/**
 * The WhatsApp simulator, for demo mode and tests only ({@code conversa.sandbox.enabled}; off in
 * production): a fake of Meta's Graph API (messages, media upload, media URL and download, mark
 * read) with Meta's success and error shapes, which answers sends with signed status webhooks to
 * the app's real webhook endpoint; a customer phone (write to a number as a customer, see the
 * business's replies); and fault injection. The real Cloud API adapter talks to it over HTTP, so
 * demo mode runs the production code path. No other module depends on this one.
 *
 * <p>Depends on {@code channels}, {@code identity} (demo department) and {@code shared}.
 */
package app.conversa.sandbox;
