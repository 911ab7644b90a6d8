package app.conversa.contacts;

import app.conversa.contacts.ClientStore.ClientFields;
import app.conversa.contacts.ClientStore.Sensitive;
import app.conversa.contacts.ContactAdministration.NameCursor;
import app.conversa.contacts.ContactRecords.ClientContactView;
import app.conversa.contacts.ContactRecords.ClientView;
import app.conversa.contacts.ContactRecords.MoneyView;
import app.conversa.contacts.ContactRecords.SaveClientRequest;
import app.conversa.contacts.ContactRecords.Status;
import app.conversa.identity.CurrentUser;
import app.conversa.identity.Permission;
import app.conversa.shared.ConversaException;
import app.conversa.shared.CursorPage;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Clients, the account holders (B1): name, and the personal data a collections company works
 * with, sealed at rest: document id, balance, days overdue, notes. The document id also gets a
 * keyed hash, so it can be found and kept unique without being readable in the database. Only
 * {@code contacts.edit_sensitive} changes the document id, balance or days overdue, and every such
 * change is audited with the names of the fields that changed, never their values: the audit log
 * is append-only, so a value written there could never be erased.
 */
@Service
class ClientAdministration {

    private record Row(long id, String name, byte[] sensitive, byte[] notes, Status status, OffsetDateTime createdAt,
            OffsetDateTime updatedAt, String searchName, byte[] attributes) {
    }

    private final JdbcClient jdbc;
    private final ContactVisibility visibility;
    private final ClientStore store;
    private final ClientAttributes attributes;
    private final app.conversa.shared.PlanHints plans;

    ClientAdministration(JdbcClient jdbc, ContactVisibility visibility, ClientStore store, ClientAttributes attributes,
            app.conversa.shared.PlanHints plans) {
        this.plans = plans;
        this.attributes = attributes;
        this.jdbc = jdbc;
        this.visibility = visibility;
        this.store = store;
    }

    /** Clients by name; {@code q}: name words, an exact document id, or a contact's phone digits. */
    @Transactional(readOnly = true)
    CursorPage<ClientView> list(CurrentUser user, String query, Status status, String after, int size) {
        return list(user, query, status, after, size, ContactAdministration.Plan.CHOOSE);
    }

    /**
     * The most contacts a user may see for a client search to start from them (#visibleSide):
     * supervisor01 in the benchmark sees 40,020 (docs/benchmarks.md).
     */
    static final int FEW_VISIBLE = 60_000;

    private static final String COLUMNS =
            "l.id, l.name, l.sensitive, l.notes, l.status, l.created_at, l.updated_at, l.search_name, l.attributes";

    /**
     * Like contacts (ContactAdministration#list), two ways to the same page: matches first (the
     * client with the document id, the clients of the contacts the words or digits find, the clients
     * the words name; each tested and sorted), for digits and when the words match at most
     * {@link ContactAdministration#FEW_MATCHES} contacts and clients together; otherwise the clients
     * in name order ({@code ix_clients_name}), each tested, until the page is full: for a user
     * without {@code contacts.view.all} tested against the set of clients of the contacts the user
     * may see (#visibleSide), or, when that set is too large, one by one through their contacts.
     */
    @Transactional(readOnly = true)
    CursorPage<ClientView> list(CurrentUser user, String query, Status status, String after, int size,
            ContactAdministration.Plan plan) {
        return list(user, query, status, after, size, plan, ContactAdministration.FEW_MATCHES);
    }

    /** With another limit than ContactAdministration#FEW_MATCHES (tests). */
    @Transactional(readOnly = true)
    CursorPage<ClientView> list(CurrentUser user, String query, Status status, String after, int size,
            ContactAdministration.Plan plan, int fewMatches) {
        var params = new HashMap<String, Object>();
        var where = conditions(user, status, after, params);
        var terms = ContactSearch.terms(query);
        List<Row> rows = null;
        if (terms.isPresent()) {
            plans.searchPlansInThisTransaction();
            params.put("document", store.documentHash(query));
            if (plan != ContactAdministration.Plan.NAME_ORDER) {
                Integer cap = plan == ContactAdministration.Plan.CHOOSE && !terms.get().phone() ? fewMatches : null;
                rows = matchesFirst(terms.get(), where, params, size, cap);
            }
            if (rows == null && plan == ContactAdministration.Plan.CHOOSE && !terms.get().phone()) {
                rows = visibleSide(user, terms.get(), status, after, params, size);
            }
            if (rows == null) {
                var contacts = terms.get().scan("s");
                params.putAll(contacts.params());
                String named = terms.get().phone() ? "" : " or " + terms.get().scan("l").sql();
                where.add("(l.document_hash = :document" + named
                        + " or exists (select 1 from contacts s where s.client_id = l.id and " + contacts.sql() + "))");
            }
        }
        if (rows == null) {
            rows = jdbc.sql("select " + COLUMNS + " from clients l where " + String.join(" and ", where)
                    + " order by l.search_name, l.id fetch first " + (size + 1) + " rows only").params(params)
                    .query(ClientAdministration::row).list();
        }
        boolean more = rows.size() > size;
        var page = more ? rows.subList(0, size) : rows;
        return new CursorPage<>(views(user, page), more ? NameCursor.of(page.getLast().searchName(), page.getLast().id()) : null);
    }

