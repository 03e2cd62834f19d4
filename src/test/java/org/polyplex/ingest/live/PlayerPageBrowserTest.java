package org.polyplex.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.unique;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.restassured.path.json.JsonPath;

/**
 * Headless Chromium opens the player page of a stream: "offline" while nobody publishes, then,
 * once ffmpeg publishes over RTMP, the page plays the live generation by itself (hls.js from its
 * webjar) and the video's {@code currentTime} advances; the page's report reaches the metrics.
 */
@QuarkusTest
@Tag("browser")
@TestProfile(LivePublishTest.WithRtmp.class)
class PlayerPageBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldTurnFromOfflineIntoPlaybackWhenTheStreamGoesLive() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must run the browser tests: install chromium and chromium-driver");
        }
        Assumptions.assumeTrue(present, "browser test skipped: no chromium or chromedriver");
        JsonPath stream = asAdmin().body(Map.of("name", unique("watch"), "visibility", "public")).when()
                .post("/api/streams").then().statusCode(201).extract().jsonPath();
        long streamId = stream.getLong("id");
        String key = asAdmin().when().post("/api/streams/" + streamId + "/keys").then().statusCode(201).extract()
                .jsonPath().getString("key");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--autoplay-policy=no-user-gesture-required", "--window-size=1280,900", "--no-first-run");
        ChromeDriver driver = new ChromeDriver(
                new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build(),
                options);
        Process publisher = null;
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(40));
            driver.get(base.toString().replaceAll("/$", "") + "/watch/" + streamId);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "offline"));

            publisher = LivePublishTest.publish(LivePublishTest.RTMP_PORT, key, 40);

            JavascriptExecutor js = driver;
            wait.until(d -> ((Number) js.executeScript("return document.getElementById('video').currentTime"))
                    .doubleValue() > 0.5);
            double first = ((Number) js.executeScript("return document.getElementById('video').currentTime"))
                    .doubleValue();
            wait.until(d -> ((Number) js.executeScript("return document.getElementById('video').currentTime"))
                    .doubleValue() > first + 2);
            assertThat(driver.findElement(By.id("status")).isDisplayed()).as("no message over the video").isFalse();
        } finally {
            driver.quit();
            if (publisher != null) {
                publisher.destroyForcibly();
            }
        }
    }
}
