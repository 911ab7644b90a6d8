package app.conversa.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An existing audit log, written before the hash chain (here: between migrations 21 and 21.2), is chained by the migration in id order,
 * and its client entries lose the document ids and balances they held (issue 12, items 10 and 11).
 * Runs the real migrations on a fresh H2 database, or a fresh PostgreSQL schema with
 * {@code CONVERSA_TEST_DB=postgresql}.
 */
class AuditChainMigrationTests {

    private static final String CANARY = "CNRY0912345678";

    @Test
    void existingEntriesAreChainedAndLoseSensitiveValues() {
        boolean postgresql = "postgresql".equals(System.getenv("CONVERSA_TEST_DB"));
        String schema = "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        var dataSource = postgresql
                ? new DriverManagerDataSource(System.getenv().getOrDefault("CONVERSA_TEST_PG_URL",
                        "jdbc:postgresql://127.0.0.1:5432/conversa_test") + "?currentSchema=" + schema,
                        System.getenv().getOrDefault("CONVERSA_TEST_PG_USER", "postgres"),
                        System.getenv().getOrDefault("CONVERSA_TEST_PG_PASSWORD", ""))
                : new DriverManagerDataSource("jdbc:h2:mem:" + schema
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
        var jdbc = JdbcClient.create(dataSource);
        try {
            flyway(dataSource, postgresql, schema).target("21").load().migrate();
            jdbc.sql("""
                    insert into audit_log (occurred_at, actor_id, actor_login, address, action, target_type, target_id, details)
                    values (timestamp with time zone '2026-03-01 10:00:00.123456+00', 1, 'admin', '10.0.0.1', 'user.created',
                            'user', '7', '{"login":"ana"}'),
                           (timestamp with time zone '2026-03-01 10:05:00+00', 1, 'admin', null, 'client.sensitive_changed',
                            'client', '3', '{"documentId":{"from":null,"to":"%s"},"balance":{"from":"1","to":"2"}}'),
                           (timestamp with time zone '2026-03-01 10:06:00+00', null, 'ghost', null, 'auth.login.failed',
                            null, null, '{}')""".formatted(CANARY)).update();

            flyway(dataSource, postgresql, schema).load().migrate();

            var report = new AuditChainVerifier(jdbc, new AuditChain(jdbc)).verify();
            assertThat(report.intact()).as(report.toString()).isTrue();
            assertThat(report.entries()).isEqualTo(3);
            assertThat(report.headSeq()).isEqualTo(3);
            assertThat(jdbc.sql("select details from audit_log where action = 'client.sensitive_changed'").query(String.class)
                    .single()).isEqualTo("{\"fields\":[\"documentId\",\"balance\"]}");
            assertThat(jdbc.sql("select chain_seq from audit_log order by id").query(Long.class).list()).containsExactly(1L, 2L, 3L);
            if (postgresql) {
                assertThatThrownBy(() -> jdbc.sql("update audit_log set action = 'x'").update())
                        .as("the append-only trigger is back").hasMessageContaining("append-only");
            }
        } finally {
            jdbc.sql(postgresql ? "drop schema " + schema + " cascade" : "drop all objects").update();
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(javax.sql.DataSource dataSource,
            boolean postgresql, String schema) {
        var configuration = Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + (postgresql ? "postgresql" : "h2"))
                .javaMigrations(new AuditChainMigration());
        return postgresql ? configuration.schemas(schema) : configuration;
    }
}
