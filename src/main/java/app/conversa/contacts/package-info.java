/**
 * Contacts and clients: Conversa's own customer database. A contact per WhatsApp identity, linked
 * per connection and matched across connections by its E.164 phone (libphonenumber, the same door
 * for numbers typed by hand and WhatsApp ids); clients (account holders) with their sealed
 * personal data (document id with a blind index, balance, days overdue, notes); the REST API to
 * list, search, create, edit, assign, validate and inactivate both, narrowed by
 * {@code ContactVisibility}. Still to come: custom client attributes, API tokens, CSV import and
 * export, and the screens.
 *
 * <p>Public API: {@link app.conversa.contacts.Contacts}, {@link app.conversa.contacts.ContactCard},
 * {@link app.conversa.contacts.ContactSearch}, {@link app.conversa.contacts.PhoneNumbers} and the
 * {@link app.conversa.contacts.ChatReach} port (implemented by conversations). Depends on
 * {@code identity}, {@code audit} and {@code shared}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "identity", "shared"})
package app.conversa.contacts;
