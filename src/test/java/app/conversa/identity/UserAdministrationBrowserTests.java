package app.conversa.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.Chromium;
import app.conversa.IntegrationTest;
import app.conversa.TestAccounts;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The web app in the system Chromium: an administrator creates a user, the user signs in, replaces
 * the temporary password and sees only what the Agent role allows. Screenshots: target/screenshots.
 */
@IntegrationTest
class UserAdministrationBrowserTests {

    private static Chromium chromium;

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
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
    void anAdministratorCreatesAnAgentWhoSeesOnlyWhatTheRoleAllows() {
        var admin = accounts.create(Role.ADMINISTRATOR);
        long department = accounts.department();
        String departmentName = jdbc.sql("select name from departments where id = ?").param(department)
                .query(String.class).single();
        String login = "browser-" + UUID.randomUUID().toString().substring(0, 6);
        var page = newPage("en-US");

        signIn(page, admin.login(), TestAccounts.PASSWORD);
        assertThat(navigationItems(page)).containsExactly("Home", "Chats", "Contacts", "Connections", "Users", "Roles & permissions",
                "Departments", "Audit log", "Critical events", "My account");
        screenshot(page, "admin-home");

        page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Users")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New user")).click();
        var dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("Display name").fill("Valeria Cobos");
        dialog.getByLabel("Username").fill(login);
        dialog.getByLabel("Role").selectOption("AGENT");
        dialog.getByLabel("Language").selectOption("en");
        dialog.getByLabel(departmentName).check();
        dialog.getByLabel("Temporary password").fill("temporary-pass-1");
        screenshot(page, "admin-new-user-dialog");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create user")).click();
        assertThat(page.getByRole(AriaRole.TABLE)).containsText("Valeria Cobos");
        screenshot(page, "admin-users");
        page.setViewportSize(820, 1180);
        assertThat(page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Users"))).isVisible();
        screenshot(page, "admin-users-tablet");
        page.setViewportSize(1280, 800);

        page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Roles & permissions")).click();
        assertThat(page.getByRole(AriaRole.TABLE)).containsText("Manage users");
        assertThat(page.getByRole(AriaRole.TABLE)).containsText("Read chats");
        assertThat(page.getByRole(AriaRole.TABLE)).containsText("Read contacts");
        screenshot(page, "admin-roles");
        page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Audit log")).click();
        assertThat(page.getByRole(AriaRole.TABLE)).containsText(login);
        screenshot(page, "admin-audit");
        ApiSession.signedIn(port, accounts.create(Role.AGENT).login(), TestAccounts.PASSWORD).get("/api/roles");
        page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Critical events")).click();
        assertThat(page.getByRole(AriaRole.TABLE)).containsText("Access refused");
        screenshot(page, "admin-critical-events");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
        signIn(page, login, "temporary-pass-1");
        page.getByLabel("Current password").fill("temporary-pass-1");
        page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill("my-own-secret-77");
        page.getByLabel("Confirm new password").fill("my-own-secret-77");
        screenshot(page, "agent-forced-password-change");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
        assertThat(page.getByText("Your password was changed. Please log in again.")).isVisible();

        signIn(page, login, "my-own-secret-77");
        assertThat(page.getByTestId("current-user-name")).hasText("Valeria Cobos");
        assertThat(navigationItems(page)).containsExactly("Home", "Chats", "Contacts", "My account");
        screenshot(page, "agent-home");
        page.navigate(url("/users"));
        assertThat(page.getByText("Your role does not have permission to see this section.")).isVisible();
        assertThat(consoleErrors).as("browser console errors (CSP violations show here)").isEmpty();
    }

    @Test
    void anAdministratorShapesDepartmentsPermissionsAndUsersAndFindsEveryStepInTheAuditLog() {
        var admin = accounts.create(Role.ADMINISTRATOR);
        var agent = accounts.create(Role.AGENT);
        var api = ApiSession.signedIn(port, admin.login(), TestAccounts.PASSWORD);
        var supervisorPermissions = api.get("/api/roles").json().get("roles").get(1).get("permissions");
        String department = "Cobranzas Norte " + agent.id();
        var page = newPage("en-US");
        signIn(page, admin.login(), TestAccounts.PASSWORD);
        try {
            go(page, "Departments");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New department")).click();
            page.getByRole(AriaRole.DIALOG).getByLabel("Name").fill(department);
            page.getByRole(AriaRole.DIALOG).getByLabel("Description").fill("Cartera de 30 a 90 días");
            page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create department")).click();
            assertThat(page.getByRole(AriaRole.TABLE)).containsText(department);
            screenshot(page, "admin-departments");

            go(page, "Roles & permissions");
            page.getByLabel("View audit log — Supervisor").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save changes")).click();
            assertThat(page.getByText("Permissions saved.")).isVisible();
            assertThat(page.getByLabel("Manage users — Agent")).isDisabled();

            go(page, "Users");
            var row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(agent.login()));
            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Inactivate")).click();
            assertThat(page.getByRole(AriaRole.DIALOG)).containsText("All their sessions end");
            screenshot(page, "admin-inactivate-user-dialog");
            page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Inactivate")).click();
            assertThat(row).containsText("Inactive");

            go(page, "Audit log");
            var log = page.getByRole(AriaRole.TABLE);
            assertThat(log).containsText("Department created");
            assertThat(log).containsText("Role permissions changed");
            assertThat(log).containsText("User inactivated");
            screenshot(page, "admin-audit-after-changes");
            assertThat(consoleErrors).isEmpty();
        } finally {
            var restore = new ArrayList<String>();
            supervisorPermissions.forEach(code -> restore.add(code.asString()));
            api.put("/api/roles/SUPERVISOR/permissions", java.util.Map.of("permissions", restore));
        }
    }

    @Test
    void anAdministratorFindsTheWebhookUrlToPasteIntoMeta() {
        var admin = accounts.create(Role.ADMINISTRATOR);
        var connection = new java.util.HashMap<String, Object>(java.util.Map.of("name", "Cobranzas oficial " + admin.id(),
                "displayNumber", "+593 99 123 4567", "phoneNumberId", Long.toString(700_000_000_000L + admin.id()),
                "wabaId", "102290129340398", "accessToken", "EAAG-browser", "appSecret", "browser-secret",
                "verifyToken", "browser-verify"));
        long id = ApiSession.signedIn(port, admin.login(), TestAccounts.PASSWORD).post("/api/connections", connection)
                .json().get("id").asLong();
        var page = newPage("es-EC");

        page.navigate(url("/login"));
        page.getByLabel("Usuario").fill(admin.login());
        page.getByLabel("Contraseña", new Page.GetByLabelOptions().setExact(true)).fill(TestAccounts.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ingresar")).click();
        go(page, "Connections"); // signed in, the UI speaks the user's saved language (English)
        var row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("Cobranzas oficial " + admin.id()));
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Webhook")).click();

        assertThat(page.locator("input[readonly]").first()).hasValue(url("/webhooks/cloudapi/" + id));
        assertThat(page.getByRole(AriaRole.TABLE)).not().containsText("EAAG-browser");
        screenshot(page, "admin-connections");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New Cloud API number")).click();
        assertThat(page.getByRole(AriaRole.DIALOG).getByLabel("Access token")).hasAttribute("type", "password");
        screenshot(page, "admin-new-connection-dialog");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void theSignInPageSpeaksSpanishToASpanishBrowser() {
        var page = newPage("es-EC");
        page.navigate(url("/login"));

        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ingresar"))).isVisible();
        assertThat(page.locator("html")).hasAttribute("lang", "es");
        page.getByLabel("Usuario").fill("nadie");
        page.getByLabel("Contraseña", new Page.GetByLabelOptions().setExact(true)).fill("incorrecta-123");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ingresar")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("Usuario o contraseña incorrectos.");
        screenshot(page, "login-es-wrong-password");
        jdbc.sql("delete from login_failures").update();
    }

    private Page newPage(String locale) {
        return chromium.newPage(locale, 1280, 800, consoleErrors);
    }

    private void signIn(Page page, String login, String password) {
        if (!page.url().endsWith("/login")) {
            page.navigate(url("/login"));
        }
        page.getByLabel("Username").fill(login);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
    }

    private static void go(Page page, String menuItem) {
        page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(menuItem)).click();
    }

    private static List<String> navigationItems(Page page) {
        var links = page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK);
        links.first().waitFor();
        return links.allInnerTexts().stream().map(String::strip).toList();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void screenshot(Page page, String name) {
        Chromium.screenshot(page, name);
    }
}
