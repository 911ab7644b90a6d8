package app.conversa.channels;

import app.conversa.audit.AuditTrail;
import app.conversa.identity.DepartmentDirectory;
import app.conversa.identity.UserDirectory;
import app.conversa.shared.Actor;
import app.conversa.shared.ConversaException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who works a number: the department its new chats belong to (a supervisor's scope), and the
 * agents who may use it (be given its chats, take them from its queue, answer them). With no
 * agents listed, every agent of the department may, as before. Chats already open keep their
 * department.
 */
@Service
class ConnectionTeam {

    private final JdbcClient jdbc;
    private final UserDirectory users;
    private final DepartmentDirectory departments;
    private final AuditTrail audit;

    ConnectionTeam(JdbcClient jdbc, UserDirectory users, DepartmentDirectory departments, AuditTrail audit) {
        this.jdbc = jdbc;
        this.departments = departments;
        this.users = users;
        this.audit = audit;
    }

    @Transactional
    void set(Actor actor, long connectionId, Long departmentId, Collection<Long> agentIds) {
        boolean exists = jdbc.sql("select count(*) from connections where id = ?").param(connectionId)
                .query(Long.class).single() > 0;
        if (!exists) {
            throw ConversaException.notFound("connection.not_found", connectionId);
        }
        if (departmentId != null && !departments.isActive(departmentId)) {
            throw ConversaException.invalid("connection.department_invalid", departmentId);
        }
        var agents = new TreeSet<>(agentIds);
        for (long agentId : agents) {
            if (users.currentUser(agentId).isEmpty()) {
                throw ConversaException.invalid("connection.agent_invalid", agentId);
            }
        }
        var before = agentsOf(List.of(connectionId)).getOrDefault(connectionId, List.of());
        Long departmentBefore = jdbc.sql("select department_id from connections where id = ? for update").param(connectionId)
                .query((rs, row) -> java.util.Optional.ofNullable(rs.getObject(1, Long.class))).single().orElse(null);
        jdbc.sql("update connections set department_id = ? where id = ?").params(departmentId, connectionId).update();
        jdbc.sql("delete from connection_agents where connection_id = ?").param(connectionId).update();
        for (long agentId : agents) {
            jdbc.sql("insert into connection_agents (connection_id, user_id) values (?, ?)").params(connectionId, agentId).update();
        }
        var details = new LinkedHashMap<String, Object>();
        details.put("department", java.util.Arrays.asList(departmentBefore, departmentId));
        details.put("agents", List.of(before, List.copyOf(agents)));
        audit.record(actor, "connection.team_changed", "connection", connectionId, details);
    }

    /** The agents listed per connection (connections without a list are absent). */
    Map<Long, List<Long>> agentsOf(Collection<Long> connectionIds) {
        var agents = new HashMap<Long, List<Long>>();
        if (connectionIds.isEmpty()) {
            return agents;
        }
        jdbc.sql("select connection_id, user_id from connection_agents where connection_id in (:ids) order by user_id")
                .param("ids", connectionIds)
                .query(rs -> {
                    agents.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(rs.getLong(2));
                });
        return agents;
    }
}
