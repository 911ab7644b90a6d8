package app.conversa.contacts;

import app.conversa.shared.Actor;

/**
 * A contact was created or changed, committed with the change. {@code change}: {@code created},
 * {@code updated}, {@code assigned}, {@code validated}, {@code inactivated}, {@code reactivated}
 * (by a person, by the CSV import, or, with a null {@code by}, by WhatsApp: a new customer or a
 * new profile name).
 */
public record ContactChanged(long contactId, String change, Actor by) {
}
