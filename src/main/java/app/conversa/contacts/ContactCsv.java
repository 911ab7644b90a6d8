package app.conversa.contacts;

import app.conversa.audit.AuditTrail;
import app.conversa.contacts.ClientStore.ClientFields;
import app.conversa.contacts.ClientStore.Sensitive;
import app.conversa.contacts.ContactRecords.ReviewState;
import app.conversa.contacts.ContactStore.ContactFields;
import app.conversa.contacts.ContactRecords.ContactView;
import app.conversa.contacts.ContactRecords.Status;
import app.conversa.identity.CurrentUser;
import app.conversa.shared.ConversaException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Contacts and their clients to and from CSV. Export writes the current filter (as far as the
 * user may see). Import matches contacts by phone (E.164) and clients by document id, or through
 * the contact's current client, so importing the same file again updates instead of duplicating;
 * each row is applied in its own transaction, so a bad row is reported and skipped while the good
 * ones land whole. A blank client cell leaves the stored value as it is (a file never erases).
 * A preview ({@code dryRun}) runs the same code and rolls every row back. Cells a spreadsheet
 * would run as formulas are neutralised ({@link CsvCells}).
 */
@Service
class ContactCsv {

    static final List<String> HEADER = List.of("name", "phone", "email", "status", "client_name", "client_document_id",
            "client_balance", "client_currency", "client_days_overdue");
    static final String ATTRIBUTE_PREFIX = "attr_";
    private static final int REPORTED_ROWS = 100;
    private static final int MAX_ROWS = 200_000;

    enum Outcome { CREATE, UPDATE, UNCHANGED, ERROR }

    record RowReportView(long line, @Schema(nullable = true) String phone, Outcome outcome, List<String> errors) {
    }

    record ImportReportView(boolean dryRun, long created, long updated, long unchanged, long failed,
            @Schema(description = "Every failed row, and the first others") List<RowReportView> rows) {
    }

