package app.conversa.contacts;

import app.conversa.contacts.ContactStore.ContactFields;
import app.conversa.contacts.ContactRecords.AssignContactRequest;
import app.conversa.contacts.ContactRecords.ContactView;
import app.conversa.contacts.ContactRecords.ReviewState;
import app.conversa.contacts.ContactRecords.SaveContactRequest;
import app.conversa.contacts.ContactRecords.Status;
import app.conversa.identity.CurrentUser;
import app.conversa.identity.Permission;
import app.conversa.identity.UserDirectory;
import app.conversa.shared.ConversaException;
import app.conversa.shared.CursorPage;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contacts as records people manage (B1, B3, R2-R4): list and search within the user's scope,
 * create (agents quick-create, for review), edit, assign, validate, inactivate. Nothing is
 * deleted. Phones are stored in E.164, so a contact typed by hand and the same person writing in
 * on WhatsApp are one contact.
 */
@Service
class ContactAdministration {

    private static final String COLUMNS = """
            k.id, k.display_name, k.phone, k.email, k.status, k.review_state, k.assigned_user_id, k.client_id,
            k.created_at, k.updated_at, k.search_name""";

    record Filter(String query, Status status, ReviewState reviewState, Long assignedUserId) {
    }

    private record Row(long id, String displayName, String phone, String email, Status status, ReviewState reviewState,
            Long assignedUserId, Long clientId, OffsetDateTime createdAt, OffsetDateTime updatedAt, String searchName) {
    }

    private final JdbcClient jdbc;
    private final ContactVisibility visibility;
    private final PhoneNumbers phones;
    private final UserDirectory users;
    private final ContactStore store;
    private final app.conversa.shared.PlanHints plans;

    ContactAdministration(JdbcClient jdbc, ContactVisibility visibility, PhoneNumbers phones, UserDirectory users,
            ContactStore store, app.conversa.shared.PlanHints plans) {
        this.store = store;
        this.plans = plans;
        this.jdbc = jdbc;
        this.visibility = visibility;
        this.phones = phones;
        this.users = users;
    }

    /**
     * A search with at most this many contacts matching its words (whatever the user may see) takes
     * them all from the trigram index, tests each and sorts them; with more, the page is found by
     * walking the contacts in name order until it is full (see {@link #list}).
     */
    static final int FEW_MATCHES = 4000;

    /** How {@link #list} finds a page: chosen per query, or one of the two ways (tests compare them). */
    enum Plan { CHOOSE, MATCHES_FIRST, NAME_ORDER }

    /** Contacts by name, page by page ({@code after}: the previous page's cursor). */
    @Transactional(readOnly = true)
    CursorPage<ContactView> list(CurrentUser user, Filter filter, String after, int size) {
        return list(user, filter, after, size, Plan.CHOOSE);
    }

    /**
     * Two ways to the same page, because a search at a million contacts is fast in one way or the
     * other but not in both (docs/benchmarks.md, "Contacts at 1M"):
     * <ul>
     * <li>matches first, for phone digits and for words few contacts have ("jose nun"): every
     * match from the trigram index, each tested (scope, filters, cursor) and the page sorted out of
     * them. Its cost grows with the matches ("maria" matches 4 % of the contacts).</li>
     * <li>name order, for the list without a search and for common words: the name index
     * ({@code ix_contacts_name_cover}, which also holds the holder and the creator) is walked from
     * the cursor on, testing each entry, until the page is full; then those rows are read. Its
     * cost grows with how far the page's rows lie apart in name order, so a rare word is slow
     * (it may walk the whole index), and a scope narrows the rows further.</li>
     * </ul>
     * A search of words tries the first way, taking at most {@link #FEW_MATCHES} + 1 matches, and
     * when there are more it walks instead: a bounded look at the trigram index decides, because
     * the planner's own estimate of a {@code LIKE '%…%'} comes from a sample and cannot know where
     * in name order the matches lie (words that start names cluster).
     */
    @Transactional(readOnly = true)
    CursorPage<ContactView> list(CurrentUser user, Filter filter, String after, int size, Plan plan) {
        return list(user, filter, after, size, plan, FEW_MATCHES);
    }