    /**
     * The page out of all the matches (the contacts' and the clients' own, at most {@code cap} + 1,
     * and the document id), in one statement that also counts them; null when there are more than
     * {@code cap} (no cap: all the matches).
     */
    private List<Row> matchesFirst(ContactSearch.Terms terms, List<String> where, Map<String, Object> params, int size,
            Integer cap) {
        var contacts = terms.like("s");
        params.putAll(contacts.params());
        String found = "select s.client_id as id from contacts s where " + contacts.sql();
        if (!terms.phone()) { // the words also name the client
            found += " union all select n.id from clients n where " + terms.like("n").sql();
        }
        // as for contacts: found read once, the page only when they are not too many
        String few = cap != null ? "(select count(*) from found) <= " + cap + " and " : "";
        var matches = new long[1];
        var rows = jdbc.sql("with found as (" + found
                + (cap != null ? " fetch first " + (cap + 1) + " rows only" : "") + "), "
                + "page as (select " + COLUMNS + " from clients l where " + few + String.join(" and ", where)
                + " and l.id in (select found.id from found union all select d.id from clients d where d.document_hash = :document)"
                + " order by l.search_name, l.id fetch first " + (size + 1) + " rows only) "
                + "select page.*, counted.matches from (select count(*) as matches from found) counted left join page on 1 = 1 "
                + "order by page.search_name, page.id")
                .params(params).query((rs, n) -> {
                    matches[0] = rs.getLong(10);
                    return rs.getObject(1) == null ? null : row(rs, n);
                }).list();
        if (cap != null && matches[0] > cap) {
            return null;
        }
        return rows.stream().filter(Objects::nonNull).toList();
    }

    /**
     * For a user without {@code contacts.view.all} whose words match too many to take first: the
     * clients of the contacts the user may see, collected once as a set
     * (ContactVisibility#clientsOfVisibleContacts, at most {@link #FEW_VISIBLE} contacts), and the
     * client name order walked with each entry tested against that set, then against the words; the
     * walk reads only indexes on PostgreSQL ({@code ix_clients_name}, the set, and a client's
     * contacts' names in {@code ix_contacts_client_name}). Testing each client's visibility through
     * its contacts instead costs a few lookups per client walked, and a common word ("maria") may
     * walk tens of thousands of clients, most not visible, to fill a page. Null for
     * {@code contacts.view.all}, and when the user sees more contacts than {@link #FEW_VISIBLE} (then
     * most clients walked are visible and the walk tested one by one is short).
     */
    private List<Row> visibleSide(CurrentUser user, ContactSearch.Terms terms, Status status, String after,
            Map<String, Object> params, int size) {
        var seen = visibility.clientsOfVisibleContacts(user);
        if (seen == null) {
            return null;
        }
        params.putAll(seen.params());
        var contacts = terms.scan("s");
        params.putAll(contacts.params());
        var named = terms.scan("n");
        params.putAll(named.params());
        var where = new ArrayList<String>(List.of(
                // each an id set: with the names, the walk reads only ix_clients_name
                "(n.id in (select seen.client_id from seen) or n.id in (select mine.id from clients mine where mine.created_by = :contactViewer))",
                "(n.id in (select d.id from clients d where d.document_hash = :document) or " + named.sql()
                        + " or exists (select 1 from contacts s where s.client_id = n.id and " + contacts.sql() + "))"));
        where.addAll(filters("n", status, after, params));
        var visible = new long[1];
        var rows = jdbc.sql("with seen as (" + seen.sql() + " fetch first " + (FEW_VISIBLE + 1) + " rows only), "
                + "page as (select " + COLUMNS + " from clients l where (select count(*) from seen) <= " + FEW_VISIBLE
                + " and l.id in (select n.id from clients n where " + String.join(" and ", where)
                + " order by n.search_name, n.id fetch first " + (size + 1) + " rows only)) "
                + "select page.*, counted.seen from (select count(*) as seen from seen) counted left join page on 1 = 1 "
                + "order by page.search_name, page.id")
                .params(params).query((rs, n) -> {
                    visible[0] = rs.getLong(10);
                    return rs.getObject(1) == null ? null : row(rs, n);
                }).list();
        if (visible[0] > FEW_VISIBLE) {
            return null;
        }
        return rows.stream().filter(Objects::nonNull).toList();
    }

    /** The user's scope, the status and the cursor, on clients aliased {@code l}. */
    private List<String> conditions(CurrentUser user, Status status, String after, Map<String, Object> params) {
        var condition = visibility.clients(user);
        var where = new ArrayList<String>(List.of(condition.sql()));
        params.putAll(condition.params());
        where.addAll(filters("l", status, after, params));
        return where;
    }

