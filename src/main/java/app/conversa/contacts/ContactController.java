package app.conversa.contacts;

import app.conversa.contacts.ContactRecords.AssignContactRequest;
import app.conversa.contacts.ContactRecords.ClientView;
import app.conversa.contacts.ContactRecords.ContactView;
import app.conversa.contacts.ContactRecords.ReviewState;
import app.conversa.contacts.ContactRecords.SaveClientRequest;
import app.conversa.contacts.ContactRecords.SaveContactRequest;
import app.conversa.contacts.ContactRecords.Status;
import app.conversa.identity.CurrentUser;
import app.conversa.shared.CursorPage;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Contacts and clients for people and for the company's other systems (B2): every call sees only
 * what {@link ContactVisibility} allows; an id outside it answers 404. Nothing is deleted.
 */
@RestController
@Validated
@Tag(name = "Contacts and clients")
class ContactController {

    private final ContactAdministration contacts;
    private final ClientAdministration clients;
    private final PhoneNumbers phones;
    private final ContactCsv csv;
    private final ClientAttributes attributes;

    ContactController(ContactAdministration contacts, ClientAdministration clients, PhoneNumbers phones,
            ContactCsv csv, ClientAttributes attributes) {
        this.attributes = attributes;
        this.contacts = contacts;
        this.clients = clients;
        this.phones = phones;
        this.csv = csv;
    }

