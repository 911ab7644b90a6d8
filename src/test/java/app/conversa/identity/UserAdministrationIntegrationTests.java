package app.conversa.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.IntegrationTest;
import app.conversa.TestAccounts;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class UserAdministrationIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anAdministratorCreatesAUserWhoMustChangeTheTemporaryPasswordAndItIsAudited() {
        var admin = accounts.create(Role.ADMINISTRATOR);
        long department = accounts.department();
        var session = ApiSession.signedIn(port, admin.login(), TestAccounts.PASSWORD);

        var created = session.post("/api/users", newUser("Nueva.Agente", "AGENT", department));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("login").asString()).isEqualTo("nueva.agente");
        assertThat(created.json().get("departmentIds").toString()).isEqualTo("[" + department + "]");
        var newcomer = ApiSession.signedIn(port, "nueva.agente", "temporary-pass-1");
        assertThat(newcomer.get("/api/auth/me").json().get("mustChangePassword").asBoolean()).isTrue();
        var audit = session.get("/api/audit?action=user.created&actor=" + admin.login()).json().get("items");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).get("ip").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(audit.get(0).get("targetId").asString()).isEqualTo(created.json().get("id").asString());
    }

    @Test
    void aTakenLoginAndInvalidFieldsAreClearErrors() {
        var admin = accounts.create(Role.ADMINISTRATOR);
        var session = ApiSession.signedIn(port, admin.login(), TestAccounts.PASSWORD).inLanguage("es");

        var taken = session.post("/api/users", newUser(admin.login(), "AGENT"));
        var invalid = session.post("/api/users", Map.of("login", "x", "role", "AGENT"));

        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("detail").asString()).contains(admin.login()).contains("ya está en uso");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").findValuesAsString("field"))
                .contains("login", "displayName", "language", "departmentIds", "password");
    }

    @Test
    void theLastActiveAdministratorCannotBeDemoted() {
        var admin = accounts.create(Role.ADMINISTRATOR);
        jdbc.sql("update users set active = false where role = 'ADMINISTRATOR' and id <> ?").param(admin.id()).update();
        var session = ApiSession.signedIn(port, admin.login(), TestAccounts.PASSWORD);

        var demoted = session.put("/api/users/" + admin.id(), profile("SUPERVISOR"));
        var inactivated = session.post("/api/users/" + admin.id() + "/inactivate", null);

        assertThat(demoted.status()).isEqualTo(409);
        assertThat(demoted.code()).isEqualTo("user.last_administrator");
        assertThat(inactivated.code()).isEqualTo("user.cannot_inactivate_self");
        assertThat(session.get("/api/auth/me").json().get("role").asString()).isEqualTo("ADMINISTRATOR");
    }

    @Test
    void twoAdministratorsDemotingEachOtherAtOnceLeaveOneAdministrator() throws Exception {
        var first = accounts.create(Role.ADMINISTRATOR);
        var second = accounts.create(Role.ADMINISTRATOR);
        jdbc.sql("update users set active = false where role = 'ADMINISTRATOR' and id not in (?, ?)")
                .params(first.id(), second.id()).update();
        var firstSession = ApiSession.signedIn(port, first.login(), TestAccounts.PASSWORD);
        var secondSession = ApiSession.signedIn(port, second.login(), TestAccounts.PASSWORD);
        var start = new CyclicBarrier(2);

        var a = CompletableFuture.supplyAsync(() -> awaitThen(start, () -> firstSession.put("/api/users/" + second.id(), profile("AGENT"))));
        var b = CompletableFuture.supplyAsync(() -> awaitThen(start, () -> secondSession.put("/api/users/" + first.id(), profile("AGENT"))));

        var statuses = List.of(a.get().status(), b.get().status());
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        assertThat(jdbc.sql("select count(*) from users where role = 'ADMINISTRATOR' and active = true")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void supervisorsCannotCreateEditOrInactivateAdministrators() {
        long department = accounts.department();
        var supervisor = accounts.create(Role.SUPERVISOR, department);
        var admin = accounts.create(Role.ADMINISTRATOR, department);
        var session = ApiSession.signedIn(port, supervisor.login(), TestAccounts.PASSWORD);

        var created = session.post("/api/users", newUser("would-be-admin", "ADMINISTRATOR", department));
        var promoted = session.post("/api/users", newUser("would-be-supervisor", "SUPERVISOR", department));
        var seen = session.get("/api/users/" + admin.id());
        var edited = session.put("/api/users/" + admin.id(), profile("AGENT", department));
        var inactivated = session.post("/api/users/" + admin.id() + "/inactivate", null);
        var reset = session.post("/api/users/" + admin.id() + "/password", Map.of("newPassword", "taken-over-123"));

        assertThat(List.of(created.code(), promoted.code())).containsOnly("user.role_not_allowed");
        assertThat(List.of(created.status(), promoted.status())).containsOnly(403);
        // outside the scope a user is answered as missing, so a supervisor cannot probe who exists
        assertThat(List.of(seen.code(), edited.code(), inactivated.code(), reset.code())).containsOnly("user.not_found");
        assertThat(List.of(seen.status(), edited.status(), inactivated.status(), reset.status())).containsOnly(404);
        assertThat(ApiSession.signedIn(port, admin.login(), TestAccounts.PASSWORD).get("/api/auth/me")
                .json().get("role").asString()).isEqualTo("ADMINISTRATOR");
    }

    @Test
    void supervisorsManageOnlyAgentsOfTheirOwnDepartments() {
        long mine = accounts.department();
        long other = accounts.department();
        var supervisor = accounts.create(Role.SUPERVISOR, mine);
        var myAgent = accounts.create(Role.AGENT, mine);
        var otherAgent = accounts.create(Role.AGENT, other);
        var session = ApiSession.signedIn(port, supervisor.login(), TestAccounts.PASSWORD);

        var listed = session.get("/api/users").json().findValuesAsString("login");
        var createdHere = session.post("/api/users", newUser("agent-" + mine, "AGENT", mine));
        var createdThere = session.post("/api/users", newUser("agent-" + other, "AGENT", other));
        var editedOther = session.put("/api/users/" + otherAgent.id(), profile("AGENT", other));
        var resetOther = session.post("/api/users/" + otherAgent.id() + "/password", Map.of("newPassword", "taken-over-123"));
        var inactivatedOther = session.post("/api/users/" + otherAgent.id() + "/inactivate", null);
        var movedAway = session.put("/api/users/" + myAgent.id(), profile("AGENT", other));
        var inactivatedMine = session.post("/api/users/" + myAgent.id() + "/inactivate", null);

        assertThat(listed).contains(myAgent.login()).doesNotContain(otherAgent.login(), supervisor.login());
        assertThat(createdHere.status()).isEqualTo(201);
        assertThat(createdThere.code()).isEqualTo("user.departments_out_of_scope");
        assertThat(List.of(editedOther.status(), resetOther.status(), inactivatedOther.status())).containsOnly(404);
        assertThat(movedAway.code()).isEqualTo("user.departments_out_of_scope");
        assertThat(inactivatedMine.status()).isEqualTo(200);
        assertThat(ApiSession.anonymous(port).login(otherAgent.login(), TestAccounts.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aSupervisorEditsAnAgentOfTwoDepartmentsWithoutTouchingTheOtherOne() {
        long mine = accounts.department();
        long theirs = accounts.department();
        var supervisor = accounts.create(Role.SUPERVISOR, mine);
        var shared = accounts.create(Role.AGENT, mine, theirs);
        var session = ApiSession.signedIn(port, supervisor.login(), TestAccounts.PASSWORD);

        var renamed = session.put("/api/users/" + shared.id(), profile("AGENT", mine));
        var repeated = session.put("/api/users/" + shared.id(), profile("AGENT", mine, theirs));
        var released = session.put("/api/users/" + shared.id(), profile("AGENT"));

        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("displayName").asString()).isEqualTo("Edited");
        assertThat(renamed.json().get("departmentIds").toString()).isEqualTo("[" + mine + "," + theirs + "]");
        assertThat(repeated.json().get("departmentIds").toString()).isEqualTo("[" + mine + "," + theirs + "]");
        // leaving the supervisor's department is allowed; the other department stays
        assertThat(released.json().get("departmentIds").toString()).isEqualTo("[" + theirs + "]");
        assertThat(session.get("/api/users/" + shared.id()).status()).isEqualTo(404);
    }

    @Test
    void membersOfAnInactivatedDepartmentCanStillBeEdited() {
        long department = accounts.department();
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var agent = accounts.create(Role.AGENT, department);
        admin.post("/api/departments/" + department + "/inactivate", null);

        var edited = admin.put("/api/users/" + agent.id(), profile("AGENT", department));
        var joined = admin.put("/api/departments/" + department + "/members", Map.of("userIds", List.of(agent.id())));
        var newcomer = admin.post("/api/users", newUser("late-" + department, "AGENT", department));

        assertThat(edited.status()).isEqualTo(200);
        assertThat(joined.code()).isEqualTo("department.inactive");
        assertThat(newcomer.code()).isEqualTo("department.unknown");
    }

    @Test
    void departmentsAreCreatedStaffedAndInactivatedWithAnAuditTrail() {
        var admin = accounts.create(Role.ADMINISTRATOR);
        var agent = accounts.create(Role.AGENT);
        var session = ApiSession.signedIn(port, admin.login(), TestAccounts.PASSWORD);

        var created = session.post("/api/departments", Map.of("name", "Recuperación " + agent.id(), "description", "Mora > 90 días"));
        long id = created.json().get("id").asLong();
        var duplicate = session.post("/api/departments", Map.of("name", "  recuperación " + agent.id() + " "));
        var staffed = session.put("/api/departments/" + id + "/members", Map.of("userIds", List.of(agent.id())));
        var inactivated = session.post("/api/departments/" + id + "/inactivate", null);

        assertThat(created.status()).isEqualTo(201);
        assertThat(duplicate.code()).isEqualTo("department.name_taken");
        assertThat(staffed.json().get("memberIds").toString()).isEqualTo("[" + agent.id() + "]");
        assertThat(inactivated.json().get("active").asBoolean()).isFalse();
        var actions = session.get("/api/audit?actor=" + admin.login()).json().get("items").findValuesAsString("action");
        assertThat(actions).contains("department.created", "department.members.changed", "department.inactivated");
        var agentView = ApiSession.signedIn(port, agent.login(), TestAccounts.PASSWORD).get("/api/departments").json();
        assertThat(agentView.findValuesAsString("name")).containsExactly("Recuperación " + agent.id());
    }

    private static Map<String, Object> newUser(String login, String role, long... departments) {
        return Map.of("login", login, "displayName", "Name of " + login, "role", role, "language", "es",
                "departmentIds", departments, "password", "temporary-pass-1");
    }

    private static Map<String, Object> profile(String role, long... departments) {
        return Map.of("displayName", "Edited", "role", role, "language", "en", "departmentIds", departments);
    }

    private static <T> T awaitThen(CyclicBarrier barrier, java.util.function.Supplier<T> action) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return action.get();
    }
}
