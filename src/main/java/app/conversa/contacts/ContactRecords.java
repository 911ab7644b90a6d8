package app.conversa.contacts;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** What the contacts and clients API reads and writes. */
final class ContactRecords {

    private ContactRecords() {
    }

    enum Status { ACTIVE, INACTIVE }

    /** NEEDS_REVIEW: arrived from WhatsApp or quick-created by an agent; a supervisor completes and validates it. */
    enum ReviewState { NEEDS_REVIEW, VALIDATED }

    record ContactView(long id, String displayName, @Schema(nullable = true, example = "+593987654321") String phone,
            @Schema(nullable = true) String email, Status status, ReviewState reviewState,
            @Schema(nullable = true) Long assignedUserId, @Schema(nullable = true) String assignedUserName,
            @Schema(nullable = true) Long clientId, @Schema(nullable = true) String clientName, Instant createdAt,
            Instant updatedAt) {
    }

    record SaveContactRequest(
            @Schema(example = "José Núñez") @NotBlank @Size(max = 200) String displayName,
            @Schema(description = "Any common format; without a country code it is read in `country`",
                    example = "099 123 4567") @NotBlank @Size(max = 40) String phone,
            @Schema(description = "ISO 3166 country for a number typed without its country code; "
                    + "the company's default when absent", example = "EC", nullable = true)
            @Pattern(regexp = "[A-Za-z]{2}") String country,
            @Schema(nullable = true, example = "jose.nunez@example.com") @Email @Size(max = 254) String email,
            @Schema(nullable = true, description = "The client (account holder) the contact belongs to") Long clientId) {
    }

    record AssignContactRequest(@Schema(nullable = true, description = "null: nobody") Long userId) {
    }

    /** An amount as a decimal string (exact: no binary floating point on the way), with its currency. */
    record MoneyView(@Schema(example = "120.50") String amount, @Schema(example = "USD") String currency) {
    }

    record ClientContactView(long id, String displayName, @Schema(nullable = true) String phone, Status status) {
    }

    /**
     * Sensitive fields (document id, balance, days overdue) are sealed at rest; only some roles
     * change them, and only those read the document id (docs/client-data-visibility.md).
     */
    record ClientView(long id, String name,
            @Schema(nullable = true, description = "Empty unless the caller holds contacts.edit_sensitive") String documentId, @Schema(nullable = true) MoneyView balance,
            @Schema(nullable = true) Integer daysOverdue, @Schema(nullable = true) String notes, Status status,
            @Schema(description = "Custom attributes by key (see /api/client-attributes), as canonical text")
            java.util.Map<String, String> attributes,
            List<ClientContactView> contacts, Instant createdAt, Instant updatedAt) {
    }

    record SaveClientRequest(
            @Schema(example = "José Núñez") @NotBlank @Size(max = 200) String name,
            @Schema(nullable = true, example = "1712345678") @Size(max = 40) String documentId,
            @Schema(nullable = true, example = "120.50") BigDecimal balance,
            @Schema(nullable = true, example = "USD") @Pattern(regexp = "[A-Z]{3}") String currency,
            @Schema(nullable = true, example = "45") @Min(0) Integer daysOverdue,
            @Schema(nullable = true) @Size(max = 2000) String notes,
            @Schema(nullable = true, description = "Custom attributes by key: those sent change, a blank value removes one, those not sent stay",
                    example = "{\"loan_number\": \"PR-2026-0042\"}")
            java.util.Map<String, String> attributes) {
    }
}
