package app.conversa.contacts;

import app.conversa.audit.AuditTrail;
import app.conversa.identity.CurrentUser;
import app.conversa.shared.ConversaException;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The custom fields administrators add to clients, typed: text, number, money (a decimal with two
 * places), date (ISO, 2026-12-31) or one of a list of options. A client's values are checked
 * against their definitions on every write and stored as text in canonical form.
 */
@Service
class ClientAttributes {

    enum Type { TEXT, NUMBER, MONEY, DATE, LIST }

    record AttributeView(long id, @Schema(example = "loan_number") String key, String label, Type type,
            List<String> options, boolean active) {
    }

    record SaveAttributeRequest(
            @Schema(example = "loan_number", description = "Lower case letters, digits and _; used by CSV and quick replies")
            @NotBlank @Pattern(regexp = "[a-z][a-z0-9_]{0,39}") String key,
            @Schema(example = "Número de préstamo") @NotBlank @Size(max = 100) String label,
            @NotNull Type type,
            @Schema(nullable = true, description = "For LIST: the choices") @Size(max = 50) List<@Size(max = 100) String> options,
            @Schema(nullable = true, description = "On update: false hides the field from forms (values stay)") Boolean active) {
    }

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    ClientAttributes(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    List<AttributeView> all() {
        return jdbc.sql("select id, attr_key, label, type, options, active from client_attributes order by position, id")
                .query((rs, n) -> new AttributeView(rs.getLong(1), rs.getString(2), rs.getString(3), Type.valueOf(rs.getString(4)),
                        options(rs.getString(5)), rs.getBoolean(6)))
                .list();
    }

    @Transactional
    AttributeView create(CurrentUser user, SaveAttributeRequest request) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        var keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                    insert into client_attributes (attr_key, label, type, options, active, position, created_at, updated_at, version)
                    values (?, ?, ?, ?, true, (select coalesce(max(position), 0) + 1 from client_attributes), ?, ?, 0)""")
                    .params(request.key(), request.label().strip(), request.type().name(), joinOptions(request), now, now)
                    .update(keys, "id");
        } catch (DuplicateKeyException e) {
            throw ConversaException.conflict("attribute.key_taken", request.key());
        }
        long id = keys.getKeyAs(Long.class);
        audit.record(user.actor(), "client_attribute.created", "client_attribute", id, Map.of("key", request.key()));
        return find(id);
    }

    /** The key and type stay (values already stored depend on them); the label, options and state change. */
    @Transactional
    AttributeView update(CurrentUser user, long id, SaveAttributeRequest request) {
        boolean active = !Boolean.FALSE.equals(request.active());
        var current = find(id);
        if (!current.key().equals(request.key()) || current.type() != request.type()) {
            throw ConversaException.invalid("attribute.key_type_fixed");
        }
        jdbc.sql("update client_attributes set label = ?, options = ?, active = ?, updated_at = ?, version = version + 1 where id = ?")
                .params(request.label().strip(), joinOptions(request), active, clock.instant().atOffset(ZoneOffset.UTC), id).update();
        audit.record(user.actor(), "client_attribute.updated", "client_attribute", id, Map.of("key", request.key(), "active", active));
        return find(id);
    }

    /**
     * The values a client may keep: each key must name an active attribute, each value must fit
     * its type; blank values are dropped. Canonical text: numbers and money as plain decimals,
     * dates as ISO.
     */
    Map<String, String> validate(Map<String, String> values) {
        var result = new LinkedHashMap<String, String>();
        if (values == null || values.isEmpty()) {
            return result;
        }
        var definitions = new LinkedHashMap<String, AttributeView>();
        all().stream().filter(AttributeView::active).forEach(attribute -> definitions.put(attribute.key(), attribute));
        for (var entry : values.entrySet()) {
            var attribute = definitions.get(entry.getKey());
            if (attribute == null) {
                throw ConversaException.invalid("attribute.unknown", entry.getKey());
            }
            String value = entry.getValue() == null ? "" : entry.getValue().strip();
            if (value.isEmpty()) {
                continue;
            }
            result.put(attribute.key(), canonical(attribute, value));
        }
        return result;
    }

    private static String canonical(AttributeView attribute, String value) {
        try {
            return switch (attribute.type()) {
                case TEXT -> {
                    if (value.length() > 500) {
                        throw ConversaException.invalid("attribute.too_long", attribute.label(), 500);
                    }
                    yield value;
                }
                case NUMBER -> ContactCsv.amount(value).stripTrailingZeros().toPlainString();
                case MONEY -> ContactCsv.amount(value).setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
                case DATE -> LocalDate.parse(value).toString();
                case LIST -> {
                    if (!attribute.options().contains(value)) {
                        throw ConversaException.invalid("attribute.not_an_option", attribute.label(), String.join(", ", attribute.options()));
                    }
                    yield value;
                }
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw ConversaException.invalid("attribute.bad_value", attribute.label(), value);
        }
    }

    private AttributeView find(long id) {
        return all().stream().filter(attribute -> attribute.id() == id).findFirst()
                .orElseThrow(() -> ConversaException.notFound("attribute.not_found", id));
    }

    private static String joinOptions(SaveAttributeRequest request) {
        if (request.type() != Type.LIST) {
            return null;
        }
        var options = request.options() == null ? List.<String>of()
                : request.options().stream().map(String::strip).filter(option -> !option.isEmpty()).distinct().toList();
        if (options.isEmpty()) {
            throw ConversaException.invalid("attribute.options_required");
        }
        return String.join("\n", options);
    }

    private static List<String> options(String joined) {
        return joined == null ? List.of() : Arrays.asList(joined.split("\n"));
    }
}
