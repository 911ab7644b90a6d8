package app.conversa.conversations;

import app.conversa.contacts.ChatReach;
import app.conversa.contacts.ContactSearch;
import app.conversa.identity.CurrentUser;
import org.springframework.stereotype.Component;

/** The contacts of the chats a user may see, by the one chat visibility rule. */
@Component
class ChatContactReach implements ChatReach {

    private final ChatVisibility visibility;

    ChatContactReach(ChatVisibility visibility) {
        this.visibility = visibility;
    }

    @Override
    public ContactSearch.Subquery contactsOfVisibleChats(CurrentUser user) {
        var condition = visibility.condition(user);
        return new ContactSearch.Subquery("select c.contact_id from chats c where " + condition.sql(), condition.params());
    }
}
