package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver, so that nothing is downloaded at run time
 * (.ci/run installs both when missing). One browser, one person: its own storage, its own connection.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(20);
    /**
     * Selenium warns once per browser that it has no DevTools bindings for this Chromium's version; the tests use
     * WebDriver only. Held here, since java.util.logging keeps loggers only weakly.
     */
    private static final Logger DEVTOOLS = quiet("org.openqa.selenium.devtools");

    private final ChromeDriver driver;

    private static Logger quiet(String name) {
        var logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    static Browser open() {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser tests need Debian's chromium and chromium-driver: apt-get install chromium "
                        + "chromium-driver (bash .ci/run installs them)");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        var options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900");
        return new Browser(new ChromeDriver(service, options));
    }

    void get(String url) {
        driver.get(url);
    }

    /** Opens the chat page and enters as this name, then waits until the page says it is connected. */
    void enterChat(String base, String name, String token) {
        get(base + "/");
        element("username").sendKeys(name);
        if (token != null) {
            element("token").sendKeys(token);
        }
        element("login").submit();
        awaitText("state", "open");
    }

    WebElement element(String id) {
        return driver.findElement(By.id(id));
    }

    /** The text of every element the selector finds, read in one go, so that a page changing meanwhile is no matter. */
    @SuppressWarnings("unchecked")
    List<String> texts(String cssSelector) {
        return (List<String>) script("return Array.from(document.querySelectorAll(arguments[0]), e => e.textContent)",
                cssSelector);
    }

    void type(String id, String text) {
        element(id).sendKeys(text);
        element(id).submit();
    }

    /** Clicks the first element the selector finds, once there is one; again if the page redrew it meanwhile. */
    void click(String cssSelector) {
        await(browser -> {
            var found = driver.findElements(By.cssSelector(cssSelector));
            if (found.isEmpty()) {
                return false;
            }
            try {
                found.getFirst().click();
                return true;
            } catch (StaleElementReferenceException redrawn) {
                return false;
            }
        }, cssSelector + " to click");
    }

    void awaitText(String id, String text) {
        await(browser -> element(id).getText().equals(text), "#" + id + " to read '" + text + "'");
    }

    <T> T await(Function<Browser, T> condition, String what) {
        return new WebDriverWait(driver, WAIT).withMessage("waited for " + what).until(ignored -> {
            var value = condition.apply(this);
            return value instanceof Boolean done && !done ? null : value;
        });
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Runs an async script: its last argument is the callback that ends it. */
    Object asyncScript(String script, Object... arguments) {
        driver.manage().timeouts().scriptTimeout(WAIT);
        return ((JavascriptExecutor) driver).executeAsyncScript(script, arguments);
    }

    /** What the page shows, for the docs: target/screenshots/NAME.png. */
    void screenshot(String name) throws IOException {
        var folder = Files.createDirectories(Path.of("target", "screenshots"));
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), folder.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
