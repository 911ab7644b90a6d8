package app.conversa.contacts;

import app.conversa.audit.AuditTrail;
import app.conversa.contacts.ContactRecords.ReviewState;
import app.conversa.contacts.ContactRecords.Status;
import app.conversa.shared.Actor;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one write path of the {@code contacts} table (issue 13): people through the API, the CSV
 * import and WhatsApp itself create and change contacts here, so every change publishes
 * {@link ContactChanged} and a person's change leaves the same audit entry whichever way it came.
 * Changes WhatsApp makes (a contact created on first message, a profile name, a number learnt)
 * publish the event with no actor and are not audited: no person made them. Who may change which
 * contact is the callers' job.
 */
@Component
class ContactStore {

    /** The fields people edit. */
    record ContactFields(String name, String phone, String email, Long clientId) {
    }

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ContactStore(JdbcClient jdbc, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A new contact. {@code by} null: WhatsApp made it (it waits for review, nobody is audited).
     * {@code assignedUserId}: whose it is (an agent's quick-created contact is theirs).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    long create(Actor by, ContactFields fields, Status status, ReviewState review, Long assignedUserId) {
        var now = now();
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into contacts (display_name, search_name, phone, phone_digits, email, status, review_state,
                    assigned_user_id, client_id, created_by, created_at, updated_at, version)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
                .params(fields.name(), ContactSearch.foldName(fields.name()), fields.phone(),
                        fields.phone() == null ? null : ContactSearch.digits(fields.phone()), fields.email(), status.name(),
                        review.name(), assignedUserId, fields.clientId(), by == null ? null : by.id(), now, now)
                .update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        if (by != null) {
            audit.record(by, "contact.created", "contact", id, Map.of("reviewed", review == ReviewState.VALIDATED));
        }
        events.publishEvent(new ContactChanged(id, "created", by));
        return id;
    }

    /**
     * Changes the fields people edit from {@code before} to {@code after}; the audit names the
     * fields that changed. Nothing when none did.
     *
     * @return whether anything changed
     */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean update(Actor by, long contactId, ContactFields before, ContactFields after) {
        var changed = new ArrayList<String>();
        if (!after.name().equals(before.name())) {
            changed.add("displayName");
        }
        if (!Objects.equals(after.phone(), before.phone())) {
            changed.add("phone");
        }
        if (!Objects.equals(after.email(), before.email())) {
            changed.add("email");
        }
        if (!Objects.equals(after.clientId(), before.clientId())) {
            changed.add("clientId");
        }
        if (changed.isEmpty()) {
            return false;
        }
        jdbc.sql("""
                update contacts set display_name = ?, search_name = ?, phone = ?, phone_digits = ?, email = ?, client_id = ?,
                    updated_at = ?, version = version + 1 where id = ?""")
                .params(after.name(), ContactSearch.foldName(after.name()), after.phone(),
                        after.phone() == null ? null : ContactSearch.digits(after.phone()), after.email(), after.clientId(),
                        now(), contactId)
                .update();
        audit.record(by, "contact.updated", "contact", contactId, Map.of("fields", changed));
        events.publishEvent(new ContactChanged(contactId, "updated", by));
        return true;
    }

    /** Gives the contact to an agent, or nobody. */
    @Transactional(propagation = Propagation.MANDATORY)
    void assign(Actor by, long contactId, Long from, Long to) {
        jdbc.sql("update contacts set assigned_user_id = ?, updated_at = ?, version = version + 1 where id = ?")
                .params(to, now(), contactId).update();
        var details = new LinkedHashMap<String, Object>();
        details.put("from", from);
        details.put("to", to);
        audit.record(by, "contact.assigned", "contact", contactId, details);
        events.publishEvent(new ContactChanged(contactId, "assigned", by));
    }

    /** A contact that waited for review is checked; nothing when it was already. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean validate(Actor by, long contactId) {
        int changed = jdbc.sql("""
                update contacts set review_state = 'VALIDATED', updated_at = ?, version = version + 1
                where id = ? and review_state = 'NEEDS_REVIEW'""").params(now(), contactId).update();
        if (changed > 0) {
            audit.record(by, "contact.validated", "contact", contactId, Map.of());
            events.publishEvent(new ContactChanged(contactId, "validated", by));
        }
        return changed > 0;
    }

    /** Inactivates or reactivates (the contact and its history stay); nothing when it already is. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean setStatus(Actor by, long contactId, Status target) {
        int changed = jdbc.sql("update contacts set status = ?, updated_at = ?, version = version + 1 where id = ? and status <> ?")
                .params(target.name(), now(), contactId, target.name()).update();
        if (changed > 0) {
            String change = target == Status.ACTIVE ? "reactivated" : "inactivated";
            audit.record(by, "contact." + change, "contact", contactId, Map.of());
            events.publishEvent(new ContactChanged(contactId, change, by));
        }
        return changed > 0;
    }

    /** WhatsApp told a newer profile name, which replaces a name that was only a number or the older profile name. */
    @Transactional(propagation = Propagation.MANDATORY)
    void rename(long contactId, String displayName) {
        jdbc.sql("update contacts set display_name = ?, search_name = ?, updated_at = ? where id = ?")
                .params(displayName, ContactSearch.foldName(displayName), now(), contactId).update();
        events.publishEvent(new ContactChanged(contactId, "updated", null));
    }

    /** A contact known only by a privacy id learns its number; nothing when it has one. */
    @Transactional(propagation = Propagation.MANDATORY)
    void learnPhone(long contactId, String phone) {
        int changed = jdbc.sql("update contacts set phone = ?, phone_digits = ?, updated_at = ? where id = ? and phone is null")
                .params(phone, ContactSearch.digits(phone), now(), contactId).update();
        if (changed > 0) {
            events.publishEvent(new ContactChanged(contactId, "updated", null));
        }
    }

    /** The profile photo's address WhatsApp gave; nothing when it is the same. */
    @Transactional(propagation = Propagation.MANDATORY)
    void photo(long contactId, String photoUrl) {
        jdbc.sql("update contacts set photo_url = ? where id = ? and (photo_url is null or photo_url <> ?)")
                .params(photoUrl, contactId, photoUrl).update();
    }

    /** The derived search keys, recomputed (after their rules changed); not a change anyone made. */
    void reindex(long contactId, String searchName, String phoneDigits) {
        jdbc.sql("update contacts set search_name = ?, phone_digits = ? where id = ?")
                .params(searchName, phoneDigits, contactId).update();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
