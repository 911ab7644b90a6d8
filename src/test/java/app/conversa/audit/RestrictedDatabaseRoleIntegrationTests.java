package app.conversa.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import app.conversa.IntegrationTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The production set-up of docs/operations-database.md on PostgreSQL: the application's role,
 * granted only row access by the schema's owner, appends to the audit log but can neither empty
 * it, nor set aside or drop its append-only trigger, nor change or delete entries. Needs a login
 * role for the application ({@code CONVERSA_TEST_PG_APP_USER}, default {@code conversa_test_app},
 * password {@code CONVERSA_TEST_PG_APP_PASSWORD}, default the same), created once by a superuser:
 * {@code create role conversa_test_app login password 'conversa_test_app'; grant connect on
 * database conversa_test to conversa_test_app;}. Skipped on H2 and when that role is missing.
 */
@IntegrationTest
class RestrictedDatabaseRoleIntegrationTests {

    private static final String APP_USER = System.getenv().getOrDefault("CONVERSA_TEST_PG_APP_USER", "conversa_test_app");
    private static final String APP_PASSWORD = System.getenv().getOrDefault("CONVERSA_TEST_PG_APP_PASSWORD", APP_USER);

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditTrail audit;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    private String url;
    private String schema;

    @BeforeEach
    void grantRowAccessAsTheDocumentSays() throws SQLException {
        try (var connection = dataSource.getConnection()) {
            assumeThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            url = connection.getMetaData().getURL();
            schema = connection.getSchema();
        }
        assumeThat(jdbc.sql("select count(*) from pg_roles where rolname = ? and rolcanlogin").param(APP_USER)
                .query(Long.class).single()).as("role " + APP_USER).isEqualTo(1L);
        // docs/operations-database.md, "Existing tables", for this test's schema instead of public
        jdbc.sql("grant usage on schema " + schema + " to " + APP_USER).update();
        jdbc.sql("grant select, insert, update, delete on all tables in schema " + schema + " to " + APP_USER).update();
        jdbc.sql("grant usage, select on all sequences in schema " + schema + " to " + APP_USER).update();
        transactions.executeWithoutResult(tx -> audit.record(new app.conversa.shared.Actor(null, "restricted-test"),
                "restricted.test", null, null, java.util.Map.of()));
    }

    private Connection asApplication() throws SQLException {
        return DriverManager.getConnection(url, APP_USER, APP_PASSWORD);
    }

    @Test
    void theApplicationsRoleAppendsButCannotEmptyUnprotectOrRewriteTheAuditLog() throws SQLException {
        try (var app = asApplication(); var statement = app.createStatement()) {
            assertThat(app.getSchema()).isEqualTo(schema);
            app.setAutoCommit(false);
            try (var head = statement.executeQuery("select last_seq from audit_chain where id = 1 for update")) {
                assertThat(head.next()).as("locks the chain's head as every append does").isTrue();
            }
            assertThat(statement.executeUpdate("""
                    insert into audit_log (occurred_at, action, details, chain_seq, prev_hash, entry_hash)
                    values (current_timestamp, 'restricted.test', '{}', -1, 'x', 'x')""")).isEqualTo(1);
            app.rollback();
            app.setAutoCommit(true);

            assertThatThrownBy(() -> statement.execute("truncate audit_log")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> statement.execute("alter table audit_log disable trigger audit_log_append_only"))
                    .hasMessageContaining("must be owner");
            assertThatThrownBy(() -> statement.execute("drop trigger audit_log_append_only on audit_log"))
                    .hasMessageContaining("must be owner");
            assertThatThrownBy(() -> statement.execute("drop table audit_log")).hasMessageContaining("must be owner");
            assertThatThrownBy(() -> statement.execute("update audit_log set action = 'tampered'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.execute("delete from audit_log")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.execute("create table forged (id int)")).hasMessageContaining("permission denied");
        }
    }
}
