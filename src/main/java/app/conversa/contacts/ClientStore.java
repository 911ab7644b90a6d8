package app.conversa.contacts;

import app.conversa.audit.AuditTrail;
import app.conversa.contacts.ContactRecords.Status;
import app.conversa.identity.CurrentUser;
import app.conversa.identity.Permission;
import app.conversa.shared.ConversaException;
import app.conversa.shared.SecretBox;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * The one write path of the {@code clients} table: the API and the CSV import both create and
 * change clients here, so both need the same right for sensitive fields and leave the same audit
 * entries (issue 13). It also seals and opens what is sealed at rest. Who may see which client is
 * the callers' job; this class trusts the id it is given.
 */
@Component
class ClientStore {

    private static final String SENSITIVE = "clients.sensitive";
    private static final String NOTES = "clients.notes";
    private static final String DOCUMENT = "clients.document";
    private static final String ATTRIBUTES = "clients.attributes";
    private static final tools.jackson.core.type.TypeReference<Map<String, String>> STRING_MAP =
            new tools.jackson.core.type.TypeReference<>() { };

    /** The sealed part of a client. */
    record Sensitive(String documentId, BigDecimal balance, String currency, Integer daysOverdue) {
        static final Sensitive NONE = new Sensitive(null, null, null, null);
    }

    /** What a client is, opened; attributes by key as canonical text. */
    record ClientFields(String name, Sensitive sensitive, String notes, Map<String, String> attributes) {
        ClientFields {
            sensitive = sensitive == null ? Sensitive.NONE : sensitive;
            notes = notes == null || notes.isBlank() ? null : notes.strip();
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }
    }

    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final ObjectMapper json;
    private final AuditTrail audit;
    private final Clock clock;

