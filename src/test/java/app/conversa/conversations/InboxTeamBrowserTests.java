package app.conversa.conversations;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.Chromium;
import app.conversa.Eventually;
import app.conversa.IntegrationTest;
import app.conversa.SandboxLines;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import app.conversa.sandbox.SandboxPhone;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A team at work in four browsers at once (administrator, supervisor, two agents of the same
 * department): a customer writes, the supervisor and the administrator see the new chat appear
 * and are alerted, the supervisor finds it among the unassigned chats and gives it to one agent,
 * who is alerted, sees it appear, and answers; the other agent never sees it. Then the agent's
 * speed-of-use: search by shortcut, drafts kept per chat, closing with Alt+C. Screenshots:
 * target/screenshots/team-*.png.
 */
@IntegrationTest
class InboxTeamBrowserTests {

    private static final LocatorAssertions.IsVisibleOptions SOON = new LocatorAssertions.IsVisibleOptions().setTimeout(5000);
    private static Chromium chromium;

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

    private final List<String> consoleErrors = new ArrayList<>();

    @BeforeAll
    static void launchChromium() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void closeChromium() {
        chromium.close();
    }

    @Test
    void theSupervisorAssignsANewChatAndOnlyThatAgentSeesItAndAnswers() {
        long department = accounts.department();
        var adminAccount = accounts.create(Role.ADMINISTRATOR);
        var admin = ApiSession.signedIn(port, adminAccount.login(), TestAccounts.PASSWORD);
        var supervisorAccount = accounts.create(Role.SUPERVISOR, department);
        var chosen = accounts.create(Role.AGENT, department);
        var other = accounts.create(Role.AGENT, department);
        var line = lines.link(admin, port, department, null);

        var adminPage = signIn(adminAccount.login(), 1280);
        var supervisorPage = signIn(supervisorAccount.login(), 1280);
        var chosenPage = signIn(chosen.login(), 1024); // a tablet in landscape
        var otherPage = signIn(other.login(), 1280);
        assertThat(chosenPage.getByText("No chats yet")).isVisible();

        String customer = "5939" + (10_000_000 + new java.util.Random().nextInt(89_999_999));
        phone.write(line.phoneNumberId(), customer, "Gabriela Núñez", "Hola, quiero pagar mi deuda en cuotas");
        long chatId = Eventually.await("the chat", () -> jdbc.sql("select id from chats where connection_id = ?")
                .param(line.connectionId()).query(Long.class).optional(), Optional::isPresent).get();

        // the supervisor and the administrator see it arrive, and are told a new chat waits
        for (var page : List.of(supervisorPage, adminPage)) {
            assertThat(row(page, "Gabriela Núñez")).isVisible(SOON);
            assertThat(page.locator(".toast").filter(new Locator.FilterOptions().setHasText("New chat waiting"))).isVisible(SOON);
        }
        screenshot(supervisorPage, "team-1-supervisor-new-chat");

        // the supervisor narrows the list to unassigned chats (kept in the URL) and assigns it
        supervisorPage.getByLabel("Whose chats").selectOption("UNASSIGNED");
        assertThat(supervisorPage).hasURL(Pattern.compile(".*scope=UNASSIGNED.*"));
        row(supervisorPage, "Gabriela Núñez").click();
        supervisorPage.getByLabel("Assigned to").selectOption(String.valueOf(chosen.id()));
        assertThat(row(supervisorPage, "Gabriela Núñez")).isHidden(new LocatorAssertions.IsHiddenOptions().setTimeout(5000));
        assertThat(supervisorPage.getByText("No chat matches these filters.")).isVisible();
        assertThat(supervisorPage.locator(".chat-panel h2")).hasText("Gabriela Núñez");

        // the chosen agent is alerted and sees it appear, with its pending count
        assertThat(chosenPage.locator(".toast").filter(new Locator.FilterOptions().setHasText("Chat assigned to you"))).isVisible(SOON);
        assertThat(row(chosenPage, "Gabriela Núñez")).isVisible(SOON);
        assertThat(chosenPage.getByTestId("pending-total")).hasText("1");
        screenshot(chosenPage, "team-2-agent-alerted");
        row(chosenPage, "Gabriela Núñez").click();
        chosenPage.getByPlaceholder("Write a message").fill("Hola Gabriela, con gusto le ofrezco un convenio en 3 cuotas.");
        chosenPage.keyboard().press("Enter");
        assertThat(chosenPage.locator(".bubble-out").last()).containsText("convenio en 3 cuotas");
        assertThat(chosenPage.getByTestId("pending-total")).isHidden(new LocatorAssertions.IsHiddenOptions().setTimeout(5000));

        // the supervisor (who has the chat open) and the administrator see the answer live
        assertThat(supervisorPage.locator(".bubble-out").last()).containsText("convenio en 3 cuotas",
                new LocatorAssertions.ContainsTextOptions().setTimeout(5000));
        assertThat(row(adminPage, "Gabriela Núñez")).containsText("convenio en 3 cuotas",
                new LocatorAssertions.ContainsTextOptions().setTimeout(5000));
        screenshot(supervisorPage, "team-3-supervisor-sees-answer");

        // the other agent of the same department never saw any of it
        assertThat(otherPage.getByText("No chats yet")).isVisible();
        assertThat(otherPage.locator(".chat-row")).hasCount(0);
        assertThat(otherPage.locator(".toast")).hasCount(0);
        otherPage.navigate(url("/inbox/" + chatId));
        assertThat(otherPage.getByText("does not exist")).isVisible(SOON);
        assertThat(consoleErrors).as("only that refusal so far").singleElement().asString().contains("404");
        consoleErrors.clear();
        screenshot(otherPage, "team-4-other-agent-sees-nothing");

        // speed of use: a second chat, search by shortcut, a draft kept per chat, close with Alt+C
        phone.write(line.phoneNumberId(), "5939" + (10_000_000 + new java.util.Random().nextInt(89_999_999)),
                "Héctor Ramírez", "Buenas tardes");
        long second = Eventually.await("the second chat", () -> jdbc.sql("select id from chats where connection_id = ? and id <> ?")
                .params(line.connectionId(), chatId).query(Long.class).optional(), Optional::isPresent).get();
        admin.post("/api/chats/" + second + "/assignment", Map.of("userId", chosen.id()));
        assertThat(row(chosenPage, "Héctor Ramírez")).isVisible(SOON);
        chosenPage.getByPlaceholder("Write a message").fill("Le escribo en un momento");
        chosenPage.keyboard().press("Alt+ArrowDown");
        assertThat(chosenPage.locator(".chat-panel h2")).hasText("Héctor Ramírez");
        assertThat(chosenPage.getByPlaceholder("Write a message")).hasValue("");
        chosenPage.keyboard().press("Alt+ArrowUp");
        assertThat(chosenPage.locator(".chat-panel h2")).hasText("Gabriela Núñez");
        assertThat(chosenPage.getByPlaceholder("Write a message")).hasValue("Le escribo en un momento"); // the draft waited
        chosenPage.locator("body").click(new Locator.ClickOptions().setPosition(5, 5));
        chosenPage.keyboard().press("/");
        assertThat(chosenPage.getByLabel("Search chats")).isFocused();
        chosenPage.keyboard().type("ramirez");
        assertThat(chosenPage.locator(".chat-row")).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(5000));
        assertThat(chosenPage).hasURL(Pattern.compile(".*q=ramirez.*"));
        row(chosenPage, "Héctor Ramírez").click();
        assertThat(chosenPage.locator(".chat-panel h2")).hasText("Héctor Ramírez"); // the shortcut acts on the open chat
        chosenPage.keyboard().press("Alt+c");
        chosenPage.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close chat")).click();
        assertThat(chosenPage.getByTestId("chat-state")).hasText("Closed", new LocatorAssertions.HasTextOptions().setTimeout(5000));
        assertThat(chosenPage.getByRole(AriaRole.DIALOG)).isHidden();
        // closing cleared the last pending reply: the badge goes
        assertThat(chosenPage.getByTestId("pending-total")).isHidden(new LocatorAssertions.IsHiddenOptions().setTimeout(5000));
        screenshot(chosenPage, "team-5-agent-closed-by-shortcut");
        assertThat(admin.get("/api/chats/" + second).json().get("state").asString()).isEqualTo("CLOSED");
        assertThat(consoleErrors).as("browser console errors").isEmpty();
    }

    private Locator row(Page page, String name) {
        return page.locator(".chat-row").filter(new Locator.FilterOptions().setHasText(name));
    }

    private Page signIn(String login, int width) {
        var page = chromium.newPage("en-US", width, 800, consoleErrors);
        page.navigate(url("/login"));
        page.getByLabel("Username").fill(login);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestAccounts.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Chats")).click();
        assertThat(page.getByLabel("Search chats")).isVisible();
        return page;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void screenshot(Page page, String name) {
        Chromium.screenshot(page, name);
    }
}