    /** The status and the cursor, on clients aliased {@code alias}. */
    private static List<String> filters(String alias, Status status, String after, Map<String, Object> params) {
        var where = new ArrayList<String>();
        if (status != null) {
            where.add(alias + ".status = :status");
            params.put("status", status.name());
        }
        if (after != null && !after.isBlank()) {
            var cursor = NameCursor.parse(after);
            where.add(alias + ".search_name >= :afterName");
            where.add("(" + alias + ".search_name > :afterName or " + alias + ".id > :afterId)");
            params.put("afterName", cursor.name());
            params.put("afterId", cursor.id());
        }
        return where;
    }

    @Transactional(readOnly = true)
    ClientView get(CurrentUser user, long clientId) {
        return views(user, List.of(visible(user, clientId))).getFirst();
    }

    @Transactional
    ClientView create(CurrentUser user, SaveClientRequest request) {
        long id = store.create(user, new ClientFields(request.name().strip(), sensitiveOf(request), request.notes(),
                attributes.validate(request.attributes())));
        return get(user, id);
    }

    /** Edits a client; changing a sensitive field needs {@code contacts.edit_sensitive} (403 otherwise). */
    @Transactional
    ClientView update(CurrentUser user, long clientId, SaveClientRequest request) {
        visible(user, clientId);
        var before = store.read(clientId);
        var sensitive = sensitiveOf(request);
        if (!readsDocumentId(user) && sensitive.documentId() == null) { // not shown to the user, so not sent back
            sensitive = new Sensitive(before.sensitive().documentId(), sensitive.balance(), sensitive.currency(),
                    sensitive.daysOverdue());
        }
        var values = before.attributes();
        if (request.attributes() != null) { // the sent fields change, blank ones go, the others stay
            var merged = new java.util.LinkedHashMap<>(before.attributes());
            var checked = attributes.validate(request.attributes());
            request.attributes().keySet().stream().filter(key -> !checked.containsKey(key)).forEach(merged::remove);
            merged.putAll(checked);
            values = merged;
        }
        store.update(user, clientId, before, new ClientFields(request.name().strip(), sensitive, request.notes(), values));
        return get(user, clientId);
    }

    @Transactional
    ClientView setActive(CurrentUser user, long clientId, boolean active) {
        visible(user, clientId);
        store.setStatus(user, clientId, active ? Status.ACTIVE : Status.INACTIVE);
        return get(user, clientId);
    }

    private static Sensitive sensitiveOf(SaveClientRequest request) {
        String document = request.documentId() == null || request.documentId().isBlank() ? null
                : request.documentId().strip().toUpperCase(java.util.Locale.ROOT);
        BigDecimal balance = request.balance() == null ? null : request.balance().setScale(2, java.math.RoundingMode.HALF_EVEN);
        String currency = balance == null ? null : (request.currency() == null ? "USD" : request.currency());
        return new Sensitive(document, balance, currency, request.daysOverdue());
    }


    private Row visible(CurrentUser user, long clientId) {
        var condition = visibility.clients(user);
        return jdbc.sql("select " + COLUMNS + " from clients l where l.id = :client and " + condition.sql())
                .params(condition.params()).param("client", clientId).query(ClientAdministration::row).optional()
                .orElseThrow(() -> ConversaException.hidden("client.not_found", clientId));
    }

    /**
     * What a user reads of a client, on every path (detail, list, search, export): all of it for the
     * clients the user may see, except the document id, which only users who may change it
     * ({@code contacts.edit_sensitive}) read (docs/client-data-visibility.md).
     */
    static boolean readsDocumentId(CurrentUser user) {
        return user.permissions().contains(Permission.CONTACTS_EDIT_SENSITIVE);
    }

    /** The client's contacts are listed as far as the user may see them. */
    private List<ClientView> views(CurrentUser user, List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        var condition = visibility.contacts(user);
        var contacts = jdbc.sql("select k.client_id, k.id, k.display_name, k.phone, k.status from contacts k "
                + "where k.client_id in (:clients) and " + condition.sql() + " order by k.search_name, k.id")
                .params(condition.params()).param("clients", rows.stream().map(Row::id).toList())
                .query((rs, n) -> Map.entry(rs.getLong(1), new ClientContactView(rs.getLong(2), rs.getString(3), rs.getString(4),
                        Status.valueOf(rs.getString(5)))))
                .list().stream().collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return rows.stream().map(row -> {
            var sensitive = store.open(row.sensitive());
            var balance = sensitive.balance() == null ? null : new MoneyView(sensitive.balance().toPlainString(), sensitive.currency());
            String document = readsDocumentId(user) ? sensitive.documentId() : null;
            return new ClientView(row.id(), row.name(), document, balance, sensitive.daysOverdue(),
                    store.openNotes(row.notes()), row.status(), store.openAttributes(row.attributes()), contacts.getOrDefault(row.id(), List.of()),
                    row.createdAt().toInstant(), row.updatedAt().toInstant());
        }).toList();
    }

    private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(rs.getLong(1), rs.getString(2), rs.getBytes(3), rs.getBytes(4), Status.valueOf(rs.getString(5)),
                rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class), rs.getString(8), rs.getBytes(9));
    }

}
