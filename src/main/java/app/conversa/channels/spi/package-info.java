/**
 * What a provider implements to plug into {@code channels}: {@link app.conversa.channels.spi.ChannelAdapter}
 * (send, fetch media, mark read), {@link app.conversa.channels.spi.WebhookReader} (stored webhook
 * bodies to neutral events), {@link app.conversa.channels.spi.ProviderNumbers} (which connection
 * an account in a webhook belongs to, reactivation, where webhooks go), and the optional
 * {@link app.conversa.channels.spi.QrPairing}. The neutral code finds them by provider in
 * {@link app.conversa.channels.Providers} and never names a provider folder; the provider folders
 * ({@code cloudapi}, {@code evolution}) use the neutral API and this one, never each other.
 */
package app.conversa.channels.spi;
