package app.conversa.shared;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.Chromium;
import app.conversa.IntegrationTest;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Swagger UI in the system Chromium: signed out, it sends the visitor to the sign-in page, which
 * comes back to it; there the API description loads, calls can be tried with the session, and
 * "Authorize" offers the API token scheme, under the app's strict CSP.
 */
@IntegrationTest
class ApiDescriptionBrowserTests {

    private static Chromium chromium;

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;

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
    void swaggerUiSignedOutSignsInFirstThenTriesCallsWithTheSession() {
        var agent = accounts.create(Role.AGENT);
        Page page = chromium.newPage("en-US", 1280, 900, consoleErrors);

        page.navigate("http://localhost:" + port + "/swagger-ui.html");
        assertThat(page).hasURL(Pattern.compile("/login\\?next="));
        page.getByLabel("Username").fill(agent.login());
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestAccounts.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();

        assertThat(page).hasURL(Pattern.compile("/swagger-ui/index.html$"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(Pattern.compile("Conversa API"))))
                .isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(60_000)); // a 1.5 MB bundle
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Authorize"))).isVisible();
        var language = page.locator("#operations-My_account-changeLanguage");
        language.locator(".opblock-summary").click();
        language.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Try it out")).click();
        language.locator("textarea").fill("{\"language\": \"es\"}");
        language.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Execute")).click();
        assertThat(language.locator(".live-responses-table tbody td.response-col_status").first()).hasText("200");
        Chromium.screenshot(page, "swagger-ui");
        // Swagger UI applies an inline style the strict CSP refuses (cosmetic, the CSP stays as it is); nothing else may fail
        assertThat(consoleErrors.stream().filter(error -> !error.startsWith("Applying inline style violates")))
                .as("browser console errors (CSP violations show here)").isEmpty();
    }
}