    /**
     * The contacts of the filter with their clients, as CSV (UTF-8 with a byte-order mark, for
     * spreadsheets), with what the user reads of each client elsewhere: the document id only for
     * users who may edit it. Audited.
     */
    @GetMapping("/api/contacts/export") // no produces/consumes conditions: those would answer before the permission check
    @PreAuthorize("hasAuthority('contacts.export')")
    void export(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(required = false) Status status, @RequestParam(required = false) ReviewState reviewState,
            @RequestParam(required = false) Long assignee, jakarta.servlet.http.HttpServletResponse response)
            throws java.io.IOException {
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"contacts.csv\"");
        var out = new java.io.OutputStreamWriter(response.getOutputStream(), java.nio.charset.StandardCharsets.UTF_8);
        out.write('\uFEFF');
        csv.export(user, new ContactAdministration.Filter(q, status, reviewState, assignee), out);
        out.flush();
    }

    /**
     * Imports contacts and their clients from CSV (columns: {@code name, phone, email, status,
     * client_name, client_document_id, client_balance, client_currency, client_days_overdue}; an
     * optional {@code country} reads national numbers). Rows are matched by phone, so importing a
     * file again updates; a bad row is reported and skipped. {@code dryRun=true} previews.
     */
    @PostMapping("/api/contacts/import")
    @PreAuthorize("hasAuthority('contacts.manage')")
    ContactCsv.ImportReportView importCsv(@AuthenticationPrincipal CurrentUser user,
            @org.springframework.web.bind.annotation.RequestPart("file") org.springframework.web.multipart.MultipartFile file,
            @RequestParam(defaultValue = "true") boolean dryRun, java.util.Locale locale) throws java.io.IOException {
        try (var reader = new java.io.InputStreamReader(file.getInputStream(), java.nio.charset.StandardCharsets.UTF_8)) {
            return csv.importCsv(user, reader, dryRun, locale);
        }
    }

    /** The custom client fields, in form order (inactive ones too: old values still show). */
    @GetMapping("/api/client-attributes")
    @PreAuthorize("hasAuthority('contacts.read')")
    java.util.List<ClientAttributes.AttributeView> clientAttributes() {
        return attributes.all();
    }

    @PostMapping("/api/client-attributes")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('settings.global')")
    ClientAttributes.AttributeView createAttribute(@AuthenticationPrincipal CurrentUser user,
            @Valid @RequestBody ClientAttributes.SaveAttributeRequest request) {
        return attributes.create(user, request);
    }

    @PutMapping("/api/client-attributes/{attributeId}")
    @PreAuthorize("hasAuthority('settings.global')")
    ClientAttributes.AttributeView updateAttribute(@AuthenticationPrincipal CurrentUser user, @PathVariable long attributeId,
            @Valid @RequestBody ClientAttributes.SaveAttributeRequest request) {
        return attributes.update(user, attributeId, request);
    }

    record PhoneSettingsResponse(String defaultCountry, java.util.List<PhoneNumbers.CountryView> countries) {
    }

    /** For phone fields: the company's default country and every country with its calling code. */
    @GetMapping("/api/contacts/phone-settings")
    @PreAuthorize("hasAuthority('contacts.read')")
    PhoneSettingsResponse phoneSettings() {
        return new PhoneSettingsResponse(phones.defaultCountry(), phones.countries());
    }

    /** Contacts by name; {@code q}: name words (any accents, any order) or a run of phone digits. */
    @GetMapping("/api/contacts")
    @PreAuthorize("hasAuthority('contacts.read')")
    CursorPage<ContactView> contacts(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) @Size(max = 100) String q, @RequestParam(required = false) Status status,
            @RequestParam(required = false) ReviewState reviewState, @RequestParam(required = false) Long assignee,
            @RequestParam(required = false) String after, @RequestParam(defaultValue = "25") @Min(1) @Max(100) int size) {
        return contacts.list(user, new ContactAdministration.Filter(q, status, reviewState, assignee), after, size);
    }

    @GetMapping("/api/contacts/{contactId}")
    @PreAuthorize("hasAuthority('contacts.read')")
    ContactView contact(@AuthenticationPrincipal CurrentUser user, @PathVariable long contactId) {
        return contacts.get(user, contactId);
    }

    /** Agents with {@code contacts.create} quick-create (for review); supervisors and administrators create validated contacts. */
    @PostMapping("/api/contacts")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('contacts.create')")
    ContactView create(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody SaveContactRequest request) {
        return contacts.create(user, request);
    }

    @PutMapping("/api/contacts/{contactId}")
    @PreAuthorize("hasAuthority('contacts.manage')")
    ContactView update(@AuthenticationPrincipal CurrentUser user, @PathVariable long contactId,
            @Valid @RequestBody SaveContactRequest request) {
        return contacts.update(user, contactId, request);
    }

    @PostMapping("/api/contacts/{contactId}/assignment")
    @PreAuthorize("hasAuthority('contacts.manage')")
    ContactView assign(@AuthenticationPrincipal CurrentUser user, @PathVariable long contactId,
            @RequestBody AssignContactRequest request) {
        return contacts.assign(user, contactId, request);
    }

    @PostMapping("/api/contacts/{contactId}/validate")
    @PreAuthorize("hasAuthority('contacts.manage')")
    ContactView validate(@AuthenticationPrincipal CurrentUser user, @PathVariable long contactId) {
        return contacts.validate(user, contactId);
    }

    @PostMapping("/api/contacts/{contactId}/inactivate")
    @PreAuthorize("hasAuthority('contacts.manage')")
    ContactView inactivate(@AuthenticationPrincipal CurrentUser user, @PathVariable long contactId) {
        return contacts.setActive(user, contactId, false);
    }

    @PostMapping("/api/contacts/{contactId}/reactivate")
    @PreAuthorize("hasAuthority('contacts.manage')")
    ContactView reactivate(@AuthenticationPrincipal CurrentUser user, @PathVariable long contactId) {
        return contacts.setActive(user, contactId, true);
    }

    /** Clients by name; {@code q}: name words, an exact document id, or a contact's phone digits. */
    @GetMapping("/api/clients")
    @PreAuthorize("hasAuthority('contacts.read')")
    CursorPage<ClientView> clients(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) @Size(max = 100) String q, @RequestParam(required = false) Status status,
            @RequestParam(required = false) String after, @RequestParam(defaultValue = "25") @Min(1) @Max(100) int size) {
        return clients.list(user, q, status, after, size);
    }

    @GetMapping("/api/clients/{clientId}")
    @PreAuthorize("hasAuthority('contacts.read')")
    ClientView client(@AuthenticationPrincipal CurrentUser user, @PathVariable long clientId) {
        return clients.get(user, clientId);
    }

    @PostMapping("/api/clients")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('contacts.manage')")
    ClientView createClient(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody SaveClientRequest request) {
        return clients.create(user, request);
    }

    /** Changing the document id, balance or days overdue needs {@code contacts.edit_sensitive} (403 otherwise). */
    @PutMapping("/api/clients/{clientId}")
    @PreAuthorize("hasAuthority('contacts.manage')")
    ClientView updateClient(@AuthenticationPrincipal CurrentUser user, @PathVariable long clientId,
            @Valid @RequestBody SaveClientRequest request) {
        return clients.update(user, clientId, request);
    }

    @PostMapping("/api/clients/{clientId}/inactivate")
    @PreAuthorize("hasAuthority('contacts.manage')")
    ClientView inactivateClient(@AuthenticationPrincipal CurrentUser user, @PathVariable long clientId) {
        return clients.setActive(user, clientId, false);
    }

    @PostMapping("/api/clients/{clientId}/reactivate")
    @PreAuthorize("hasAuthority('contacts.manage')")
    ClientView reactivateClient(@AuthenticationPrincipal CurrentUser user, @PathVariable long clientId) {
        return clients.setActive(user, clientId, true);
    }
}
