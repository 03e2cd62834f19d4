package org.polyplex.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;

import org.polyplex.testsupport.AdminApi;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console in a real browser (headless Chromium), one browser for the class: refusals at the
 * login, then an admin's round through the pages, saving screenshots to {@code docs/console/}.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static ConsoleBrowser browser;

    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void openBrowser() {
        if (browser == null) {
            browser = ConsoleBrowser.open(root.toString());
        }
        browser.driver.manage().deleteAllCookies();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    @Order(1)
    void shouldRefuseAWrongPassword() {
        browser.login("admin", "not-the-password");
        assertThat(browser.byId("login-error").getText()).contains("Invalid username or password");
        browser.screenshot("login");
        assertThat(browser.driver.manage().getCookieNamed("polyplex_console")).isNull();
    }

    @Test
    @Order(2)
    void shouldRefuseASubscriber() {
        String username = AdminApi.unique("sub");
        AdminApi.create("/api/users", Map.of("username", username, "password", "sub-pass"));
        browser.login(username, "sub-pass");
        assertThat(browser.byId("login-error").getText()).contains("not an admin");
    }

    @Test
    @Order(3)
    void shouldCreateALineAndShowItsPlaylistUrl() {
        browser.login("admin", AdminApi.ADMIN_PASSWORD);
        browser.waitForTitle("Dashboard");
        assertThat(browser.driver.manage().getCookieNamed("polyplex_console").isHttpOnly()).isTrue();
        browser.screenshot("dashboard");

        browser.go("/console/lines");
        browser.click("new-line");
        browser.waitForTitle("New line");
        browser.type("username", "bad name");
        browser.type("password", "pw");
        browser.click("save");
        // the API's own messages, next to their fields
        assertThat(browser.byId("username-error").getText()).contains("may contain only letters");
        assertThat(browser.byId("password-error").getText()).contains("size must be between 4 and 128");

        String username = AdminApi.unique("line");
        browser.type("username", username);
        browser.type("password", "line-pass-1");
        browser.type("maxConnections", "2");
        browser.click("save");
        browser.waitForTitle(username);
        WebElement m3u = browser.byId("acc-m3u");
        assertThat(m3u.getAttribute("value"))
                .contains("/get.php?username=" + username + "&password=line-pass-1&type=m3u_plus&output=ts");
        assertThat(browser.byId("acc-xmltv").getAttribute("value")).contains("/xmltv.php?username=" + username);
        browser.screenshot("line");

        browser.reload();
        assertThat(browser.byId("acc-m3u").getAttribute("value")).as("the password is shown once")
                .contains("password=PASSWORD");

        browser.clickAndConfirm(By.id("disable"));
        browser.waitForText(By.id("notice"), "disabled");
        browser.go("/console/lines?q=" + username);
        browser.waitForText(By.cssSelector("tbody"), "disabled");
        browser.screenshot("lines");
    }
}
