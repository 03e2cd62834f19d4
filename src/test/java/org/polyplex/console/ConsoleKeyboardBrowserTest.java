package org.polyplex.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.polyplex.testsupport.AdminApi;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The console with the keyboard alone, in a real browser: log in without a pointer, skip to the
 * content, reach a page of the main navigation by Tab and Enter, and see where the focus is.
 */
@QuarkusTest
@Tag("browser")
class ConsoleKeyboardBrowserTest {

    private static final int MAX_TABS = 40;
    private static ConsoleBrowser browser;

    @TestHTTPResource("/")
    URL root;

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void shouldLogInAndMoveAroundWithTheKeyboardAlone() {
        browser = ConsoleBrowser.open(root.toString());
        browser.go("/");
        browser.waitForTitle("Polyplex");
        // the login form has the focus on arrival: type, Tab to the password, Enter submits
        WebElement username = active();
        assertThat(username.getAttribute("id")).isEqualTo("username");
        username.sendKeys("admin", Keys.TAB);
        assertThat(active().getAttribute("id")).isEqualTo("password");
        active().sendKeys(AdminApi.ADMIN_PASSWORD, Keys.ENTER);
        browser.waitForTitle("Dashboard");

        // the first Tab of a page lands on "Skip to content", which moves past the navigation
        browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        WebElement skip = active();
        assertThat(skip.getText()).isEqualTo("Skip to content");
        assertThat(skip.getCssValue("outline-style")).isNotEqualTo("none");
        skip.sendKeys(Keys.ENTER);
        assertThat(browser.driver.getCurrentUrl()).endsWith("#main");

        // from the top again, Tab reaches the Lines link of the navigation, with a visible focus ring
        browser.go("/");
        browser.waitForTitle("Dashboard");
        WebElement lines = tabTo("Lines");
        assertThat(lines.getCssValue("outline-style")).isEqualTo("solid");
        lines.sendKeys(Keys.ENTER);
        browser.waitForTitle("Lines");
    }

    private static WebElement active() {
        return browser.driver.switchTo().activeElement();
    }

    /** Presses Tab until the focused element shows {@code text}: that element. */
    private static WebElement tabTo(String text) {
        for (int i = 0; i < MAX_TABS; i++) {
            active().sendKeys(Keys.TAB);
            if (text.equals(active().getText().trim())) {
                return active();
            }
        }
        throw new AssertionError("no element showing '" + text + "' within " + MAX_TABS + " Tab presses");
    }
}
