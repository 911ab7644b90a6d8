package app.conversa.channels;

/** What a WhatsApp message carries, provider-neutral (PROTOCOLS.md A2, B4). */
public enum MessageKind {
    TEXT, IMAGE, AUDIO, VIDEO, DOCUMENT, STICKER, LOCATION, CONTACTS,
    /** A tap on an interactive button or list row the business sent. */
    INTERACTIVE_REPLY,
    /** A tap on a template's quick-reply button. */
    BUTTON_REPLY,
    REACTION, ORDER,
    /** Something WhatsApp itself says about the customer (e.g. they changed number). */
    SYSTEM,
    /** A message WhatsApp does not let businesses read (polls, view-once...). */
    UNSUPPORTED;

    public boolean hasMedia() {
        return this == IMAGE || this == AUDIO || this == VIDEO || this == DOCUMENT || this == STICKER;
    }
}
