package app.conversa.audit;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.IntegrationTest;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import app.conversa.shared.Actor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The audit log's hash chain: every append extends one chain, also from concurrent writers, and
 * tampering done as the database's owner (bypassing the append-only trigger) is reported at the
 * entry where it happened. Each tampering is undone afterwards, so the shared log stays intact.
 */
@IntegrationTest
class AuditChainIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    AuditTrail audit;
    @Autowired
    TransactionTemplate transactions;

    private ApiSession administrator() {
        return ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
    }

    private static JsonNode verify(ApiSession session) {
        var response = session.get("/api/audit/verify");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void concurrentWritersExtendOneUnbrokenChain() throws Exception {
        var admin = administrator();
        long before = jdbc.sql("select last_seq from audit_chain").query(Long.class).single();
        try (var pool = Executors.newFixedThreadPool(8)) {
            var writes = new ArrayList<Future<?>>();
            for (int i = 0; i < 80; i++) {
                int n = i;
                writes.add(pool.submit((Callable<Void>) () -> {
                    transactions.executeWithoutResult(tx -> audit.record(new Actor(null, "chain-test"), "chain.test",
                            "test", n, Map.of("n", n)));
                    return null;
                }));
            }
            for (var write : writes) {
                write.get();
            }
        }

        var report = verify(admin);
        assertThat(report.get("intact").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("headSeq").asLong()).isGreaterThanOrEqualTo(before + 80);
        assertThat(report.get("entries").asLong()).isEqualTo(report.get("headSeq").asLong());
        assertThat(jdbc.sql("select count(distinct chain_seq) from audit_log where action = 'chain.test'").query(Long.class)
                .single()).isEqualTo(80);
    }

    @Test
    void anEntryChangedBehindTheApplicationsBackIsReportedAtThatEntry() {
        var admin = administrator();
        admin.post("/api/departments", Map.of("name", "Chain " + System.nanoTime()));
        long id = jdbc.sql("select max(id) from audit_log where action = 'department.created'").query(Long.class).single();
        String details = jdbc.sql("select details from audit_log where id = ?").param(id).query(String.class).single();
        assertThat(verify(admin).get("intact").asBoolean()).isTrue();

        asOwner("update audit_log set details = '{\"name\":\"forged\"}' where id = " + id);
        try {
            var report = verify(admin);
            assertThat(report.get("intact").asBoolean()).isFalse();
            assertThat(report.get("firstBreak").get("entryId").asLong()).isEqualTo(id);
            assertThat(report.get("firstBreak").get("problem").asString()).isEqualTo("CHANGED");
        } finally {
            asOwner("update audit_log set details = '" + details.replace("'", "''") + "' where id = " + id);
        }
        assertThat(verify(admin).get("intact").asBoolean()).as("undone").isTrue();
    }

    @Test
    void aRemovedEntryIsReportedAtTheEntryAfterItAndARemovedLastEntryAtTheEnd() {
        var admin = administrator();
        for (int i = 0; i < 3; i++) {
            admin.post("/api/departments", Map.of("name", "Chain " + System.nanoTime()));
        }
        long middle = jdbc.sql("select id from audit_log where action = 'department.created' order by chain_seq desc")
                .query(Long.class).list().get(1);
        long next = jdbc.sql("select id from audit_log where chain_seq = (select chain_seq + 1 from audit_log where id = ?)")
                .param(middle).query(Long.class).single();
        var removed = remove(middle);
        try {
            var report = verify(admin);
            assertThat(report.get("intact").asBoolean()).isFalse();
            assertThat(report.get("firstBreak").get("entryId").asLong()).isEqualTo(next);
            assertThat(report.get("firstBreak").get("problem").asString()).isEqualTo("MISSING");
            assertThat(report.get("firstBreak").get("seq").asLong()).isEqualTo(((Number) removed.get("chain_seq")).longValue());
        } finally {
            restore(removed);
        }
        assertThat(verify(admin).get("intact").asBoolean()).as("restored").isTrue();

        long last = jdbc.sql("select id from audit_log where chain_seq = (select last_seq from audit_chain)").query(Long.class)
                .single();
        var tail = remove(last);
        try {
            var report = verify(admin);
            assertThat(report.get("intact").asBoolean()).isFalse();
            assertThat(report.get("firstBreak").get("problem").asString()).isEqualTo("TRUNCATED");
            assertThat(report.get("firstBreak").get("seq").asLong()).isEqualTo(((Number) tail.get("chain_seq")).longValue());
        } finally {
            restore(tail);
        }
        assertThat(verify(admin).get("intact").asBoolean()).as("restored").isTrue();
    }

    @Test
    void agentsCannotVerify() {
        var agent = ApiSession.signedIn(port, accounts.create(Role.AGENT).login(), TestAccounts.PASSWORD);
        assertThat(agent.get("/api/audit/verify").status()).isEqualTo(403);
    }

    private Map<String, Object> remove(long id) {
        var row = jdbc.sql("select * from audit_log where id = ?").param(id).query().singleRow();
        asOwner("delete from audit_log where id = " + id);
        return row;
    }

    private void restore(Map<String, Object> row) {
        var columns = new ArrayList<>(row.keySet());
        var values = new LinkedHashMap<String, Object>();
        row.forEach((column, value) -> values.put(column.toLowerCase(), value));
        List<String> names = columns.stream().map(String::toLowerCase).toList();
        jdbc.sql("insert into audit_log (" + String.join(", ", names) + ") values ("
                + String.join(", ", names.stream().map(name -> ":" + name).toList()) + ")").params(values).update();
    }

    /** What the database's owner can do and the application must not be able to hide: the trigger set aside. */
    private void asOwner(String sql) {
        if (postgresql()) {
            transactions.executeWithoutResult(tx -> {
                jdbc.sql("alter table audit_log disable trigger audit_log_append_only").update();
                jdbc.sql(sql).update();
                jdbc.sql("alter table audit_log enable trigger audit_log_append_only").update();
            });
        } else {
            jdbc.sql(sql).update();
        }
    }

    private boolean postgresql() {
        try (var connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
