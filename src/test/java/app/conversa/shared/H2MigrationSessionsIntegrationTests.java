package app.conversa.shared;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.Eventually;
import app.conversa.IntegrationTest;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tables keep accepting rows after the pool has replaced every connection it had, as it does when a
 * connection reaches its lifetime (30 min) or after an outage. On H2 this failed with "Check
 * constraint invalid ... The database has been closed" when the migrations had run on one of them.
 */
@IntegrationTest
class H2MigrationSessionsIntegrationTests {

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    @Test
    void rowsAreCheckedAfterThePoolHasReplacedEveryConnectionItHad() throws Exception {
        var pool = dataSource.unwrap(HikariDataSource.class);
        boolean h2 = pool.getJdbcUrl().startsWith("jdbc:h2:");
        String ownSession = h2 ? "select session_id()" : "select pg_backend_pid()";
        String openSessions = h2 ? "select session_id from information_schema.sessions" : "select pid from pg_stat_activity";

        var pooled = new ArrayList<Long>();
        var held = new ArrayList<Connection>();
        try {
            for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                var connection = pool.getConnection();
                held.add(connection);
                try (var statement = connection.createStatement(); var row = statement.executeQuery(ownSession)) {
                    row.next();
                    pooled.add(row.getLong(1));
                }
            }
        } finally {
            for (var connection : held) {
                connection.close();
            }
        }
        pool.getHikariPoolMXBean().softEvictConnections();
        Eventually.await("the pool's old connections closed", () -> {
            List<Long> open = jdbc.sql(openSessions).query(Long.class).list();
            return pooled.stream().filter(open::contains).count();
        }, n -> n == 0);

        var now = OffsetDateTime.now();
        int inserted = jdbc.sql("""
                        insert into contacts (display_name, search_name, phone, phone_digits, review_state, created_at, updated_at)
                        values ('Pool', 'pool', '+593933333333', '593933333333', 'NEEDS_REVIEW', ?, ?)""")
                .params(now, now).update();
        assertThat(inserted).isOne();
    }
}
