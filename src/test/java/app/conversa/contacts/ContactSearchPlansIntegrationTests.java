package app.conversa.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.Eventually;
import app.conversa.IntegrationTest;
import app.conversa.SandboxLines;
import app.conversa.TestAccounts;
import app.conversa.contacts.ContactAdministration.Plan;
import app.conversa.identity.CurrentUser;
import app.conversa.identity.Role;
import app.conversa.identity.UserDirectory;
import app.conversa.sandbox.SandboxPhone;
import app.conversa.shared.CursorPage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Contact and client lists find a page in one of two ways (matches first from the trigram index,
 * or a walk in name order): both give the same pages, page after page, and neither shows anyone a
 * contact or client outside their scope (each way of being in scope: held by the user, held by a
 * colleague of a supervisor, created by the user, through a chat the user may see).
 */
@IntegrationTest
class ContactSearchPlansIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    SandboxLines lines;
    @Autowired
    SandboxPhone phone;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserDirectory users;
    @Autowired
    ContactAdministration contacts;
    @Autowired
    ClientAdministration clients;

    private static String mobile() {
        return "099" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    }

    /** A word no other test uses, so that searches for it see only this test's rows. */
    private static String token() {
        var word = new StringBuilder("zq");
        for (int i = 0; i < 8; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }

    private static Map<String, Object> contact(String name, String phone, Long clientId) {
        var body = new HashMap<String, Object>();
        body.put("displayName", name);
        body.put("phone", phone);
        body.put("clientId", clientId);
        return body;
    }

    @Test
    void bothPlansGiveTheSamePagesWithinEachUsersScope() {
        String token = token();
        long department = accounts.department();
        long otherDepartment = accounts.department();
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var supervisor = accounts.create(Role.SUPERVISOR, department);
        var agent = accounts.create(Role.AGENT, department);
        var otherSupervisor = accounts.create(Role.SUPERVISOR, otherDepartment);
        var otherAgent = accounts.create(Role.AGENT, otherDepartment);

        long clientOne = admin.post("/api/clients", Map.of("name", "Cliente " + token + " Uno")).json().get("id").asLong();
        long clientThree = admin.post("/api/clients", Map.of("name", "Cliente Tres")).json().get("id").asLong();
        var otherSupervisorSession = ApiSession.signedIn(port, otherSupervisor.login(), TestAccounts.PASSWORD);
        long clientTwo = otherSupervisorSession.post("/api/clients", Map.of("name", "Cliente " + token + " Dos")).json().get("id")
                .asLong();

        String heldPhone = mobile();
        long held = created(admin.post("/api/contacts", contact("Ana " + token + " Uno", heldPhone, clientOne)));
        assertThat(admin.post("/api/contacts/" + held + "/assignment", Map.of("userId", agent.id())).status()).isEqualTo(200);
        long heldElsewhere = created(admin.post("/api/contacts", contact("Ana " + token + " Dos", mobile(), null)));
        assertThat(admin.post("/api/contacts/" + heldElsewhere + "/assignment", Map.of("userId", otherAgent.id())).status())
                .isEqualTo(200);
        long createdByOther = created(otherSupervisorSession.post("/api/contacts", contact("Luis " + token + " Tres", mobile(), null)));
        String chatPhone = mobile();
        long throughChat = created(admin.post("/api/contacts", contact("Rocío " + token + " Cuatro", chatPhone, null)));
        long nobodys = created(admin.post("/api/contacts", contact("Luis " + token + " Cinco", mobile(), clientThree)));
        // a chat of the supervisor's department with the fourth contact
        var line = lines.link(admin, port, department, null);
        phone.write(line.phoneNumberId(), "593" + chatPhone.substring(1), "Rocío", "Buenas tardes");
        Eventually.await("the chat", () -> jdbc.sql("select contact_id from chats where connection_id = ?")
                .param(line.connectionId()).query(Long.class).optional(), Optional::isPresent);

        Map<String, Long> all = new LinkedHashMap<>();
        all.put("ana " + token + " uno", held);
        all.put("ana " + token + " dos", heldElsewhere);
        all.put("luis " + token + " tres", createdByOther);
        all.put("rocio " + token + " cuatro", throughChat);
        all.put("luis " + token + " cinco", nobodys);
        var seen = new LinkedHashMap<Long, Set<Long>>();
        seen.put(accounts.create(Role.ADMINISTRATOR).id(), Set.copyOf(all.values()));
        seen.put(supervisor.id(), Set.of(held, throughChat));
        seen.put(agent.id(), Set.of(held));
        seen.put(otherSupervisor.id(), Set.of(heldElsewhere, createdByOther));
        seen.put(otherAgent.id(), Set.of(heldElsewhere));
        // clients: by their own name, or by their contacts' names (client three only through its contact)
        var seenClients = new LinkedHashMap<Long, Set<Long>>();
        var userIds = new ArrayList<>(seen.keySet());
        seenClients.put(userIds.get(0), Set.of(clientOne, clientTwo, clientThree));
        seenClients.put(supervisor.id(), Set.of(clientOne));
        seenClients.put(agent.id(), Set.of(clientOne));
        seenClients.put(otherSupervisor.id(), Set.of(clientTwo));
        seenClients.put(otherAgent.id(), Set.of());

        var queries = List.of(token, "ANA " + token, token.substring(1, 6), "luis " + token.substring(2), token + " cuatro",
                "rocío " + token, "nadie " + token);
        for (var entry : seen.entrySet()) {
            CurrentUser user = users.currentUser(entry.getKey()).orElseThrow();
            for (String query : queries) {
                var words = List.of(ContactSearch.foldName(query).split(" "));
                var expected = all.entrySet().stream().filter(e -> entry.getValue().contains(e.getValue()))
                        .filter(e -> words.stream().allMatch(e.getKey()::contains))
                        .sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
                for (var plan : Plan.values()) {
                    assertThat(contactPages(user, query, plan)).as("%s, \"%s\", %s", user.login(), query, plan)
                            .isEqualTo(expected);
                }
                // chosen: with more matches than the limit, the walk
                assertThat(contactPages(user, query, Plan.CHOOSE, 1)).as("%s, \"%s\", over the limit", user.login(), query)
                        .isEqualTo(expected);
            }
            String digits = heldPhone.substring(1); // the national number without its 0: only this contact has it
            var byPhone = entry.getValue().contains(held) ? List.of(held) : List.<Long>of();
            for (var plan : Plan.values()) {
                assertThat(contactPages(user, digits, plan)).as("%s, phone digits, %s", user.login(), plan).isEqualTo(byPhone);
                assertThat(clientPages(user, token, plan)).as("%s, clients, %s", user.login(), plan)
                        .containsExactlyInAnyOrderElementsOf(seenClients.get(user.id()));
                assertThat(clientPages(user, token, plan, 1)).as("%s, clients, %s, over the limit", user.login(), plan)
                        .containsExactlyInAnyOrderElementsOf(seenClients.get(user.id()));
                assertThat(clientPages(user, "cliente " + token, plan)).as("%s, clients by name, %s", user.login(), plan)
                        .containsExactlyInAnyOrderElementsOf(seenClients.get(user.id()).stream()
                                .filter(id -> id != clientThree).toList());
                assertThat(clientPages(user, digits, plan)).as("%s, clients by a contact's phone, %s", user.login(), plan)
                        .isEqualTo(entry.getValue().contains(held) ? List.of(clientOne) : List.of());
            }
            for (long contactId : all.values()) {
                boolean visible = entry.getValue().contains(contactId);
                assertThat(found(() -> contacts.get(user, contactId))).as("%s reads contact %d", user.login(), contactId)
                        .isEqualTo(visible);
            }
            for (long clientId : List.of(clientOne, clientTwo, clientThree)) {
                assertThat(found(() -> clients.get(user, clientId))).as("%s reads client %d", user.login(), clientId)
                        .isEqualTo(seenClients.get(user.id()).contains(clientId));
            }
        }
    }

    private static long created(ApiSession.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    private static boolean found(Runnable read) {
        try {
            read.run();
            return true;
        } catch (app.conversa.shared.ConversaException e) {
            return false;
        }
    }

    /** Every page, two rows at a time, following the cursors. */
    private List<Long> contactPages(CurrentUser user, String query, Plan plan) {
        return contactPages(user, query, plan, ContactAdministration.FEW_MATCHES);
    }

    private List<Long> contactPages(CurrentUser user, String query, Plan plan, int fewMatches) {
        return pages(after -> contacts.list(user, new ContactAdministration.Filter(query, null, null, null), after, 2, plan,
                fewMatches), ContactRecords.ContactView::id);
    }

    private List<Long> clientPages(CurrentUser user, String query, Plan plan) {
        return clientPages(user, query, plan, ContactAdministration.FEW_MATCHES);
    }

    private List<Long> clientPages(CurrentUser user, String query, Plan plan, int fewMatches) {
        return pages(after -> clients.list(user, query, null, after, 2, plan, fewMatches), ContactRecords.ClientView::id);
    }

    private static <T> List<Long> pages(Function<String, CursorPage<T>> list, java.util.function.ToLongFunction<T> id) {
        var ids = new ArrayList<Long>();
        String after = null;
        do {
            var page = list.apply(after);
            page.items().forEach(item -> ids.add(id.applyAsLong(item)));
            after = page.nextCursor();
        } while (after != null && ids.size() < 100);
        return ids;
    }
}
