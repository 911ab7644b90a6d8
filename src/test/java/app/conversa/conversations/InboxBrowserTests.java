package app.conversa.conversations;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.Chromium;
import app.conversa.IntegrationTest;
import app.conversa.SandboxLines;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole story in Chromium: a customer writes from the sandbox phone page (text, photo, PDF,
 * voice note recorded with the browser's microphone); the chat appears in the inbox without a
 * reload; the team member answers with text, an image, a PDF and a recorded voice note; the phone
 * shows them and the ticks go to read. Screenshots: target/screenshots/story-*.png.
 */
@IntegrationTest
class InboxBrowserTests {

    private static final byte[] PNG = picture();
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static Chromium chromium;

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    SandboxLines lines;

    private final List<String> consoleErrors = new ArrayList<>();

    @BeforeAll
    static void launchChromium() {
        // a microphone that plays a tone, allowed without a prompt: voice notes can be recorded
        chromium = Chromium.launch("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream");
    }

    @AfterAll
    static void closeChromium() {
        chromium.close();
    }

    @Test
    void aCustomerAndATeamMemberTalkWithTextPhotosDocumentsAndVoiceNotes() {
        long department = accounts.department();
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var supervisor = accounts.create(Role.SUPERVISOR, department);
        var agent = accounts.create(Role.AGENT, department);
        var line = lines.link(admin, port, department, "¡Hola! Gracias por escribir. Un asesor le atenderá en breve.");
        String customer = "5939" + (10_000_000 + new java.util.Random().nextInt(89_999_999));

        var team = newPage(1280, 800);
        team.navigate(url("/login"));
        team.getByLabel("Username").fill(supervisor.login());
        team.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestAccounts.PASSWORD);
        team.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        team.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Chats")).click();
        assertThat(team.getByText("No chats yet")).isVisible();

        var phone = newPage(480, 900);
        phone.navigate(url("/phone"));
        phone.getByLabel("Business number").selectOption(line.phoneNumberId());
        phone.getByLabel("Customer name").fill("Rosa Quishpe");
        phone.getByLabel("Customer number (digits only, with country code)").fill(customer);
        phone.getByPlaceholder("Message").fill("Hola, ¿cuánto debo? 😀");
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();

        // the chat arrives in the open inbox by itself (no reload)
        var row = team.locator(".chat-row").filter(new Locator.FilterOptions().setHasText("Rosa Quishpe"));
        assertThat(row).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(3000));
        screenshot(team, "story-1-chat-arrives");

        phone.getByTestId("phone-attach-input").setInputFiles(new FilePayload("comprobante.png", "image/png", PNG));
        phone.getByTestId("phone-attach-input").setInputFiles(new FilePayload("estado.pdf", "application/pdf", PDF));
        recordVoiceNote(phone);
        assertThat(phone.locator(".bubble-out[data-kind=audio]")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(10000));
        screenshot(phone, "story-2-phone-wrote");

        row.click();
        var messages = team.locator(".message-list");
        assertThat(messages.locator("[data-kind=TEXT]").filter(new Locator.FilterOptions().setHasText("cuánto debo"))).isVisible();
        assertThat(messages.locator("[data-kind=IMAGE] img")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(10000));
        assertThat(messages.locator("[data-kind=DOCUMENT] .bubble-file")).containsText("📄 estado.pdf",
                new LocatorAssertions.ContainsTextOptions().setTimeout(10000));
        assertThat(messages.locator("[data-kind=DOCUMENT]").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Open")))
                .hasAttribute("href", java.util.regex.Pattern.compile("/api/media/\\d+"));
        assertThat(messages.locator("[data-kind=AUDIO] audio")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(10000));
        assertThat(messages.locator(".bubble-out").first()).containsText("Un asesor le atenderá");
        screenshot(team, "story-3-inbox-received");

        team.getByPlaceholder("Write a message").fill("Buenos días Rosa, su saldo es $120,50.");
        team.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        // the text is stored before the files are attached: requests in flight together may arrive in any order
        assertThat(messages.locator(".bubble-out").filter(new Locator.FilterOptions().setHasText("su saldo es"))).isVisible();
        team.getByTestId("attach-input").setInputFiles(new FilePayload("recibo.png", "image/png", PNG));
        team.getByTestId("attach-input").setInputFiles(new FilePayload("convenio.pdf", "application/pdf", PDF));
        recordVoiceNote(team);

        var replies = messages.locator(".bubble-out[data-kind]");
        assertThat(replies).hasCount(5, new LocatorAssertions.HasCountOptions().setTimeout(10000)); // welcome + 4 replies
        assertThat(team.locator(".bubble-out [data-status=READ]")).hasCount(5, new LocatorAssertions.HasCountOptions().setTimeout(15000));
        screenshot(team, "story-4-ticks-read");

        var onPhone = phone.locator(".bubble-in");
        assertThat(onPhone).hasCount(5, new LocatorAssertions.HasCountOptions().setTimeout(10000));
        // the two attachments were posted at once, so they may arrive in either order
        assertThat(onPhone.nth(1)).containsText("su saldo es $120,50");
        assertThat(onPhone.locator("img")).isVisible();
        assertThat(onPhone.locator("a")).containsText("convenio.pdf");
        assertThat(onPhone.nth(4)).containsText("Voice note");
        assertThat(phone.locator(".bubble-out [data-status=read]")).hasCount(4, new LocatorAssertions.HasCountOptions().setTimeout(10000));
        screenshot(phone, "story-5-phone-replies");

        team.getByLabel("Private note").check();
        team.getByPlaceholder("Private note: only your team sees it, it is never sent").fill("Prometió pagar el viernes");
        team.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save note")).click();
        assertThat(messages.locator(".bubble-note")).containsText("Prometió pagar el viernes");
        screenshot(team, "story-6-private-note");
        // a chat's messages go out in order: once a later message is on the phone, the note would be too
        team.getByLabel("Private note").uncheck();
        team.getByPlaceholder("Write a message").fill("Hasta pronto");
        team.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        assertThat(phone.locator(".bubble-in").last()).containsText("Hasta pronto");
        assertThat(phone.locator(".bubble-in")).hasCount(6);
        assertThat(phone.locator(".bubble-in").filter(new Locator.FilterOptions().setHasText("Prometió"))).hasCount(0);

        // the supervisor gives the chat to an agent, whose open inbox shows it without a reload
        var agentPage = newPage(1280, 800);
        agentPage.navigate(url("/login"));
        agentPage.getByLabel("Username").fill(agent.login());
        agentPage.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestAccounts.PASSWORD);
        agentPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        agentPage.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Chats")).click();
        assertThat(agentPage.getByText("No chats yet")).isVisible();
        team.getByLabel("Assigned to").selectOption(String.valueOf(agent.id()));
        assertThat(agentPage.locator(".chat-row").filter(new Locator.FilterOptions().setHasText("Rosa Quishpe")))
                .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(3000));
        screenshot(team, "story-7-assigned");
        screenshot(agentPage, "story-8-agent-sees-assigned-chat");
        assertThat(consoleErrors).as("browser console errors (CSP violations show here)").isEmpty();
    }

    /** Records about a second from the fake microphone (a tone), counted from when recording really started. */
    private static void recordVoiceNote(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record audio")).click();
        var stop = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Stop and send"));
        assertThat(stop).isVisible();
        page.waitForTimeout(1200); // the length of the recording, not a wait for a condition
        stop.click();
    }

    /** A small picture, like a photographed receipt. */
    private static byte[] picture() {
        var image = new java.awt.image.BufferedImage(160, 100, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(new java.awt.Color(0x1f9d55));
        graphics.fillRect(0, 0, 160, 100);
        graphics.setColor(java.awt.Color.WHITE);
        graphics.drawString("RECIBO $120,50", 20, 55);
        graphics.dispose();
        var bytes = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", bytes);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private Page newPage(int width, int height) {
        return chromium.newPage("en-US", width, height, consoleErrors);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void screenshot(Page page, String name) {
        Chromium.screenshot(page, name);
    }
}
