package app.conversa.identity;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Read access to departments for other modules (which never query the departments table themselves). */
@Service
public class DepartmentDirectory {

    private final JdbcClient jdbc;

    DepartmentDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the department exists and is active (chats and numbers may be given to it). */
    public boolean isActive(long departmentId) {
        return jdbc.sql("select count(*) from departments where id = ? and active = true").param(departmentId)
                .query(Long.class).single() > 0;
    }

    /** The oldest department, if any (the demo gives its numbers to it). */
    public Optional<Long> oldest() {
        return jdbc.sql("select id from departments order by id fetch first 1 rows only").query(Long.class).optional();
    }
}
