package app.conversa.channels;

/** Media content as downloaded from a provider. */
public record FetchedMedia(byte[] content, String mimeType) {
}
