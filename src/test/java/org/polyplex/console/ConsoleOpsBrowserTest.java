package org.polyplex.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;

import org.polyplex.epg.EpgTestSupport;
import org.polyplex.scraping.StubHttp;
import org.polyplex.testsupport.AdminApi;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.Select;

/**
 * The console's operations pages in a real browser (headless Chromium): the dashboard's health,
 * a scraper source created and run from the console, a guide import followed while it runs, and
 * a suggested guide accepted on the EPG mapping page. Saves screenshots to {@code docs/console/}.
 */
@QuarkusTest
@Tag("browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleOpsBrowserTest {

    private static ConsoleBrowser browser;

    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void openBrowser() {
        if (browser == null) {
            browser = ConsoleBrowser.open(root.toString());
        }
        browser.driver.manage().deleteAllCookies();
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
    @Order(1)
    void shouldShowTheHealthOnTheDashboard() {
        assertThat(browser.byId("health-database").getText()).contains("OK").contains("answering");
        assertThat(browser.byId("health-upstreams").getText()).contains("up,");
        assertThat(browser.byId("health-engine").getText()).contains("AceStream is off");
        assertThat(browser.byId("health-disk").getText()).contains("free of");
        browser.screenshot("health");
    }

    @Test
    @Order(2)
    void shouldCreateAScraperSourceAndRunItNow() {
        String tag = EpgTestSupport.tag();
        try (StubHttp lists = new StubHttp()) {
            lists.serve("/list.m3u", "audio/x-mpegurl", "#EXTM3U\n#EXTINF:-1 group-title=\"News " + tag + "\",Scraped "
                    + tag + " One\nhttp://upstream.example/" + tag + "/1.ts\n#EXTINF:-1 group-title=\"News " + tag
                    + "\",Scraped " + tag + " Two\nhttp://upstream.example/" + tag + "/2.ts\n");
            browser.go("/console/sources");
            browser.click("new-scraper");
            browser.waitForTitle("New scraper source");
            browser.type("url", lists.url("/list.m3u"));
            new Select(browser.byId("type")).selectByVisibleText("m3u");
            browser.type("intervalMinutes", "0");
            browser.click("save");
            // the API's own message, next to its field
            assertThat(browser.byId("intervalMinutes-error").getText()).contains("must be greater than or equal to 1");

            browser.type("intervalMinutes", "120");
            browser.click("save");
            browser.waitForText(By.id("notice"), "The source is created");
            assertThat(browser.byId("runs").getText()).contains("Never run");
            browser.click("run-now");
            browser.waitForText(By.id("notice"), "The run has finished");
            assertThat(browser.byId("runs").getText()).contains("success").contains("2 found, 2 added");
            browser.screenshot("scraper-source");

            browser.go("/console/sources");
            browser.waitForText(By.id("scrapers"), "2 found, 2 added");
            browser.screenshot("sources");
        }
        assertThat(AdminApi.asAdmin().queryParam("q", "Scraped " + tag).get("/api/channels").then().statusCode(200)
                .extract().jsonPath().getList("$")).hasSize(2);
    }

    @Test
    @Order(3)
    void shouldFollowAGuideImportWhileItRuns() throws Exception {
        String tag = EpgTestSupport.tag();
        try (SlowGuide guide = new SlowGuide()) {
            browser.go("/console/sources");
            browser.click("new-guide");
            browser.waitForTitle("New guide source");
            browser.type("url", guide.url(tag));
            browser.click("save");
            browser.waitForText(By.id("notice"), "guide source is created");
            browser.click("run-now");
            browser.waitForText(By.id("progress"), "Importing now");
            browser.waitForText(By.id("progress-programmes"), Integer.toString(SlowGuide.FIRST));
            browser.screenshot("guide-import");
            guide.release();
            // the box polls by itself until the import has ended
            browser.waitForText(By.id("progress"), "No import is running");
            browser.reload();
            browser.waitForText(By.id("runs"), "6 programmes");
        }
    }

    @Test
    @Order(4)
    void shouldAcceptASuggestedGuideOnTheEpgMappingPage() {
        String tag = EpgTestSupport.tag();
        long source = EpgTestSupport.createSource(EpgTestSupport.write("mapping-" + tag + ".xml",
                EpgTestSupport.liveGuide(tag, Instant.now())));
        assertThat(EpgTestSupport.run(source).getString("status")).isEqualTo("success");
        long channel = EpgTestSupport.createChannel("UK: Live " + tag + " FHD", null);

        browser.go("/console/sources");
        browser.click("epg-mapping");
        browser.waitForTitle("EPG mapping");
        browser.type("q", tag);
        browser.driver.findElement(By.id("q")).submit();
        By row = By.cssSelector("tr.unmatched[data-channel='" + channel + "']");
        browser.waitForText(row, "live-" + tag);
        assertThat(browser.find(row).getText()).contains("Live " + tag).contains("100");
        browser.screenshot("epg-mapping");
        browser.find(By.cssSelector("tr.unmatched[data-channel='" + channel + "'] button.accept")).click();
        browser.waitForText(By.id("notice"), "The guide is set");
        assertThat(browser.driver.findElements(row)).isEmpty();
        assertThat(AdminApi.asAdmin().get("/api/channels/" + channel).then().extract().jsonPath().getString("epgId"))
                .isEqualTo("live-" + tag);
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(AdminApi.asAdmin()
                .get("/api/epg/channels/" + channel + "/listings?limit=2").then().extract().jsonPath()
                .getList("epg_listings")).isNotEmpty());
    }

    @Test
    @Order(5)
    void shouldFitTheSourcesPageOnAPhone() {
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        try {
            browser.go("/console/sources");
            browser.waitForTitle("Sources");
            assertThat(browser.byId("new-scraper").isDisplayed()).isTrue();
            browser.screenshot("sources-phone");
        } finally {
            browser.driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }
}