    /** With another limit than {@link #FEW_MATCHES} (tests). */
    @Transactional(readOnly = true)
    CursorPage<ContactView> list(CurrentUser user, Filter filter, String after, int size, Plan plan, int fewMatches) {
        var terms = ContactSearch.terms(filter.query());
        List<Row> rows = null;
        if (terms.isPresent()) {
            plans.searchPlansInThisTransaction();
            if (plan != Plan.NAME_ORDER) {
                // phone digits are always few; a forced plan takes every match
                Integer cap = plan == Plan.CHOOSE && !terms.get().phone() ? fewMatches : null;
                rows = matchesFirst(user, filter, terms.get(), after, size, cap);
            }
        }
        if (rows == null) {
            rows = nameOrder(user, filter, terms, after, size);
        }
        boolean more = rows.size() > size;
        var page = more ? rows.subList(0, size) : rows;
        return new CursorPage<>(views(page), more ? NameCursor.of(page.getLast().searchName(), page.getLast().id()) : null);
    }

    /**
     * The page out of all the matches, in one statement that also counts them; null when there
     * are more than {@code cap} (then the page is left to the walk; no cap: all the matches).
     */
    private List<Row> matchesFirst(CurrentUser user, Filter filter, ContactSearch.Terms terms, String after, int size,
            Integer cap) {
        var params = new HashMap<String, Object>();
        var where = conditions(user, filter, after, "k", params);
        var like = terms.like("m");
        params.putAll(like.params());
        // found: the matches (at most cap + 1), read once (a CTE used twice is materialized); the page
        // only when they are not too many (a one-time test); the count comes back on every row, and
        // on a row of nulls when the page is empty
        if (cap != null) {
            where.addFirst("(select count(*) from found) <= " + cap);
        }
        var matches = new long[1];
        var rows = jdbc.sql("with found as (select * from contacts m where " + like.sql()
                + (cap != null ? " fetch first " + (cap + 1) + " rows only" : "") + "), "
                + "page as (select " + COLUMNS + " from found k where " + String.join(" and ", where)
                + " order by k.search_name, k.id fetch first " + (size + 1) + " rows only) "
                + "select page.*, counted.matches from (select count(*) as matches from found) counted left join page on 1 = 1 "
                + "order by page.search_name, page.id")
                .params(params).query((rs, n) -> {
                    matches[0] = rs.getLong(12);
                    return rs.getObject(1) == null ? null : row(rs, n);
                }).list();
        if (cap != null && matches[0] > cap) {
            return null;
        }
        return rows.stream().filter(Objects::nonNull).toList();
    }

    /** The page by walking the name index from the cursor on (ids first, then their rows). */
    private List<Row> nameOrder(CurrentUser user, Filter filter, Optional<ContactSearch.Terms> terms, String after, int size) {
        var params = new HashMap<String, Object>();
        var where = conditions(user, filter, after, "v", params);
        terms.ifPresent(found -> {
            var scan = found.scan("v");
            where.add(scan.sql());
            params.putAll(scan.params());
        });
        return jdbc.sql("select " + COLUMNS + " from contacts k where k.id in (select v.id from contacts v where "
                + String.join(" and ", where) + " order by v.search_name, v.id fetch first " + (size + 1)
                + " rows only) order by k.search_name, k.id").params(params).query(ContactAdministration::row).list();
    }

