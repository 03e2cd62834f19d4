package org.polyplex.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium driven through chromedriver, for a test class. The browser and
 * driver are the Debian packages {@code chromium} and {@code chromium-driver} ({@code .ci/run}
 * installs them); nothing is downloaded. Without them a developer's run skips the browser tests
 * with a message, and CI ({@code CI=true}) fails.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("docs/console");

    final WebDriver driver;
    private final String base;
    private final WebDriverWait wait;

    private ConsoleBrowser(WebDriver driver, String base) {
        this.driver = driver;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    static ConsoleBrowser open(String base) {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must run the console's browser tests: install chromium and chromium-driver");
        }
        Assumptions.assumeTrue(present, "browser tests skipped: no " + CHROMIUM + " or " + DRIVER
                + " (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--lang=en-US", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ConsoleBrowser(new ChromeDriver(service, options), base);
    }

    void go(String path) {
        driver.get(base + path);
    }

    void reload() {
        driver.navigate().refresh();
    }

    WebElement find(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement byId(String id) {
        return find(By.id(id));
    }

    void type(String id, String text) {
        WebElement field = byId(id);
        field.clear();
        field.sendKeys(text);
    }

    void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    /**
     * Clicks a button whose form asks for confirmation, and accepts it. A page that refreshes a
     * table by itself may replace the button between finding and clicking it: then the new one is
     * clicked.
     */
    void clickAndConfirm(By by) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(by).click();
            return true;
        });
        wait.until(ExpectedConditions.alertIsPresent()).accept();
    }

    void waitForTitle(String part) {
        wait.until(ExpectedConditions.titleContains(part));
    }

    void waitForText(By by, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    void login(String username, String password) {
        go("/");
        type("username", username);
        type("password", password);
        click("login");
    }

    /** Saves what the browser shows as {@code docs/console/NAME.png}. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            assertThat(Files.size(SCREENSHOTS.resolve(name + ".png"))).isPositive();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
