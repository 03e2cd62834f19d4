package org.polyplex.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.polyplex.testsupport.AdminApi;
import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.vertx.core.Vertx;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in a real browser (headless Chromium), one browser for the class: refusals at the
 * login, then an admin's round through the pages, saving screenshots to {@code docs/console/}.
 */
@QuarkusTest
@Tag("browser")
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

    @Test
    @Order(4)
    void shouldAddACategoryAndAChannelWithTwoSourcesAndReorderThem() {
        browser.login("admin", AdminApi.ADMIN_PASSWORD);
        browser.waitForTitle("Dashboard");
        String group = AdminApi.unique("Sports");
        browser.go("/console/categories");
        browser.type("category-name", group);
        browser.click("add-category");
        browser.waitForText(By.cssSelector("tbody"), group);
        browser.screenshot("categories");

        browser.go("/console/channels/new");
        String name = AdminApi.unique("Arena");
        browser.type("name", name);
        browser.type("number", "not a number");
        browser.type("sources", "http://upstream.example/one.ts\nftp://wrong.example/two");
        browser.click("save");
        assertThat(browser.byId("number-error").getText()).contains("must be a whole number");

        browser.type("number", "");
        browser.click("save");
        assertThat(browser.byId("sources-error").getText()).contains("sources[1].url")
                .contains("must be an http(s) URL, acestream://");

        browser.type("sources", "http://upstream.example/one.ts\nhttp://backup.example/two.m3u8");
        new Select(browser.byId("categoryId")).selectByVisibleText(group);
        browser.click("save");
        browser.waitForText(By.id("notice"), "created");
        assertThat(sourceUrls()).containsExactly("http://upstream.example/one.ts", "http://backup.example/two.m3u8");

        browser.click("source-0-down");
        browser.waitForText(By.id("notice"), "reordered");
        assertThat(sourceUrls()).containsExactly("http://backup.example/two.m3u8", "http://upstream.example/one.ts");
        browser.screenshot("channel");

        browser.go("/console/channels?q=" + name);
        browser.waitForText(By.cssSelector("tbody"), group);
        browser.screenshot("channels");
    }

    @Test
    @Order(5)
    void shouldShowAPlayingViewerOnTheLivePageAndKickIt() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (TsServer upstream = new TsServer(vertx, 2_000_000).stream("a", TsFixtures.read(TsFixtures.h264(4, 400)))
                .start()) {
            long channel = AdminApi.createChannel("Live", upstream.url("/live/a"));
            String viewer = AdminApi.unique("watcher");
            AdminApi.create("/api/users", Map.of("username", viewer, "password", "watch-pass"));
            HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    root.toURI().resolve("/live/" + viewer + "/watch-pass/" + channel + ".ts")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.statusCode()).isEqualTo(200);
            AtomicBoolean ended = new AtomicBoolean();
            Thread reader = new Thread(() -> drain(stream.body(), ended), "console-test-viewer");
            reader.setDaemon(true);
            reader.start();

            browser.login("admin", AdminApi.ADMIN_PASSWORD);
            browser.waitForTitle("Dashboard");
            browser.go("/console/live");
            // the page refreshes its tables by itself: the viewer shows up without a reload
            browser.waitForText(By.id("viewers"), viewer);
            browser.screenshot("live");
            browser.clickAndConfirm(By.cssSelector("tr.viewer[data-user='" + viewer + "'] button.kick"));
            browser.waitForText(By.id("notice"), "closed");
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilTrue(ended);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(6)
    void shouldLogOut() {
        browser.login("admin", AdminApi.ADMIN_PASSWORD);
        browser.waitForTitle("Dashboard");
        browser.click("logout");
        browser.waitForTitle("Log in");
        browser.go("/console/lines");
        browser.waitForTitle("Log in");
        assertThat(browser.driver.manage().getCookieNamed("polyplex_console")).isNull();
    }

    private static void drain(InputStream body, AtomicBoolean ended) {
        byte[] buffer = new byte[64 * 1024];
        try (body) {
            while (body.read(buffer) >= 0) {
                // a player reading the stream
            }
        } catch (IOException e) {
            // the server closed the connection
        } finally {
            ended.set(true);
        }
    }

    private static List<String> sourceUrls() {
        return browser.driver.findElements(By.cssSelector("#sources .source-url")).stream().map(WebElement::getText)
                .toList();
    }
}
