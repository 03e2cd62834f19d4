package org.polyplex.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.polyplex.testsupport.AdminApi;
import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.vertx.core.Vertx;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The catalog pages in a real browser (headless Chromium), one browser for the class: bouquets
 * made and given to a line, channels disabled in bulk, sources dragged into a new order, and
 * "test now" against a local upstream; screenshots go to {@code docs/console/}.
 */
@QuarkusTest
@Tag("browser")
class ConsoleCatalogBrowserTest {

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
    void shouldMakeABouquetAndGiveItToALine() {
        String group = AdminApi.unique("News");
        long category = AdminApi.create("/api/categories", Map.of("name", group, "kind", "live"));
        String single = AdminApi.unique("Weather");
        long channel = AdminApi.createChannel(single, "http://upstream.example/weather.ts");
        single = AdminApi.asAdmin().get("/api/channels/" + channel).jsonPath().getString("name");

        browser.go("/console/bouquets");
        browser.click("add-bouquet");
        assertThat(browser.byId("name-error").getText()).contains("must not be blank");
        String name = AdminApi.unique("Basic");
        browser.type("bouquet-name", name);
        browser.click("add-bouquet");
        browser.waitForText(By.id("notice"), "created");

        browser.click("category-" + category);
        browser.click("save");
        browser.waitForText(By.id("notice"), "Saved");
        assertThat(browser.byId("category-" + category).isSelected()).isTrue();
        browser.type("cq", single);
        browser.click("find-channels");
        browser.click("add-" + channel);
        browser.click("add-channels");
        browser.waitForText(By.id("notice"), "added");
        browser.waitForText(By.id("members"), single);
        browser.screenshot("bouquet");
        long bouquet = Long.parseLong(browser.driver.getCurrentUrl().replaceAll(".*/console/bouquets/(\\d+).*", "$1"));
        assertThat(AdminApi.asAdmin().get("/api/bouquets/" + bouquet).jsonPath().getList("categoryIds", Long.class))
                .containsExactly(category);

        String line = AdminApi.unique("family");
        long user = AdminApi.create("/api/users", Map.of("username", line, "password", "family-pass"));
        browser.go("/console/lines/" + user);
        browser.click("bouquet-" + bouquet);
        browser.click("save");
        browser.waitForText(By.id("notice"), "Saved");
        assertThat(browser.byId("bouquet-" + bouquet).isSelected()).isTrue();
        assertThat(AdminApi.asAdmin().get("/api/users/" + user).jsonPath().getList("bouquetIds", Long.class))
                .containsExactly(bouquet);

        browser.go("/console/bouquets?q=" + name);
        browser.waitForText(By.cssSelector("tbody"), name);
        browser.screenshot("bouquets");
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.go("/console/bouquets/" + bouquet);
        browser.waitForTitle(name);
        browser.screenshot("bouquet-phone");
    }

    @Test
    void shouldDisableTheCheckedChannelsOfAPage() {
        String prefix = AdminApi.unique("Bulk");
        long a = AdminApi.createChannel(prefix, "http://upstream.example/bulk-a.ts");
        long b = AdminApi.createChannel(prefix, "http://upstream.example/bulk-b.ts");
        long kept = AdminApi.createChannel(prefix, "http://upstream.example/bulk-c.ts");
        browser.go("/console/channels?q=" + prefix);
        browser.click("check-all");
        browser.click("check-" + kept);
        browser.clickAndConfirm(By.id("bulk-disable"));
        browser.waitForText(By.id("notice"), "disabled");
        assertThat(enabled(a)).isFalse();
        assertThat(enabled(b)).isFalse();
        assertThat(enabled(kept)).isTrue();
        assertThat(browser.driver.getCurrentUrl()).contains("q=" + prefix);
        browser.screenshot("channels-bulk");

        browser.click("check-" + a);
        browser.click("bulk-enable");
        browser.waitForText(By.id("notice"), "enabled");
        assertThat(enabled(a)).isTrue();
    }

