/**
 * Contacts: the people who write in. So far the first version the inbound pipeline needs: a
 * contact per WhatsApp identity, linked per connection, matched across connections by phone so
 * the same person writing to two numbers is one contact. Clients, editing, import and the REST
 * API come with the contacts issue.
 *
 * <p>Public API: {@link app.conversa.contacts.Contacts}, {@link app.conversa.contacts.ContactCard}.
 * Depends on {@code shared}.
 */
package app.conversa.contacts;