    /** A row that cannot be imported, with the reason in the user's words. */
    private static final class RowError extends RuntimeException {
        RowError(String message) {
            super(message, null, false, false);
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ContactAdministration contacts;
    private final ClientAdministration clients;
    private final ContactStore store;
    private final ClientStore clientStore;
    private final ContactVisibility visibility;
    private final PhoneNumbers phones;
    private final AuditTrail audit;
    private final org.springframework.context.MessageSource messages;
    private final ClientAttributes attributes;

    ContactCsv(JdbcClient jdbc, TransactionTemplate transactions, ContactAdministration contacts,
            ClientAdministration clients, ContactStore store, ClientStore clientStore, ContactVisibility visibility,
            PhoneNumbers phones, AuditTrail audit, org.springframework.context.MessageSource messages,
            ClientAttributes attributes) {
        this.store = store;
        this.clientStore = clientStore;
        this.attributes = attributes;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.contacts = contacts;
        this.clients = clients;
        this.visibility = visibility;
        this.phones = phones;
        this.audit = audit;
        this.messages = messages;
    }

    /**
     * Writes every contact of the filter, page by page, with what the user reads of each client
     * (ClientAdministration#readsDocumentId: the document id only for those who may change it).
     */
    void export(CurrentUser user, ContactAdministration.Filter filter, Writer out) {
        boolean sensitive = ClientAdministration.readsDocumentId(user);
        var keys = attributes.all().stream().map(ClientAttributes.AttributeView::key).toList();
        var header = new ArrayList<>(HEADER);
        keys.forEach(key -> header.add(ATTRIBUTE_PREFIX + key));
        long rows = 0;
        try {
            // not closed here: the writer belongs to the caller (the HTTP response)
            var printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
            String after = null;
            do {
                var page = contacts.list(user, filter, after, 100);
                var clientViews = new HashMap<Long, ContactRecords.ClientView>();
                for (ContactView contact : page.items()) {
                    var client = contact.clientId() == null ? null
                            : clientViews.computeIfAbsent(contact.clientId(), id -> clients.get(user, id));
                    var record = new ArrayList<Object>(List.of(contact.displayName(), Objects.toString(contact.phone(), ""),
                            Objects.toString(contact.email(), ""), contact.status()));
                    record.add(client == null ? null : client.name());
                    record.add(client == null ? null : client.documentId());
                    record.add(client == null || client.balance() == null ? null : client.balance().amount());
                    record.add(client == null || client.balance() == null ? null : client.balance().currency());
                    record.add(client == null ? null : client.daysOverdue());
                    keys.forEach(key -> record.add(client == null ? null : client.attributes().get(key)));
                    printer.printRecord(record.stream().map(CsvCells::write).toList());
                    rows++;
                }
                after = page.nextCursor();
            } while (after != null);
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long exported = rows;
        transactions.executeWithoutResult(tx -> audit.record(user.actor(), "contacts.exported", "contacts", null,
                Map.of("rows", exported, "sensitive", sensitive, "query", Objects.toString(filter.query(), ""))));
    }

    ImportReportView importCsv(CurrentUser user, Reader in, boolean dryRun, Locale locale) {
        var reported = new ArrayList<RowReportView>();
        long created = 0;
        long updated = 0;
        long unchanged = 0;
        long failed = 0;
        Set<String> phonesInFile = new HashSet<>();
        try {
            var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreHeaderCase(true)
                    .setTrim(true).setIgnoreEmptyLines(true).get().parse(in);
            var header = parser.getHeaderNames().stream().map(name -> name.replace("\uFEFF", "").toLowerCase(Locale.ROOT)).toList();
            if (!header.contains("name") || !header.contains("phone")) {
                throw ConversaException.invalid("import.header", String.join(",", HEADER));
            }
            for (CSVRecord record : parser) {
                if (record.getRecordNumber() > MAX_ROWS) {
                    throw ConversaException.invalid("import.too_many_rows", MAX_ROWS);
                }
                long line = record.getRecordNumber() + 1;
                Map<String, String> cells = new HashMap<>();
                for (int i = 0; i < header.size() && i < record.size(); i++) {
                    cells.put(header.get(i), CsvCells.read(record.get(i)));
                }
                RowReportView report;
                try {
                    report = row(user, line, cells, phonesInFile, dryRun);
                } catch (RowError e) {
                    report = new RowReportView(line, cells.get("phone"), Outcome.ERROR, List.of(e.getMessage()));
                } catch (ConversaException e) {
                    report = new RowReportView(line, cells.get("phone"), Outcome.ERROR,
                            List.of(messages.getMessage("problem." + e.code(), e.args(), e.code(), locale)));
                }
                switch (report.outcome()) {
                    case CREATE -> created++;
                    case UPDATE -> updated++;
                    case UNCHANGED -> unchanged++;
                    case ERROR -> failed++;
                }
                if (report.outcome() == Outcome.ERROR || reported.size() < REPORTED_ROWS) {
                    reported.add(report);
                }
            }
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            throw ConversaException.invalid("import.unreadable", e.getMessage());
        }
        if (!dryRun) {
            var counts = Map.of("created", created, "updated", updated, "unchanged", unchanged, "failed", failed);
            transactions.executeWithoutResult(tx -> audit.record(user.actor(), "contacts.imported", "contacts", null, counts));
        }
        return new ImportReportView(dryRun, created, updated, unchanged, failed, reported);
    }

    /** One row, in its own transaction (rolled back for a preview). */
    private RowReportView row(CurrentUser user, long line, Map<String, String> cells, Set<String> phonesInFile, boolean dryRun) {
        String name = text(cells, "name", 200);
        if (name == null) {
            throw new RowError(messages("import.row.name_required"));
        }
        String phone = phones.normalize(cells.get("phone"), text(cells, "country", 2));
        if (!phonesInFile.add(phone)) {
            throw new RowError(messages("import.row.duplicate_phone"));
        }
        String email = text(cells, "email", 254);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new RowError(messages("import.row.email"));
        }
        Status status = parse(cells, "status", value -> Status.valueOf(value.toUpperCase(Locale.ROOT)), "import.row.status");
        BigDecimal balance = parse(cells, "client_balance", ContactCsv::amount, "import.row.balance");
        Integer days = parse(cells, "client_days_overdue", Integer::valueOf, "import.row.days");
        if (days != null && days < 0) {
            throw new RowError(messages("import.row.days"));
        }
        String currency = text(cells, "client_currency", 3);
        if (currency != null && !currency.matches("[A-Za-z]{3}")) {
            throw new RowError(messages("import.row.currency"));
        }
        var custom = new HashMap<String, String>();
        cells.forEach((column, value) -> {
            if (column.startsWith(ATTRIBUTE_PREFIX) && value != null && !value.isBlank()) {
                custom.put(column.substring(ATTRIBUTE_PREFIX.length()), value);
            }
        });
        var row = new Row(name, phone, email, status, text(cells, "client_name", 200), text(cells, "client_document_id", 40),
                balance, currency == null ? null : currency.toUpperCase(Locale.ROOT), days, attributes.validate(custom));
        return transactions.execute(tx -> {
            var outcome = apply(user, row);
            if (dryRun) {
                tx.setRollbackOnly();
            }
            return new RowReportView(line, phone, outcome, List.of());
        });
    }

    private record Row(String name, String phone, String email, Status status, String clientName, String documentId,
            BigDecimal balance, String currency, Integer daysOverdue, Map<String, String> attributes) {
    }

    private record Existing(long id, String name, String phone, String email, Status status, Long clientId) {
        ContactFields fields() {
            return new ContactFields(name, phone, email, clientId);
        }
    }

    /** The row through the same write path, and so the same checks and audit entries, as the API. */
    private Outcome apply(CurrentUser user, Row row) {
        var existing = jdbc.sql("select id, display_name, phone, email, status, client_id from contacts where phone = ?")
                .param(row.phone())
                .query((rs, n) -> new Existing(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Status.valueOf(rs.getString(5)), rs.getObject(6, Long.class)))
                .optional();
        if (existing.isPresent() && !visible(user, existing.get().id())) {
            throw ConversaException.conflict("contact.phone_taken", row.phone());
        }
        boolean changed = false;
        Long clientId = existing.map(Existing::clientId).orElse(null);
        if (row.clientName() != null || row.documentId() != null || row.balance() != null || row.daysOverdue() != null
                || !row.attributes().isEmpty()) {
            var client = client(user, row, clientId);
            changed |= client.changed();
            clientId = client.id();
        }
        if (existing.isEmpty()) {
            store.create(user.actor(), new ContactFields(row.name(), row.phone(), row.email(), clientId),
                    row.status() == null ? Status.ACTIVE : row.status(), ReviewState.VALIDATED, null);
            return Outcome.CREATE;
        }
        var contact = existing.get();
        changed |= store.update(user.actor(), contact.id(), contact.fields(), new ContactFields(row.name(), contact.phone(),
                row.email() == null ? contact.email() : row.email(), clientId));
        if (row.status() != null) {
            changed |= store.setStatus(user.actor(), contact.id(), row.status());
        }
        return changed ? Outcome.UPDATE : Outcome.UNCHANGED;
    }

    private record ClientOutcome(long id, boolean changed) {
    }

    /** The row's client: by document id, else the contact's current client, else a new one; blank cells change nothing. */
    private ClientOutcome client(CurrentUser user, Row row, Long current) {
        Long id = row.documentId() == null ? null : clientStore.byDocument(row.documentId()).orElse(null);
        if (id == null && current != null && (row.documentId() == null || !clientStore.hasDocument(current))) {
            id = current;
        }
        var incoming = new Sensitive(row.documentId() == null ? null : row.documentId().toUpperCase(Locale.ROOT),
                row.balance() == null ? null : row.balance().setScale(2, java.math.RoundingMode.HALF_EVEN),
                row.balance() == null ? null : (row.currency() == null ? "USD" : row.currency()), row.daysOverdue());
        if (id == null) {
            String name = row.clientName() == null ? row.name() : row.clientName();
            return new ClientOutcome(clientStore.create(user, new ClientFields(name, incoming, null, row.attributes())), true);
        }
        long clientId = id;
        var before = clientStore.read(clientId);
        var attributes = new java.util.LinkedHashMap<>(before.attributes());
        attributes.putAll(row.attributes()); // a blank cell keeps the stored value
        var stored = before.sensitive();
        var sensitive = new Sensitive(incoming.documentId() == null ? stored.documentId() : incoming.documentId(),
                incoming.balance() == null ? stored.balance() : incoming.balance(),
                incoming.balance() == null ? stored.currency() : incoming.currency(),
                incoming.daysOverdue() == null ? stored.daysOverdue() : incoming.daysOverdue());
        String name = row.clientName() == null ? before.name() : row.clientName();
        boolean changed = clientStore.update(user, clientId, before, new ClientFields(name, sensitive, before.notes(), attributes));
        return new ClientOutcome(clientId, changed);
    }

    private boolean visible(CurrentUser user, long contactId) {
        var condition = visibility.contacts(user);
        return jdbc.sql("select count(*) from contacts k where k.id = :contact and " + condition.sql())
                .params(condition.params()).param("contact", contactId).query(Long.class).single() > 0;
    }

    private interface Parser<T> {
        T parse(String value);
    }

    private <T> T parse(Map<String, String> cells, String column, Parser<T> parser, String error) {
        String value = text(cells, column, 100);
        if (value == null) {
            return null;
        }
        try {
            return parser.parse(value);
        } catch (RuntimeException e) {
            throw new RowError(messages(error));
        }
    }

    /** "1250.50", "1250,50", "1.250,50" or "1,250.50": the last separator is the decimal one. */
    static BigDecimal amount(String typed) {
        String value = typed.replace(" ", "").replace("\u00A0", "");
        int comma = value.lastIndexOf(',');
        int dot = value.lastIndexOf('.');
        if (comma >= 0 && dot >= 0) {
            value = comma > dot ? value.replace(".", "").replace(',', '.') : value.replace(",", "");
        } else if (comma >= 0) {
            value = value.replace(',', '.');
        }
        return new BigDecimal(value);
    }

    private static String text(Map<String, String> cells, String column, int max) {
        String value = cells.get(column);
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            throw new RowError(column + " > " + max);
        }
        return stripped;
    }

    private String messages(String code) {
        return messages.getMessage("problem." + code, null, code,
                org.springframework.context.i18n.LocaleContextHolder.getLocale());
    }
}
