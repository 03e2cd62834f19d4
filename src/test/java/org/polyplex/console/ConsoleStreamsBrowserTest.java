package org.polyplex.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;

import org.polyplex.testsupport.AdminApi;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The streams pages in a real browser (headless Chromium): a stream made in the console, a key
 * shown once with its copy button and gone after a reload, revoked; a generation started and
 * stopped with the table following. Saves {@code streams.png} and {@code stream.png}.
 */
@QuarkusTest
@Tag("browser")
class ConsoleStreamsBrowserTest {

    private static ConsoleBrowser browser;

    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void openAndLogIn() {
        if (browser == null) {
            browser = ConsoleBrowser.open(root.toString());
        }
        browser.driver.manage().deleteAllCookies();
        browser.driver.manage().window().setSize(new Dimension(1280, 900));
        browser.login("admin", AdminApi.ADMIN_PASSWORD);
        browser.waitForTitle("Dashboard");
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void shouldShowANewKeyOnceAndStartAndStopTheStream() {
        browser.go("/");
        browser.find(By.linkText("Streams")).click();
        browser.waitForTitle("Streams");
        browser.click("add-stream");
        assertThat(browser.byId("name-error").getText()).contains("must not be blank");
        String name = AdminApi.unique("Studio");
        browser.type("stream-name", name);
        browser.click("add-stream");
        browser.waitForText(By.id("notice"), "Stream created");
        browser.waitForTitle(name);
        String page = browser.driver.getCurrentUrl().replaceAll("\\?.*", "");
        long id = Long.parseLong(page.replaceAll(".*/console/streams/(\\d+)$", "$1"));
        assertThat(browser.byId("watch").getAttribute("href")).endsWith("/watch/" + id);
        browser.waitForText(By.id("status-state"), "idle");

        browser.type("key-label", "obs laptop");
        browser.click("create-key");
        String key = browser.byId("new-key-value").getAttribute("value");
        assertThat(key).startsWith("pk_").hasSizeGreaterThan(40);
        assertThat(browser.byId("new-key-value").getAttribute("readonly")).isNotNull();
        assertThat(browser.byId("copy-key").getText()).isEqualTo("Copy");
        assertThat(browser.byId("new-key").getText()).contains("will not be shown again");
        browser.waitForText(By.id("key-table"), "obs laptop");
        ((JavascriptExecutor) browser.driver).executeScript("document.getElementById('obs').scrollIntoView();"
                // the docs' picture shows where the key appears, never a key (not even a test one)
                + "document.getElementById('new-key-value').value = 'pk_' + '\u2022'.repeat(43);");
        browser.screenshot("stream");

        browser.go("/console/streams/" + id);
        browser.waitForText(By.id("key-table"), "obs laptop");
        assertThat(browser.driver.findElements(By.id("new-key-value"))).isEmpty();
        assertThat(browser.driver.getPageSource()).doesNotContain(key);

        List<WebElement> revoke = browser.driver.findElements(By.cssSelector("button[id^=revoke-]"));
        assertThat(revoke).hasSize(1);
        browser.clickAndConfirm(By.id(revoke.get(0).getAttribute("id")));
        browser.waitForText(By.id("notice"), "revoked");
        browser.waitForText(By.id("key-table"), "No key");

        browser.click("start");
        browser.waitForText(By.id("notice"), "Started");
        browser.waitForText(By.id("generation-table"), "starting");
        browser.waitForText(By.id("status-state"), "starting");
        browser.clickAndConfirm(By.id("stop"));
        browser.waitForText(By.id("notice"), "Stopped");
        browser.waitForText(By.id("generation-table"), "stopped by an admin");
        assertThat(browser.byId("generation-table").getText()).contains("ended");
        browser.byId("start");
        assertThat(browser.driver.getPageSource()).doesNotContain(key);

        browser.go("/console/streams?q=" + name);
        browser.waitForText(By.id("streams"), name);
        assertThat(browser.byId("streams").getText()).contains("private", "ended");
        browser.screenshot("streams");
        browser.clickAndConfirm(By.id("delete-" + id));
        browser.waitForText(By.id("notice"), "deleted");
        assertThat(browser.byId("streams").getText()).doesNotContain(name);
    }
}
