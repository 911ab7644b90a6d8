package app.conversa.contacts;

import app.conversa.identity.CurrentUser;

/**
 * The contacts a user reaches through the chats they may see (R4: an agent sees the contacts of
 * their chats). Implemented by the conversations module, which owns chats and their visibility;
 * contacts only asks, so the two modules do not depend on each other both ways.
 */
public interface ChatReach {

    /** A subquery selecting contact ids, with its named parameters. */
    ContactSearch.Subquery contactsOfVisibleChats(CurrentUser user);
}
