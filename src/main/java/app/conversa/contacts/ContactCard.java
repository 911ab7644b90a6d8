package app.conversa.contacts;

/** What a chat shows about its contact. */
public record ContactCard(long id, String displayName, String phone) {
}
