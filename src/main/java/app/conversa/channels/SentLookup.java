package app.conversa.channels;

/** What a provider says of a message whose send had no answer ({@link SendOutcomeUnknown}). */
public sealed interface SentLookup {

    /** The provider has it, under this id. */
    record Found(String providerMessageId) implements SentLookup {
    }

    /** The provider shows no such message (yet: it may still be taking it in). */
    record Absent() implements SentLookup {
    }

    /**
     * The provider cannot be asked: only its status webhooks, which echo the message's reference,
     * can tell (Cloud API).
     */
    record CannotTell() implements SentLookup {
    }
}
