package app.conversa.contacts;

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
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * In Chromium: a supervisor creates a client with two contacts (phones typed in two formats),
 * finds them by a run of phone digits, and sees the client's balance beside the chat the first
 * contact opens on WhatsApp. Screenshots: target/screenshots/contacts-*.png.
 */
@IntegrationTest
class ContactsBrowserTests {

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
    void aClientWithTwoContactsIsFoundByPartialPhoneAndShownBesideItsChat() {
        long department = accounts.department();
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var supervisor = accounts.create(Role.SUPERVISOR, department);
        var agent = accounts.create(Role.AGENT, department);
        var line = lines.link(admin, port, department, null);
        String first = "099" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        String second = "098" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);

        var page = chromium.newPage("en-US", 1280, 800, consoleErrors);
        page.navigate(url("/login"));
        page.getByLabel("Username").fill(supervisor.login());
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestAccounts.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Contacts")).click();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New client")).click();
        var dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("Holder name").fill("Patricia Guamán");
        dialog.getByLabel("Document id").fill("0102030405");
        dialog.getByLabel("Balance").fill("1250.50");
        dialog.getByLabel("Days overdue").fill("45");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Patricia Guamán"))).isVisible();
        assertThat(page.getByTestId("client-balance")).hasText("$1,250.50");

        addContact(page, "Patricia Guamán", first.substring(0, 3) + " " + first.substring(3, 6) + " " + first.substring(6));
        addContact(page, "Jorge Guamán", "+593 " + second.substring(1));
        assertThat(page.getByTestId("client-contacts").locator("li")).hasCount(2);
        screenshot(page, "contacts-1-client-with-two-contacts");

        // a number that is no number gets a clear message at the phone field
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add contact")).click();
        dialog.getByLabel("Name").fill("Nadie");
        dialog.getByLabel("Phone").fill("12345");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
        assertThat(dialog.locator(".field-error")).containsText("is not a valid phone number");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel")).click();

        page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Contacts")).click();
        page.getByLabel("Search").fill(first.substring(3, 9));
        assertThat(page.locator("[data-contact-id]")).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(5000));
        assertThat(page.locator("[data-contact-id]")).containsText("+593" + first.substring(1));
        page.getByLabel("Search").fill("guaman");
        assertThat(page.locator("[data-contact-id]")).hasCount(2, new LocatorAssertions.HasCountOptions().setTimeout(5000));
        screenshot(page, "contacts-2-found-by-name");

        // import: a preview first (nothing written), the problem rows listed, then the import itself
        String imported = "099" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        byte[] csv = ("name,phone,client_name\nSilvia Guamán," + imported + ",Patricia Guamán\nSin número,123,\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import CSV")).click();
        page.getByTestId("import-file").setInputFiles(new com.microsoft.playwright.options.FilePayload("nuevos.csv", "text/csv", csv));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Preview")).click();
        assertThat(page.getByTestId("import-summary")).hasText("Preview: 1 new, 0 updated, 0 unchanged, 1 with problems (skipped).");
        assertThat(page.getByRole(AriaRole.DIALOG).locator("tbody tr")).containsText("is not a valid phone number");
        screenshot(page, "contacts-2b-import-preview");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import 1 row")).click();
        assertThat(page.getByTestId("import-summary")).hasText("Imported: 1 new, 0 updated, 0 unchanged, 1 with problems (skipped).");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Done")).click();
        assertThat(page.locator("[data-contact-id]")).hasCount(3, new LocatorAssertions.HasCountOptions().setTimeout(5000));

        // the first contact writes on WhatsApp: the chat is theirs, and its panel shows the client's figures
        phone.write(line.phoneNumberId(), "593" + first.substring(1), "Pati", "Buenos días, quiero pagar");
        long chatId = Eventually.await("the chat", () -> jdbc.sql("select id from chats where connection_id = ?")
                .param(line.connectionId()).query(Long.class).optional(), Optional::isPresent).get();
        page.navigate(url("/inbox/" + chatId));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("👤 Contact")).click();
        var panel = page.locator(".contact-panel");
        assertThat(panel).containsText("Patricia Guamán");
        assertThat(panel.getByTestId("client-balance")).hasText("$1,250.50");
        screenshot(page, "contacts-3-chat-contact-panel");

        // the supervisor gives the contact to an agent of the department, then filters the list by that agent
        page.locator(".contact-panel h3 a").first().click();
        page.locator(".card").getByLabel("Assigned to").selectOption(String.valueOf(agent.id()));
        assertThat(page.locator(".facts").first()).containsText("Test agent", new LocatorAssertions.ContainsTextOptions().setTimeout(5000));
        page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Contacts")).click();
        page.locator(".toolbar").getByLabel("Assigned to").selectOption(String.valueOf(agent.id()));
        assertThat(page.locator("[data-contact-id]")).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(5000));
        assertThat(page.locator("[data-contact-id]")).containsText("Patricia Guamán");

        // the agent: their contact and its client, read-only; the relative's contact is not theirs
        long clientId = jdbc.sql("select client_id from contacts where phone = ?").param("+593" + first.substring(1))
                .query(Long.class).single();
        long relativeId = jdbc.sql("select id from contacts where phone = ?").param("+593" + second.substring(1))
                .query(Long.class).single();
        var agentPage = chromium.newPage("en-US", 1024, 768, consoleErrors);
        agentPage.navigate(url("/login"));
        agentPage.getByLabel("Username").fill(agent.login());
        agentPage.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestAccounts.PASSWORD);
        agentPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        agentPage.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Contacts")).click();
        assertThat(agentPage.locator("[data-contact-id]")).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(5000));
        agentPage.navigate(url("/clients/" + clientId));
        assertThat(agentPage.getByTestId("client-balance")).hasText("$1,250.50");
        assertThat(agentPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit"))).hasCount(0);
        agentPage.navigate(url("/contacts/" + relativeId));
        assertThat(agentPage.getByText("does not exist")).isVisible();
        screenshot(agentPage, "contacts-6-agent-out-of-scope");
        assertThat(consoleErrors).as("browser console errors: the bad phone's 400 and the agent's 404")
                .hasSize(2).anyMatch(e -> e.contains("400")).anyMatch(e -> e.contains("404"));
    }

    @Test
    void anAdministratorCreatesAnApiTokenUsesItAndRevokesIt() {
        var admin = accounts.create(Role.ADMINISTRATOR);
        var page = chromium.newPage("en-US", 1280, 800, consoleErrors);
        page.navigate(url("/login"));
        page.getByLabel("Username").fill(admin.login());
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestAccounts.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("My account")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New token")).click();
        var dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("Name").fill("ERP");
        dialog.getByLabel("Read contacts").check();
        dialog.getByLabel("View all contacts").check();
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create token")).click();
        String secret = dialog.getByTestId("token-secret").inputValue();
        assertThat(secret).startsWith("cva_");
        screenshot(page, "tokens-1-created-shown-once");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Done")).click();

        var erp = ApiSession.bearer(port, secret);
        assertThat(erp.get("/api/contacts").status()).isEqualTo(200);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke")).click();
        assertThat(page.getByText("Revoked")).isVisible();
        assertThat(erp.get("/api/contacts").status()).isEqualTo(401);
        screenshot(page, "tokens-2-revoked");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void anAdministratorAddsAClientFieldThatFormsAndDetailsShow() {
        var admin = accounts.create(Role.ADMINISTRATOR);
        String key = "producto_" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        var page = chromium.newPage("en-US", 1280, 800, consoleErrors);
        page.navigate(url("/login"));
        page.getByLabel("Username").fill(admin.login());
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestAccounts.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Contacts")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Client fields")).click();
        var dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("Label").fill("Producto " + key.substring(9));
        dialog.getByLabel("Key").fill(key);
        dialog.getByLabel("Type").selectOption("LIST");
        dialog.getByLabel("Options").fill("Tarjeta, Préstamo");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add field")).click();
        assertThat(dialog.locator("tbody")).containsText(key);
        screenshot(page, "contacts-4-client-fields");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Done")).click();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New client")).click();
        dialog.getByLabel("Holder name").fill("Esteban Loor");
        dialog.getByLabel("Producto " + key.substring(9)).selectOption("Préstamo");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Esteban Loor"))).isVisible();
        assertThat(page.locator(".facts")).containsText("Producto " + key.substring(9) + "Préstamo");
        screenshot(page, "contacts-5-client-with-field");
        assertThat(consoleErrors).isEmpty();
    }

    private static void addContact(Page page, String name, String typedPhone) {
        int before = page.getByTestId("client-contacts").locator("li a").count();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add contact")).click();
        var dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("Name").fill(name);
        dialog.getByLabel("Phone").fill(typedPhone);
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
        assertThat(page.getByTestId("client-contacts").locator("li a")).hasCount(before + 1);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void screenshot(Page page, String name) {
        Chromium.screenshot(page, name);
    }
}
