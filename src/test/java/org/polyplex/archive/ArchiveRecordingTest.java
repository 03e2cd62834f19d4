package org.polyplex.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;

import org.polyplex.archive.record.ArchiveRecorder;
import org.polyplex.archive.store.ArchiveStore;
import org.polyplex.archive.store.ArchiveStore.ArchiveFile;
import org.polyplex.archive.store.Recording;
import org.polyplex.proxy.ProxyHarness;
import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.vertx.core.Vertx;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * Recording in the running application: a channel with {@code archiveDays} gets a session with no
 * viewer, whose chunks become 2-second files on disk that ffprobe reads from a keyframe; turning
 * the archive off closes the session; a write that fails is pruned around while a viewer of the
 * channel plays on; pruning follows each channel's window.
 */
@QuarkusTest
@Tag("media")
@TestProfile(ArchiveRecordingTest.Profile.class)
class ArchiveRecordingTest {

    static final Path DIR = Path.of("target", "test-archive-recording");

    /**
     * Short files so that a test sees several; a short linger so a session ends soon after its tap;
     * a short keepalive so a session whose sources are all down ends soon.
     */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("polyplex.archive.dir", DIR.toString(), "polyplex.archive.file-duration", "2s",
                    "polyplex.archive.retry.initial-delay", "200ms", "polyplex.archive.retry.max-delay", "1s",
                    "polyplex.proxy.session.linger", "1s", "polyplex.proxy.failover.keepalive-max", "3s");
        }
    }

    private static Vertx vertx;
    private static TsServer upstream;

    @Inject
    ArchiveStore store;

    @Inject
    ArchiveRecorder recorder;

    @BeforeAll
    static void upstream() {
        vertx = Vertx.vertx();
        upstream = new TsServer(vertx, 1_000_000).stream("a", TsFixtures.read(TsFixtures.h264(6, 500))).start();
    }

    @AfterAll
    static void stop() {
        upstream.close();
        vertx.close();
    }

    /** When each channel was created: a directory left by an earlier run may hold files of the same id. */
    private static final Map<Long, Instant> CREATED = new ConcurrentHashMap<>();

    private static long archivedChannel(String url, int days) {
        Instant before = Instant.now();
        long id = create("/api/channels", Map.of("name", unique("Archived"), "archiveDays", days,
                "sources", List.of(Map.of("url", url))));
        CREATED.put(id, before);
        return id;
    }

    private static void setArchive(long id, String url, int days) {
        asAdmin().body(Map.of("name", unique("Archived"), "archiveDays", days, "sources", List.of(Map.of("url", url))))
                .put("/api/channels/" + id).then().statusCode(200).body("archiveDays", equalTo(days));
    }

    private static Map<String, Object> archiveEntry(long id) {
        List<Map<String, Object>> channels = asAdmin().get("/api/archive").then().statusCode(200).extract().jsonPath()
                .getList("channels");
        return channels.stream().filter(c -> ((Number) c.get("channelId")).longValue() == id).findFirst()
                .orElse(Map.of());
    }

    private static Map<String, Object> session(long channelId) {
        List<Map<String, Object>> sessions = asAdmin().get("/api/sessions").then().statusCode(200).extract().jsonPath()
                .getList("sessions");
        return sessions.stream().filter(s -> ((Number) s.get("channelId")).longValue() == channelId).findFirst()
                .orElse(null);
    }

    private List<ArchiveFile> closedFiles(long id) {
        Instant created = CREATED.getOrDefault(id, Instant.EPOCH);
        return store.files(id, Instant.EPOCH, Instant.now().plusSeconds(60)).stream()
                .filter(f -> !f.open() && !f.start().isBefore(created)).toList();
    }

    @Test
    void shouldRecordAnArchivedChannelWithNoViewerIntoFilesThatStartOnAKeyframe() {
        String url = upstream.url("/live/a");
        long id = archivedChannel(url, 1);
        asAdmin().get("/api/channels/" + id).then().statusCode(200).body("archiveDays", equalTo(1));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> closedFiles(id).size() >= 2);
        // an always-on session: a tap, no viewer
        Map<String, Object> session = session(id);
        assertThat(session).isNotNull().containsEntry("viewers", 0).containsEntry("taps", 1);
        for (ArchiveFile f : closedFiles(id)) {
            assertThat(f.path()).startsWith(DIR.resolve(Long.toString(id)));
            assertThat(f.path().getFileName().toString()).isEqualTo(f.start().toEpochMilli() + ".ts");
            assertThat(Duration.between(f.start(), f.end())).isBetween(Duration.ofMillis(1000), Duration.ofSeconds(4));
            assertThat(TsFixtures.firstVideoFrames(f.path(), 1).get(0)).startsWith("1,I");
        }
        Map<String, Object> entry = archiveEntry(id);
        assertThat(entry).containsEntry("state", "recording").containsEntry("archiveDays", 1);
        assertThat(((Number) entry.get("files")).intValue()).isGreaterThanOrEqualTo(2);
        assertThat(((Number) entry.get("bytes")).longValue()).isPositive();
        assertThat(entry.get("spanStart")).isNotNull();
        RestAssured.get("/q/metrics").then().statusCode(200).body(containsString("polyplex_archive_bytes_written_total"))
                .body(containsString("polyplex_archive_recording_channels"));

        // archive off: the recording stops, its session (no one else holds it) closes, the files stay
        int files = closedFiles(id).size();
        setArchive(id, url, 0);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> session(id) == null);
        assertThat(archiveEntry(id)).containsEntry("state", "off");
        assertThat(store.files(id, Instant.EPOCH, Instant.now().plusSeconds(60))).hasSizeGreaterThan(files)
                .noneMatch(ArchiveFile::open);
    }

    @Test
    void shouldGoOnAroundAFailingWriteWithoutTouchingTheViewers() throws IOException {
        String url = upstream.url("/live/a");
        long id = archivedChannel(url, 1);
        String line = unique("arch");
        create("/api/users", new HashMap<>(Map.of("username", line, "password", "pw-archive", "maxConnections", 2,
                "enabled", true)));
        var viewer = ProxyHarness.reading(ProxyHarness.play("http://localhost:" + RestAssured.port,
                "/live/" + line + "/pw-archive/" + id + ".ts"));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !closedFiles(id).isEmpty());
            // the channel's directory is taken away and a file put in its place: no new file can start
            Path channelDir = DIR.resolve(Long.toString(id));
            Path moved = DIR.resolve(id + ".moved");
            Files.move(channelDir, moved);
            Files.writeString(channelDir, "not a directory");
            Awaitility.await().atMost(Duration.ofSeconds(15))
                    .until(() -> ((Number) archiveEntry(id).getOrDefault("writeErrors", 0)).longValue() > 0);
            assertThat((String) archiveEntry(id).get("lastError")).contains(Long.toString(id));
            assertThat(recorder.metrics().writeErrors()).isPositive();
            // the viewer never noticed
            viewer.awaitMore(200_000, Duration.ofSeconds(15));
            assertThat(viewer.ended()).isFalse();

            Files.delete(channelDir);
            Files.move(moved, channelDir);
            Instant fixed = Instant.now();
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> closedFiles(id).stream().anyMatch(f -> f.start().isAfter(fixed)));
            ArchiveFile after = closedFiles(id).stream().filter(f -> f.start().isAfter(fixed)).findFirst().orElseThrow();
            assertThat(TsFixtures.firstVideoFrames(after.path(), 1).get(0)).startsWith("1,I");
            viewer.awaitMore(100_000, Duration.ofSeconds(15));
        } finally {
            viewer.close();
            setArchive(id, url, 0);
        }
    }

    @Test
    void shouldPruneEachChannelAtItsWindow() throws IOException {
        // archived for 2 days, its source down: the recorder waits to retry and writes nothing
        String dead = upstream.url("/error");
        long archived = archivedChannel(dead, 2);
        // the channel's session is polled too, so that a timeout shows both sides
        record Seen(Map<String, Object> archive, Map<String, Object> session) {
        }
        Map<String, Object> waiting = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> new Seen(archiveEntry(archived), session(archived)),
                        seen -> "waiting".equals(seen.archive().get("state")))
                .archive();
        assertThat(waiting.get("retryAt")).isNotNull();
        assertThat(waiting.get("reason")).isEqualTo("all sources down");
        long unarchived = 900_000_000L + System.nanoTime() % 1000;
        Instant now = Instant.now();
        Path tooOld = file(archived, now.minus(Duration.ofDays(3)));
        Path kept = file(archived, now.minus(Duration.ofDays(1)));
        Path orphanOld = file(unarchived, now.minus(Duration.ofHours(30)));
        Path orphanKept = file(unarchived, now.minus(Duration.ofHours(1)));

        ArchiveRecorder.Pruned pruned = recorder.prune();
        assertThat(pruned.window()).isGreaterThanOrEqualTo(2);
        assertThat(tooOld).doesNotExist();
        assertThat(orphanOld).doesNotExist();
        assertThat(kept).exists();
        assertThat(orphanKept).exists();
        JsonPath status = asAdmin().get("/api/archive").then().statusCode(200).extract().jsonPath();
        assertThat(status.getLong("bytes")).isEqualTo(store.totalBytes());
        assertThat(archiveEntry(unarchived)).containsEntry("state", "off").containsEntry("files", 1);
        setArchive(archived, dead, 0);
    }

    @Test
    void shouldBoundArchiveDaysAndKeepThemWhenAWriteOmitsThem() {
        String url = upstream.url("/error");
        for (Object bad : List.of(-1, 31, "many")) {
            asAdmin().body(Map.of("name", unique("Bad archive"), "archiveDays", bad, "sources", List.of(Map.of("url", url))))
                    .post("/api/channels").then().statusCode(400);
        }
        long plain = create("/api/channels", Map.of("name", unique("Unarchived"), "sources", List.of(Map.of("url", url))));
        asAdmin().get("/api/channels/" + plain).then().statusCode(200).body("archiveDays", equalTo(0));
        assertThat(archiveEntry(plain)).isEmpty();
        long id = archivedChannel(url, 30);
        // a write without archiveDays (an older client, the console's form) keeps the window
        asAdmin().body(Map.of("name", unique("Renamed"), "sources", List.of(Map.of("url", url))))
                .put("/api/channels/" + id).then().statusCode(200).body("archiveDays", equalTo(30));
        setArchive(id, url, 0);
        asAdmin().get("/api/channels/" + id).then().statusCode(200).body("archiveDays", equalTo(0));
    }

    /** One small real file of the channel, as if recorded at {@code at}. */
    private Path file(long channel, Instant at) throws IOException {
        Recording r = store.begin(channel, at);
        for (var c : TsChunks.of(TsFixtures.h264(4, 300)).subList(0, 5)) {
            r.append(c.packets().getByteBuf().nioBuffer(), c.keyframe(), at);
        }
        r.close();
        return r.path();
    }
}
