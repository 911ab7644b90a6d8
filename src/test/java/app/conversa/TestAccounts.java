package app.conversa;

import app.conversa.identity.Role;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Creates users and departments straight in the database, each with a unique name, for tests to act as. */
@Component
public class TestAccounts {

    public static final String PASSWORD = "test-password-1";

    private final JdbcClient jdbc;
    private final String passwordHash;

    TestAccounts(JdbcClient jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.passwordHash = encoder.encode(PASSWORD);
    }

    public record Account(long id, String login) { }

    public Account create(Role role, long... departmentIds) {
        String login = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        var keys = new GeneratedKeyHolder();
        var now = Timestamp.from(Instant.now());
        jdbc.sql("""
                insert into users (login, display_name, role, active, language, password_hash, must_change_password,
                                   created_at, updated_at, version)
                values (?, ?, ?, true, 'en', ?, false, ?, ?, 0)""")
                .params(login, "Test " + login, role.name(), passwordHash, now, now).update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        for (long departmentId : departmentIds) {
            jdbc.sql("insert into user_departments (user_id, department_id) values (?, ?)").params(id, departmentId).update();
        }
        return new Account(id, login);
    }

    public long department() {
        var keys = new GeneratedKeyHolder();
        var now = Timestamp.from(Instant.now());
        String name = "Department " + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into departments (name, name_key, active, created_at, updated_at, version) values (?, ?, true, ?, ?, 0)")
                .params(name, name.toLowerCase(), now, now).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }
}
