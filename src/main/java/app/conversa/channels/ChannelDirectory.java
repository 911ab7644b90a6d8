package app.conversa.channels;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Read access to connections for other modules. */
@Service
public class ChannelDirectory {

    private static final String COLUMNS = """
            select id, name, display_number, provider, department_id, welcome_message, farewell_message, active
            from connections""";

    private final JdbcClient jdbc;

    ChannelDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ConnectionInfo> find(long connectionId) {
        return jdbc.sql(COLUMNS + " where id = ?").param(connectionId).query(ChannelDirectory::map).optional();
    }

    public List<ConnectionInfo> all() {
        return jdbc.sql(COLUMNS + " order by name, id").query(ChannelDirectory::map).list();
    }

    private static ConnectionInfo map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ConnectionInfo(rs.getLong(1), rs.getString(2), rs.getString(3), Provider.valueOf(rs.getString(4)),
                rs.getObject(5, Long.class), rs.getString(6), rs.getString(7), rs.getBoolean(8));
    }
}