    /** The user's scope, the filters and the cursor, on contacts aliased {@code alias}. */
    private List<String> conditions(CurrentUser user, Filter filter, String after, String alias, Map<String, Object> params) {
        var condition = visibility.contacts(user, alias);
        var where = new ArrayList<String>(List.of(condition.sql()));
        params.putAll(condition.params());
        if (filter.status() != null) {
            where.add(alias + ".status = :status");
            params.put("status", filter.status().name());
        }
        if (filter.reviewState() != null) {
            where.add(alias + ".review_state = :review");
            params.put("review", filter.reviewState().name());
        }
        if (filter.assignedUserId() != null) {
            where.add(alias + ".assigned_user_id = :assignee");
            params.put("assignee", filter.assignedUserId());
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
    ContactView get(CurrentUser user, long contactId) {
        return views(List.of(visible(user, contactId))).getFirst();
    }

    /**
     * A new contact. Agents may quick-create (their contact waits for review and is theirs);
     * supervisors and administrators create validated contacts. One contact per phone number.
     */
    @Transactional
    ContactView create(CurrentUser user, SaveContactRequest request) {
        String phone = phones.normalize(request.phone(), request.country());
        requirePhoneFree(phone, null);
        requireClient(user, request.clientId());
        boolean reviewer = user.permissions().contains(Permission.CONTACTS_MANAGE);
        long id = store.create(user.actor(), new ContactFields(request.displayName().strip(), phone, blankToNull(request.email()),
                request.clientId()), Status.ACTIVE, reviewer ? ReviewState.VALIDATED : ReviewState.NEEDS_REVIEW,
                reviewer ? null : user.id());
        return get(user, id);
    }

    @Transactional
    ContactView update(CurrentUser user, long contactId, SaveContactRequest request) {
        var before = visible(user, contactId);
        String phone = phones.normalize(request.phone(), request.country());
        requirePhoneFree(phone, contactId);
        requireClient(user, request.clientId());
        store.update(user.actor(), contactId, new ContactFields(before.displayName(), before.phone(), before.email(), before.clientId()),
                new ContactFields(request.displayName().strip(), phone, blankToNull(request.email()), request.clientId()));
        return get(user, contactId);
    }

    /** Gives the contact to an agent (or nobody), by the same rule as chats. */
    @Transactional
    ContactView assign(CurrentUser user, long contactId, AssignContactRequest request) {
        var before = visible(user, contactId);
        if (request.userId() != null && !users.canReceiveWork(user, request.userId())) {
            throw ConversaException.invalid("contact.assignee_invalid");
        }
        store.assign(user.actor(), contactId, before.assignedUserId(), request.userId());
        return get(user, contactId);
    }

    /** A supervisor checked and completed a contact that waited for review. */
    @Transactional
    ContactView validate(CurrentUser user, long contactId) {
        visible(user, contactId);
        store.validate(user.actor(), contactId);
        return get(user, contactId);
    }

    /** Inactivates or reactivates: the contact and its history stay. */
    @Transactional
    ContactView setActive(CurrentUser user, long contactId, boolean active) {
        visible(user, contactId);
        store.setStatus(user.actor(), contactId, active ? Status.ACTIVE : Status.INACTIVE);
        return get(user, contactId);
    }

    private Row visible(CurrentUser user, long contactId) {
        var condition = visibility.contacts(user);
        return jdbc.sql("select " + COLUMNS + " from contacts k where k.id = :contact and " + condition.sql())
                .params(condition.params()).param("contact", contactId).query(ContactAdministration::row).optional()
                .orElseThrow(() -> ConversaException.hidden("contact.not_found", contactId));
    }

    private void requirePhoneFree(String phone, Long except) {
        boolean taken = jdbc.sql("select count(*) from contacts where phone = ? and id <> ?")
                .params(phone, except == null ? -1L : except).query(Long.class).single() > 0;
        if (taken) {
            throw ConversaException.conflict("contact.phone_taken", phone);
        }
    }

    private void requireClient(CurrentUser user, Long clientId) {
        if (clientId == null) {
            return;
        }
        var condition = visibility.clients(user);
        boolean known = jdbc.sql("select count(*) from clients l where l.id = :client and " + condition.sql())
                .params(condition.params()).param("client", clientId).query(Long.class).single() > 0;
        if (!known) {
            throw ConversaException.invalid("contact.client_invalid", clientId);
        }
    }

    private List<ContactView> views(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        var clientIds = rows.stream().map(Row::clientId).filter(Objects::nonNull).collect(Collectors.toSet());
        Map<Long, String> clientNames = clientIds.isEmpty() ? Map.of() : jdbc.sql("select id, name from clients where id in (:ids)")
                .param("ids", clientIds).query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        var names = users.displayNames(rows.stream().map(Row::assignedUserId).filter(Objects::nonNull).collect(Collectors.toSet()));
        return rows.stream().map(row -> new ContactView(row.id(), row.displayName(), row.phone(), row.email(), row.status(),
                row.reviewState(), row.assignedUserId(), row.assignedUserId() == null ? null : names.get(row.assignedUserId()),
                row.clientId(), row.clientId() == null ? null : clientNames.get(row.clientId()), row.createdAt().toInstant(),
                row.updatedAt().toInstant())).toList();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), Status.valueOf(rs.getString(5)),
                ReviewState.valueOf(rs.getString(6)), rs.getObject(7, Long.class), rs.getObject(8, Long.class),
                rs.getObject(9, OffsetDateTime.class), rs.getObject(10, OffsetDateTime.class), rs.getString(11));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** "base64url(name).id": the keyset of lists ordered by folded name. */
    record NameCursor(String name, long id) {
        static String of(String name, long id) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((name == null ? "" : name).getBytes(StandardCharsets.UTF_8))
                    + "." + id;
        }

        static NameCursor parse(String cursor) {
            try {
                int dot = cursor.lastIndexOf('.');
                return new NameCursor(new String(Base64.getUrlDecoder().decode(cursor.substring(0, dot)), StandardCharsets.UTF_8),
                        Long.parseLong(cursor.substring(dot + 1)));
            } catch (RuntimeException e) {
                throw ConversaException.invalid("contact.bad_cursor");
            }
        }
    }
}
