package org.polyplex.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.polyplex.testsupport.AdminApi;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * The camera and restream pages in a real browser (headless Chromium): a camera with its
 * placeholder picture; a destination and a restream made in the console, started (the state
 * block refreshes itself away from idle), then "Stop everything" pressed and confirmed. Saves
 * {@code cameras.png}, {@code restream.png} and {@code restreams.png}.
 */
@QuarkusTest
@Tag("browser")
class ConsoleRestreamBrowserTest {

    private static final String KEY = "sk-browser-secret-2024";

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
    void shouldStartARestreamAndStopEverything() {
        browser = ConsoleBrowser.open(root.toString());
        browser.driver.manage().window().setSize(new Dimension(1280, 900));
        browser.login("admin", AdminApi.ADMIN_PASSWORD);
        browser.waitForTitle("Dashboard");

        browser.find(By.linkText("Cameras")).click();
        browser.waitForTitle("Cameras");
        browser.type("camera-name", AdminApi.unique("Gate"));
        browser.type("camera-url", "rtsp://127.0.0.1:9/stream");
        browser.click("add-camera");
        browser.waitForText(By.id("notice"), "Camera created");
        browser.screenshot("cameras");

        browser.go("/console/destinations");
        browser.waitForTitle("Destinations");
        browser.click("add-destination");
        assertThat(browser.byId("dname-error").getText()).contains("must not be blank");
        String name = AdminApi.unique("Local");
        browser.type("destination-name", name);
        browser.type("destination-url", "rtmp://127.0.0.1:9/app");
        browser.type("destination-key", KEY);
        browser.click("add-destination");
        browser.waitForText(By.id("notice"), "Destination created");
        assertThat(browser.byId("destinations").getText()).contains(name, "key set");
        assertThat(browser.driver.getPageSource()).doesNotContain(KEY);

        long channel = AdminApi.createChannel("Restreamed", "http://127.0.0.1:9/never.ts");
        browser.find(By.linkText("Restreams")).click();
        browser.waitForTitle("Restreams");
        browser.type("restream-channel", Long.toString(channel));
        browser.driver.findElement(By.xpath("//label[contains(., '" + name + "')]/input")).click();
        browser.click("add-restream");
        browser.waitForText(By.id("notice"), "Restream created");
        browser.waitForText(By.id("restream-state"), "idle");
        browser.click("start");
        browser.waitForText(By.id("notice"), "Started");
        browser.waitForText(By.id("restream-state"), "starting");
        browser.waitForText(By.id("targets"), name);
        browser.screenshot("restream");

        browser.find(By.linkText("All restreams")).click();
        browser.waitForTitle("Restreams");
        browser.clickAndConfirm(By.id("stop-all"));
        browser.waitForText(By.id("notice"), "Stopped everything: 1");
        browser.screenshot("restreams");
        assertThat(browser.driver.getPageSource()).doesNotContain(KEY);
    }
}