    ClientStore(JdbcClient jdbc, SecretBox secrets, ObjectMapper json, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new, active client; sensitive fields need {@code contacts.edit_sensitive}. */
    @Transactional(propagation = Propagation.MANDATORY)
    long create(CurrentUser by, ClientFields fields) {
        if (!fields.sensitive().equals(Sensitive.NONE)) {
            requireSensitiveRight(by);
        }
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        var keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                    insert into clients (name, search_name, document_hash, sensitive, notes, attributes, status, created_by,
                        created_at, updated_at, version)
                    values (?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, 0)""")
                    .params(fields.name(), ContactSearch.foldName(fields.name()), documentHash(fields.sensitive().documentId()),
                            seal(fields.sensitive()), sealNotes(fields.notes()), sealAttributes(fields.attributes()), by.id(),
                            now, now)
                    .update(keys, "id");
        } catch (DuplicateKeyException e) {
            throw ConversaException.conflict("client.document_taken");
        }
        long id = keys.getKeyAs(Long.class);
        audit.record(by.actor(), "client.created", "client", id, Map.of());
        if (!fields.sensitive().equals(Sensitive.NONE)) {
            audit.record(by.actor(), "client.sensitive_changed", "client", id,
                    Map.of("fields", changedFields(Sensitive.NONE, fields.sensitive())));
        }
        return id;
    }

    /** The client as stored, opened. */
    @Transactional(propagation = Propagation.MANDATORY)
    ClientFields read(long clientId) {
        return jdbc.sql("select name, sensitive, notes, attributes from clients where id = ? for update").param(clientId)
                .query((rs, n) -> new ClientFields(rs.getString(1), open(rs.getBytes(2)), openNotes(rs.getBytes(3)),
                        openAttributes(rs.getBytes(4))))
                .optional().orElseThrow(() -> ConversaException.hidden("client.not_found", clientId));
    }

    /**
     * Changes a client from {@code before} (as {@link #read} gave it) to {@code after}; nothing
     * when they are the same. Changing a sensitive field needs {@code contacts.edit_sensitive}.
     * The audit names the fields that changed, never their values: the log is append-only.
     *
     * @return whether anything changed
     */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean update(CurrentUser by, long clientId, ClientFields before, ClientFields after) {
        var sensitiveChanges = changedFields(before.sensitive(), after.sensitive());
        var otherChanges = new ArrayList<String>();
        if (!after.name().equals(before.name())) {
            otherChanges.add("name");
        }
        if (!Objects.equals(after.notes(), before.notes())) {
            otherChanges.add("notes");
        }
        if (!after.attributes().equals(before.attributes())) {
            otherChanges.add("attributes");
        }
        if (sensitiveChanges.isEmpty() && otherChanges.isEmpty()) {
            return false;
        }
        if (!sensitiveChanges.isEmpty()) {
            requireSensitiveRight(by);
        }
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        try {
            jdbc.sql("""
                    update clients set name = ?, search_name = ?, document_hash = ?, sensitive = ?, notes = ?, attributes = ?,
                        updated_at = ?, version = version + 1 where id = ?""")
                    .params(after.name(), ContactSearch.foldName(after.name()), documentHash(after.sensitive().documentId()),
                            seal(after.sensitive()), sealNotes(after.notes()), sealAttributes(after.attributes()), now, clientId)
                    .update();
        } catch (DuplicateKeyException e) {
            throw ConversaException.conflict("client.document_taken");
        }
        if (!otherChanges.isEmpty()) {
            audit.record(by.actor(), "client.updated", "client", clientId, Map.of("fields", otherChanges));
        }
        if (!sensitiveChanges.isEmpty()) {
            audit.record(by.actor(), "client.sensitive_changed", "client", clientId, Map.of("fields", sensitiveChanges));
        }
        return true;
    }

    /** Inactivates or reactivates; nothing when it already is. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean setStatus(CurrentUser by, long clientId, Status target) {
        int changed = jdbc.sql("update clients set status = ?, updated_at = ?, version = version + 1 where id = ? and status <> ?")
                .params(target.name(), clock.instant().atOffset(ZoneOffset.UTC), clientId, target.name()).update();
        if (changed > 0) {
            audit.record(by.actor(), target == Status.ACTIVE ? "client.reactivated" : "client.inactivated", "client", clientId,
                    Map.of());
        }
        return changed > 0;
    }

    /** The client with this document id, found by its keyed hash. */
    Optional<Long> byDocument(String documentId) {
        String hash = documentHash(documentId);
        return hash == null ? Optional.empty()
                : jdbc.sql("select id from clients where document_hash = ?").param(hash).query(Long.class).optional();
    }

    boolean hasDocument(long clientId) {
        return jdbc.sql("select count(*) from clients where id = ? and document_hash is not null").param(clientId)
                .query(Long.class).single() > 0;
    }

    static void requireSensitiveRight(CurrentUser user) {
        if (!user.permissions().contains(Permission.CONTACTS_EDIT_SENSITIVE)) {
            throw ConversaException.forbidden("client.sensitive_forbidden");
        }
    }

    /** The sensitive fields that differ, by name: what the audit records of the change. */
    static List<String> changedFields(Sensitive before, Sensitive after) {
        var changed = new ArrayList<String>();
        if (!Objects.equals(before.documentId(), after.documentId())) {
            changed.add("documentId");
        }
        if (!Objects.equals(plain(before.balance()), plain(after.balance()))) {
            changed.add("balance");
        }
        if (!Objects.equals(before.currency(), after.currency())) {
            changed.add("currency");
        }
        if (!Objects.equals(before.daysOverdue(), after.daysOverdue())) {
            changed.add("daysOverdue");
        }
        return changed;
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.stripTrailingZeros().toPlainString();
    }

    String documentHash(String documentId) {
        return documentId == null || documentId.isBlank() ? null
                : secrets.blindIndex(documentId.strip().toUpperCase(java.util.Locale.ROOT), DOCUMENT);
    }

    private byte[] seal(Sensitive sensitive) {
        return sensitive.equals(Sensitive.NONE) ? null : secrets.seal(json.writeValueAsBytes(sensitive), SENSITIVE);
    }

    Sensitive open(byte[] sealed) {
        return sealed == null ? Sensitive.NONE : json.readValue(secrets.open(sealed, SENSITIVE), Sensitive.class);
    }

    private byte[] sealAttributes(Map<String, String> values) {
        return values.isEmpty() ? null : secrets.seal(json.writeValueAsBytes(values), ATTRIBUTES);
    }

    Map<String, String> openAttributes(byte[] sealed) {
        return sealed == null ? Map.of() : json.readValue(secrets.open(sealed, ATTRIBUTES), STRING_MAP);
    }

    private byte[] sealNotes(String notes) {
        return notes == null ? null : secrets.seal(notes.getBytes(StandardCharsets.UTF_8), NOTES);
    }

    String openNotes(byte[] sealed) {
        return sealed == null ? null : new String(secrets.open(sealed, NOTES), StandardCharsets.UTF_8);
    }
}