    @Test
    void shouldReorderTheSourcesByButtonAndByDragging() {
        long id = AdminApi.create("/api/channels", Map.of("name", AdminApi.unique("Failover"), "sources", List.of(
                Map.of("url", "http://one.example/1.ts"), Map.of("url", "http://two.example/2.ts"),
                Map.of("url", "http://three.example/3.ts"))));
        browser.go("/console/channels/" + id);
        browser.click("source-0-down");
        browser.waitForText(By.id("notice"), "reordered");
        assertThat(sourceUrls()).containsExactly("http://two.example/2.ts", "http://one.example/1.ts",
                "http://three.example/3.ts");

        // drag the last source onto the first: the page posts the new order by itself
        browser.go("/console/channels/" + id);
        List<WebElement> items = browser.driver.findElements(By.cssSelector("#sources li[data-index]"));
        assertThat(items.get(2).getAttribute("draggable")).isEqualTo("true");
        ((JavascriptExecutor) browser.driver).executeScript("""
                const [from, to] = arguments;
                const data = new DataTransfer();
                from.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: data}));
                to.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: data}));
                to.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: data}));
                """, items.get(2), items.get(0));
        browser.waitForText(By.id("notice"), "reordered");
        assertThat(sourceUrls()).containsExactly("http://three.example/3.ts", "http://two.example/2.ts",
                "http://one.example/1.ts");
        assertThat(AdminApi.asAdmin().get("/api/channels/" + id).jsonPath().getList("sources.url", String.class))
                .containsExactly("http://three.example/3.ts", "http://two.example/2.ts", "http://one.example/1.ts");
    }

    @Test
    void shouldTestASourceNowAndShowItsCodecsOrItsErrorWithoutSecrets() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (TsServer upstream = new TsServer(vertx, 4_000_000).stream("probe", TsFixtures.read(TsFixtures.h264(4, 400)))
                .start()) {
            long id = AdminApi.create("/api/channels", Map.of("name", AdminApi.unique("Probe"), "sources", List.of(
                    Map.of("url", upstream.url("/live/probe")),
                    Map.of("url", upstream.url("/error") + "?username=alice&password=s3cret-pass"))));
            browser.go("/console/channels/" + id);
            browser.click("source-0-test");
            browser.waitForText(By.id("probe-0"), "Reachable");
            WebElement result = browser.byId("probe-0");
            assertThat(result.findElement(By.className("probe-container")).getText()).isEqualTo("mpegts");
            assertThat(result.findElement(By.className("probe-video")).getText()).isEqualTo("h264 320×240");
            assertThat(result.findElement(By.className("probe-audio")).getText()).isEqualTo("aac");
            assertThat(browser.driver.getCurrentUrl()).as("shown in place").endsWith("/console/channels/" + id);

            browser.click("source-1-test");
            browser.waitForText(By.id("probe-1"), "Not playable");
            assertThat(browser.byId("probe-1").getText()).contains("5XX").doesNotContain("s3cret-pass")
                    .doesNotContain("alice");
            browser.screenshot("source-test");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldListMoviesAndSeries() {
        String movie = AdminApi.unique("Arrival");
        AdminApi.create("/api/movies", Map.of("name", movie, "sourceUrl", "http://vod.example/arrival.mkv",
                "containerExtension", "mkv", "genre", "Science fiction", "releaseDate", "2016-11-11",
                "durationSeconds", 6960));
        String series = AdminApi.unique("Dark");
        AdminApi.create("/api/series", Map.of("name", series, "genre", "Mystery", "releaseDate", "2017-12-01",
                "rating", 8.7));
        browser.go("/console/movies?q=" + movie);
        browser.waitForText(By.id("movies"), "116 min");
        assertThat(browser.byId("movies").getText()).contains(movie, "Science fiction", "2016", "mkv");
        browser.screenshot("movies");
        browser.go("/console/series?q=" + series);
        browser.waitForText(By.id("series"), "Mystery");
        browser.click("theme-toggle");
        browser.screenshot("series-dark");
    }

    private static boolean enabled(long channel) {
        return AdminApi.asAdmin().get("/api/channels/" + channel).jsonPath().getBoolean("enabled");
    }

    private static List<String> sourceUrls() {
        return browser.driver.findElements(By.cssSelector("#sources .source-url")).stream().map(WebElement::getText)
                .toList();
    }
}
