package app.conversa;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The system Chromium driven by Playwright for the browser tests (Playwright downloads no browser
 * of its own here). Pages record console errors, where CSP violations show; screenshots land in
 * target/screenshots.
 */
public final class Chromium implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(List<String> extraArguments) {
        var arguments = new ArrayList<>(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run"));
        arguments.addAll(extraArguments);
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of("/usr/bin/chromium")).setHeadless(true).setArgs(arguments));
    }

    public static Chromium launch(String... extraArguments) {
        return new Chromium(List.of(extraArguments));
    }

    /** A page in a fresh context (its own cookies), whose console errors (but 401s) go to {@code consoleErrors}. */
    public Page newPage(String locale, int width, int height, List<String> consoleErrors) {
        var context = browser.newContext(new Browser.NewContextOptions().setLocale(locale).setViewportSize(width, height));
        var page = context.newPage();
        page.onConsoleMessage(message -> {
            if (message.type().equals("error") && !message.text().contains("401")) {
                consoleErrors.add(message.text());
            }
        });
        return page;
    }

    public static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
