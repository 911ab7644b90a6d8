package app.conversa.contacts;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Finding, or creating, the contact behind a WhatsApp identity. */
@Service
public class Contacts {

    private final JdbcClient jdbc;
    private final PhoneNumbers phones;
    private final Clock clock;
    private final ContactStore store;

    Contacts(JdbcClient jdbc, PhoneNumbers phones, Clock clock, ContactStore store) {
        this.store = store;
        this.jdbc = jdbc;
        this.phones = phones;
        this.clock = clock;
    }

    /**
     * The contact that {@code waId} is on this connection; created on first contact, and matched
     * by phone to a contact another connection already knows. A newer profile name replaces a name
     * that was only a number. Runs in the caller's transaction; two callers racing on a new
     * identity meet the unique constraint and one of them retries.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long identifyWhatsApp(long connectionId, String waId, String profileName) {
        return identifyWhatsApp(connectionId, waId, profileName, null);
    }

    /**
     * As {@link #identifyWhatsApp(long, String, String)}, for a customer WhatsApp may also know by a
     * privacy id (a gateway's {@code <digits>@lid}, or the Cloud API's business-scoped user id such
     * as {@code US.13491208655302741918}): the privacy id and the number map to one contact,
     * whichever arrives first. A privacy id alone makes a contact without a phone number, which
     * gets its number when a later message carries both.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long identifyWhatsApp(long connectionId, String waId, String profileName, String privacyId) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        if (isPrivacyId(waId)) {
            return identifyPrivate(connectionId, waId, profileName, now);
        }
        if (privacyId != null) {
            var byPrivacyId = identity(connectionId, privacyId);
            boolean numberKnown = identity(connectionId, waId).isPresent();
            String phone = phones.fromWhatsAppId(waId);
            boolean phoneElsewhere = byPrivacyId.isPresent() && jdbc.sql(
                    "select count(*) from contacts where phone = ? and id <> ?").params(phone, byPrivacyId.get())
                    .query(Long.class).single() > 0;
            if (byPrivacyId.isPresent() && !numberKnown && !phoneElsewhere) {
                // the contact known only by its privacy id learns its number
                long contactId = byPrivacyId.get();
                store.learnPhone(contactId, phone);
                insertIdentity(connectionId, waId, contactId, profileName, now);
                return contactId;
            }
            long contactId = identifyNumber(connectionId, waId, profileName, now);
            if (byPrivacyId.isEmpty()) {
                insertIdentity(connectionId, privacyId, contactId, profileName, now);
            } else if (byPrivacyId.get() != contactId) {
                // the number belongs to a contact already: the privacy id follows it from now on
                // (what was written under the privacy id alone stays with that first contact)
                jdbc.sql("update contact_whatsapp_identities set contact_id = ? where connection_id = ? and wa_id = ?")
                        .params(contactId, connectionId, privacyId).update();
            }
            return contactId;
        }
        return identifyNumber(connectionId, waId, profileName, now);
    }

    /**
     * A customer the number knows (its address book, a contact sync): the same contact as
     * {@link #identifyWhatsApp(long, String, String, String)} finds or creates, with the profile
     * photo's address kept. Running it again changes nothing but what changed.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long syncWhatsApp(long connectionId, String waId, String profileName, String privacyId, String photoUrl) {
        long contactId = identifyWhatsApp(connectionId, waId, profileName, privacyId);
        if (photoUrl != null && photoUrl.startsWith("https://") && photoUrl.length() <= 1000) {
            store.photo(contactId, photoUrl);
        }
        return contactId;
    }

    private long identifyPrivate(long connectionId, String privacyId, String profileName, java.time.OffsetDateTime now) {
        var known = identity(connectionId, privacyId);
        if (known.isPresent()) {
            return known.get();
        }
        String name = profileName == null || profileName.isBlank()
                ? privacyId.contains("@") ? privacyId.substring(0, privacyId.indexOf('@')) : privacyId
                : truncate(profileName.strip());
        long contactId = insertContact(name, null);
        insertIdentity(connectionId, privacyId, contactId, profileName, now);
        return contactId;
    }

    /** A WhatsApp id that is not a number's digits: a privacy id, which tells no phone number. */
    private static boolean isPrivacyId(String waId) {
        return !waId.matches("\\+?\\d+");
    }

    private java.util.Optional<Long> identity(long connectionId, String waId) {
        return jdbc.sql("select contact_id from contact_whatsapp_identities where connection_id = ? and wa_id = ?")
                .params(connectionId, waId).query(Long.class).optional();
    }

    private void insertIdentity(long connectionId, String waId, long contactId, String profileName,
            java.time.OffsetDateTime now) {
        jdbc.sql("""
                insert into contact_whatsapp_identities (connection_id, wa_id, contact_id, profile_name, created_at)
                values (?, ?, ?, ?, ?)""").params(connectionId, waId, contactId, profileName, now).update();
    }

    private long identifyNumber(long connectionId, String waId, String profileName, java.time.OffsetDateTime now) {
        String phone = phones.fromWhatsAppId(waId); // E.164, as contacts typed by hand: the same person matches
        var known = jdbc.sql("""
                select i.contact_id, i.profile_name, c.display_name from contact_whatsapp_identities i
                join contacts c on c.id = i.contact_id where i.connection_id = ? and i.wa_id = ?""")
                .params(connectionId, waId)
                .query((rs, row) -> new Known(rs.getLong(1), rs.getString(2), rs.getString(3))).optional();
        if (known.isPresent()) {
            var identity = known.get();
            if (profileName != null && !profileName.isBlank() && !profileName.equals(identity.profileName())) {
                jdbc.sql("update contact_whatsapp_identities set profile_name = ? where connection_id = ? and wa_id = ?")
                        .params(profileName, connectionId, waId).update();
                if (identity.displayName().equals(phone) || identity.displayName().equals(identity.profileName())) {
                    rename(identity.contactId(), profileName);
                }
            }
            return identity.contactId();
        }
        String name = profileName == null || profileName.isBlank() ? phone : truncate(profileName.strip());
        long contactId = jdbc.sql("select id from contacts where phone = ? order by id fetch first 1 rows only")
                .param(phone).query(Long.class).optional()
                .orElseGet(() -> insertContact(name, phone));
        jdbc.sql("""
                insert into contact_whatsapp_identities (connection_id, wa_id, contact_id, profile_name, created_at)
                values (?, ?, ?, ?, ?)""").params(connectionId, waId, contactId, profileName, now).update();
        return contactId;
    }

    @Transactional(readOnly = true)
    public Map<Long, ContactCard> cards(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("select id, display_name, phone from contacts where id in (:ids)").param("ids", ids)
                .query((rs, row) -> new ContactCard(rs.getLong(1), rs.getString(2), rs.getString(3))).list().stream()
                .collect(Collectors.toMap(ContactCard::id, Function.identity()));
    }

    private long insertContact(String name, String phone) {
        return store.create(null, new ContactStore.ContactFields(name, phone, null, null), ContactRecords.Status.ACTIVE,
                ContactRecords.ReviewState.NEEDS_REVIEW, null);
    }

    private void rename(long contactId, String name) {
        store.rename(contactId, truncate(name.strip()));
    }

    private static String truncate(String name) {
        return name.length() <= 200 ? name : name.substring(0, 200);
    }

    private record Known(long contactId, String profileName, String displayName) {
    }
}
