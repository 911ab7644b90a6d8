package app.conversa.channels;

import app.conversa.audit.AuditTrail;
import app.conversa.shared.Actor;
import app.conversa.shared.ConversaException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What is the same for every provider's numbers: listing, inactivating, reactivating, business
 * hours. Creating and editing are each provider's ({@code cloudapi}, {@code evolution}).
 */
@Service
public class Connections {

    private final ConnectionRepository connections;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    Connections(ConnectionRepository connections, org.springframework.jdbc.core.simple.JdbcClient jdbc, AuditTrail audit,
            Clock clock) {
        this.connections = connections;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    List<Connection> all() {
        return connections.findAllByOrderByName();
    }

    @Transactional
    Connection inactivate(Actor actor, long id) {
        var connection = load(id);
        connection.inactivate(clock.instant());
        audit.record(actor, "connection.inactivated", "connection", id, Map.of("name", connection.name()));
        return connection;
    }

    @Transactional
    public Connection reactivate(Actor actor, long id) {
        var connection = load(id);
        connection.reactivate(clock.instant());
        audit.record(actor, "connection.reactivated", "connection", id, Map.of("name", connection.name()));
        return connection;
    }

    /** Sets (or, with null hours, removes) when the number is attended and what it answers otherwise. */
    @Transactional
    Connection schedule(Actor actor, long id, BusinessHours hours, String outOfHoursMessage,
            tools.jackson.databind.ObjectMapper json) {
        var connection = load(id);
        if (hours != null && (outOfHoursMessage == null || outOfHoursMessage.isBlank())) {
            throw ConversaException.invalid("hours.message_required");
        }
        connection.schedule(hours == null ? null : hours.toJson(json), hours == null ? null : outOfHoursMessage,
                clock.instant());
        var details = new LinkedHashMap<String, Object>();
        details.put("schedule", hours == null ? null : hours.toJson(json));
        audit.record(actor, "connection.hours_changed", "connection", id, details);
        return connection;
    }

    /** Gives a number to a department when it has none yet (numbers set up from code). */
    @Transactional
    public void departmentIfNone(long connectionId, long departmentId) {
        jdbc.sql("update connections set department_id = ? where id = ? and department_id is null")
                .params(departmentId, connectionId).update();
    }

    private Connection load(long id) {
        return connections.findById(id).orElseThrow(() -> ConversaException.notFound("connection.not_found", id));
    }
}
