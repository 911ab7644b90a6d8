package app.conversa.channels;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Read access to connections for other modules. */
@Service
public class ChannelDirectory {

    private static final String COLUMNS = """
            select id, name, display_number, provider, department_id, welcome_message, farewell_message, active,
                business_hours, out_of_hours_message
            from connections""";

    private final JdbcClient jdbc;
    private final tools.jackson.databind.ObjectMapper json;

    ChannelDirectory(JdbcClient jdbc, tools.jackson.databind.ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<ConnectionInfo> find(long connectionId) {
        return jdbc.sql(COLUMNS + " where id = ?").param(connectionId).query(this::map).optional();
    }

    /** The agents who may use this number; empty when every agent of its department may. */
    public java.util.Set<Long> agentsOf(long connectionId) {
        return new java.util.HashSet<>(jdbc.sql("select user_id from connection_agents where connection_id = ?")
                .param(connectionId).query(Long.class).list());
    }

    /** The numbers the agent may use: those listing them in their team, and those listing nobody. */
    public java.util.Set<Long> connectionsUsableBy(long userId) {
        return new java.util.HashSet<>(jdbc.sql("""
                select c.id from connections c
                where not exists (select 1 from connection_agents na where na.connection_id = c.id)
                    or exists (select 1 from connection_agents na where na.connection_id = c.id and na.user_id = ?)""")
                .param(userId).query(Long.class).list());
    }

    public List<ConnectionInfo> all() {
        return jdbc.sql(COLUMNS + " order by name, id").query(this::map).list();
    }

    private ConnectionInfo map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ConnectionInfo(rs.getLong(1), rs.getString(2), rs.getString(3), Provider.valueOf(rs.getString(4)),
                rs.getObject(5, Long.class), rs.getString(6), rs.getString(7), rs.getBoolean(8),
                BusinessHours.fromJson(json, rs.getString(9)), rs.getString(10));
    }
}
