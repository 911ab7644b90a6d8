package app.conversa.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import app.conversa.ApiSession;
import app.conversa.IntegrationTest;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class AuditLogIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void pagesWalkTheWholeFilteredLogNewestFirstWithoutGapsOrRepeats() {
        var admin = accounts.create(Role.ADMINISTRATOR);
        var session = ApiSession.signedIn(port, admin.login(), TestAccounts.PASSWORD);
        for (int i = 0; i < 7; i++) {
            session.post("/api/departments", Map.of("name", admin.login() + " team " + i));
        }

        var seen = new ArrayList<Long>();
        String cursor = null;
        do {
            var page = session.get("/api/audit?action=department.created&actor=" + admin.login() + "&size=3"
                    + (cursor == null ? "" : "&before=" + cursor)).json();
            page.get("items").forEach(item -> seen.add(item.get("id").asLong()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);

        assertThat(seen).hasSize(7).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void theActionFilterOffersEveryDeclaredAction() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);

        var actions = admin.get("/api/audit/actions").json().valueStream().map(a -> a.asString()).toList();

        assertThat(actions).contains("auth.login.failed", "user.created", "role.permissions.changed", "department.members.changed");
        assertThat(new HashSet<>(actions)).hasSameSizeAs(actions);
    }

    @Test
    void refusalsByPermissionAndByScopeAreCriticalEvents() {
        long department = accounts.department();
        var agent = accounts.create(Role.AGENT);
        var supervisor = accounts.create(Role.SUPERVISOR, department);
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);

        ApiSession.signedIn(port, agent.login(), TestAccounts.PASSWORD).get("/api/audit");
        ApiSession.signedIn(port, supervisor.login(), TestAccounts.PASSWORD).get("/api/users/" + agent.id());

        var events = admin.get("/api/critical-events?source=security&severity=WARNING").json().get("items");
        assertThat(events).anySatisfy(event -> {
            assertThat(event.get("code").asString()).isEqualTo("security.access_refused");
            assertThat(event.get("details").get("userId").asString()).isEqualTo(Long.toString(agent.id()));
            assertThat(event.get("details").get("path").asString()).isEqualTo("/api/audit");
            assertThat(event.get("details").get("reason").asString()).isEqualTo("forbidden");
        });
        assertThat(events).anySatisfy(event -> {
            assertThat(event.get("details").get("userId").asString()).isEqualTo(Long.toString(supervisor.id()));
            assertThat(event.get("details").get("path").asString()).isEqualTo("/api/users/" + agent.id());
            assertThat(event.get("details").get("reason").asString()).isEqualTo("user.not_found");
        });
    }

    @Test
    void theSourceFilterTakesPercentAndUnderscoreLiterally() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var agent = ApiSession.signedIn(port, accounts.create(Role.AGENT).login(), TestAccounts.PASSWORD);
        agent.get("/api/roles");

        assertThat(admin.get("/api/critical-events?source=secur").json().get("items")).isNotEmpty();
        assertThat(admin.get("/api/critical-events?source=%25").json().get("items")).isEmpty();
        assertThat(admin.get("/api/critical-events?source=_").json().get("items")).isEmpty();
    }

    @Test
    void thePostgreSqlAuditLogRefusesUpdatesAndDeletes() throws Exception {
        try (var connection = dataSource.getConnection()) {
            assumeThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);

        assertThatThrownBy(() -> jdbc.sql("update audit_log set action = 'tampered'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_log").update()).hasMessageContaining("append-only");
    }
}
