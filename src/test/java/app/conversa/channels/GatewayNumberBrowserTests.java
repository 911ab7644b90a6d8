package app.conversa.channels;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.Chromium;
import app.conversa.IntegrationTest;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A QR-linked number, as an administrator and a phone live it in Chromium: configure the gateway,
 * add "Número 2", scan its QR from the sandbox phone, exchange messages, lose the phone's network
 * and see it turn red with an alert and come back, unlink the phone and link it again with a new QR.
 */
@IntegrationTest
class GatewayNumberBrowserTests {

    private static final LocatorAssertions.IsVisibleOptions SOON = new LocatorAssertions.IsVisibleOptions().setTimeout(20000);
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
    void anAdministratorLinksANumberByQrTalksThroughItAndSeesItDropAndComeBack() {
        var admin = accounts.create(Role.ADMINISTRATOR);
        String businessNumber = "5939" + (20_000_000 + ThreadLocalRandom.current().nextInt(9_999_999));
        String customer = "5939" + (30_000_000 + ThreadLocalRandom.current().nextInt(9_999_999));
        int suffix = ThreadLocalRandom.current().nextInt(1000, 9999);
        String name = "Número 2 " + suffix;

        var team = chromium.newPage("en-US", 1280, 860, consoleErrors);
        team.navigate(url("/login"));
        team.getByLabel("Username").fill(admin.login());
        team.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestAccounts.PASSWORD);
        team.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        team.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Connections")).click();

        // the gateway: its address and key; Conversa's own address is suggested
        team.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Gateway").setExact(true)).click();
        var gatewayDialog = team.getByRole(AriaRole.DIALOG);
        gatewayDialog.getByLabel("Gateway address").fill("http://127.0.0.1:" + port + "/sandbox/evolution");
        gatewayDialog.getByLabel("Global API key").fill("wrong-key");
        // another test class of this shared context may have configured the gateway already: then its address is shown
        var gatewaySettings = app.conversa.ApiSession.signedIn(port, admin.login(), TestAccounts.PASSWORD)
                .get("/api/connections/gateway").json();
        assertThat(gatewaySettings.get("suggestedCallbackBaseUrl").asString()).isEqualTo(url(""));
        assertThat(gatewayDialog.getByLabel("Conversa's address as the gateway reaches it")).hasValue(
                gatewaySettings.path("callbackBaseUrl").isString() ? gatewaySettings.get("callbackBaseUrl").asString() : url(""));
        gatewayDialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
        assertThat(gatewayDialog.getByText("The gateway refused the API key")).isVisible();
        gatewayDialog.getByLabel("Global API key").fill("sandbox-evolution-key");
        gatewayDialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
        assertThat(team.getByText("Gateway saved.")).isVisible();

        // a new number: its QR, refreshed until a phone scans it
        team.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New QR number")).click();
        team.getByRole(AriaRole.DIALOG).getByLabel("Name").fill(name);
        team.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create and show QR")).click();
        var qrDialog = team.getByRole(AriaRole.DIALOG);
        assertThat(qrDialog.getByRole(AriaRole.IMG, new Locator.GetByRoleOptions().setName("QR code to link the number"))).isVisible(SOON);
        Chromium.screenshot(team, "gateway-1-qr");

        var phone = chromium.newPage("en-US", 480, 1000, consoleErrors);
        phone.navigate(url("/phone"));
        var numberSelect = phone.getByLabel("Business number");
        // the gateway knows the number by its instance, named after the connection
        String option = (String) numberSelect.locator("option",
                new Locator.LocatorOptions().setHasText("conversa-numero-2-" + suffix + "-")).evaluate("o => o.value");
        numberSelect.selectOption(option);
        assertThat(phone.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("QR code to link the number"))).isVisible(SOON);
        phone.getByLabel("This phone's number (digits, with country code)").fill(businessNumber);
        phone.getByLabel("WhatsApp profile name").fill("Cobranzas Acme");
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Scan with this phone")).click();

        assertThat(qrDialog.getByText(name + " is linked and working.")).isVisible(SOON);
        qrDialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close")).click();
        var row = team.locator("tr").filter(new Locator.FilterOptions().setHasText(name));
        assertThat(row.locator("[data-link-state=CONNECTED]")).isVisible(SOON);
        assertThat(row).containsText("+" + businessNumber);
        Chromium.screenshot(team, "gateway-2-linked");

        // a customer writes to it; the chat comes into the same inbox, marked with the number
        phone.getByLabel("Customer name").fill("Ana Ruiz");
        phone.getByLabel("Customer number (digits only, with country code)").fill(customer);
        phone.getByPlaceholder("Message").fill("Hola, ¿cuánto debo?");
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        team.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Chats")).click();
        var chatRow = team.locator(".chat-row").filter(new Locator.FilterOptions().setHasText("Ana Ruiz"));
        assertThat(chatRow).isVisible(SOON);
        assertThat(chatRow).containsText(name);
        chatRow.click();
        team.getByPlaceholder("Write a message").fill("Buenos días Ana, son $120.");
        team.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        assertThat(phone.locator(".bubble-in").filter(new Locator.FilterOptions().setHasText("son $120"))).isVisible(SOON);
        assertThat(team.locator(".bubble-out [data-status=READ]")).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(20000));
        Chromium.screenshot(team, "gateway-3-conversation");

        // the phone loses its network: red with an alert once the gateway's reconnecting lasts, then back
        team.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Connections")).click();
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Drop connection")).click();
        assertThat(team.getByText("WhatsApp number disconnected")).isVisible(SOON);
        assertThat(row.locator("[data-link-state=DISCONNECTED]")).isVisible(SOON);
        Chromium.screenshot(team, "gateway-4-dropped-alert");
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Phone back online")).click();
        assertThat(row.locator("[data-link-state=CONNECTED]")).isVisible(SOON);

        // the phone unlinks the session: only a new QR brings it back
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Unlink phone")).click();
        assertThat(row.locator("[data-link-state=LOGGED_OUT]")).isVisible(SOON);
        assertThat(team.getByText(name + " was logged out. Scan a new QR code to link it again.")).isVisible(SOON);
        Chromium.screenshot(team, "gateway-5-logged-out");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reconnect")).click();
        assertThat(team.getByRole(AriaRole.DIALOG).getByRole(AriaRole.IMG,
                new Locator.GetByRoleOptions().setName("QR code to link the number"))).isVisible(SOON);
        assertThat(phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Scan with this phone"))).isVisible(SOON);
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Scan with this phone")).click();
        assertThat(team.getByRole(AriaRole.DIALOG).getByText(name + " is linked and working.")).isVisible(SOON);
        team.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close")).click();
        assertThat(row.locator("[data-link-state=CONNECTED]")).isVisible(SOON);

        // the one refused request is the wrong key typed on purpose; nothing else may fail
        assertThat(consoleErrors).as("browser console errors")
                .containsExactly("Failed to load resource: the server responded with a status of 422 ()");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
