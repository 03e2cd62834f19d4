package org.polyplex.bench;

import static org.polyplex.testsupport.AdminApi.asAdmin;
import static org.polyplex.testsupport.AdminApi.create;
import static org.polyplex.testsupport.AdminApi.unique;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;

import org.polyplex.archive.record.ArchiveRecorder;
import org.polyplex.archive.store.ArchiveStore;
import org.polyplex.proxy.ProxyHarness;
import org.polyplex.testsupport.TsFixtures;
import org.polyplex.testsupport.TsServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.vertx.core.Vertx;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;

/**
 * Issue 20's recording benchmark, in one JVM (the application, its loopback upstream and the
 * viewers): N channels (default 20, {@code -Dbench.archive.channels}) at about 2 Mbit/s each, each
 * watched by one TS viewer, measured for {@code -Dbench.seconds} (default 20; 600 for the
 * documented 10-minute run) first without archive, then with {@code archiveDays=1} on every
 * channel (same channels, same viewers, same run), then recorded with no viewer. For each phase:
 * the process's CPU, the archive writer threads' CPU, the bytes the process sent to storage
 * ({@code /proc/self/io} write_bytes) and the archive's own count of bytes written. Writes
 * {@code target/bench-archive.md}.
 */
@QuarkusTest
@TestProfile(ArchiveBench.Profile.class)
class ArchiveBench {

    private static final int CHANNELS = Integer.getInteger("bench.archive.channels", 20);
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
    private static final long BITS_PER_SECOND = 2_000_000;
    static final Path DIR = Path.of("target", "bench-archive");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("polyplex.archive.dir", DIR.toString(), "quarkus.log.category.\"org.polyplex\".level", "WARN");
        }
    }

    @Inject
    ArchiveRecorder recorder;

    @Inject
    ArchiveStore store;

    private record Phase(String name, double cpuPercent, double writerCpuPercent, double diskMBps, double archiveMBps,
            double viewerMBps, int recording) {
    }

    @Test
    void recordingCost() throws IOException {
        Vertx vertx = Vertx.vertx();
        TsServer upstream = new TsServer(vertx, BITS_PER_SECOND)
                .stream("b", TsFixtures.read(TsFixtures.h264(20, 1800))).start();
        String line = unique("bench-archive");
        create("/api/users", new HashMap<>(Map.of("username", line, "password", "bench-pw", "maxConnections",
                CHANNELS + 5, "enabled", true)));
        List<Long> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < CHANNELS; i++) {
            String name = unique("bench-ch");
            names.add(name);
            ids.add(create("/api/channels", Map.of("name", name, "sources", List.of(Map.of("url",
                    upstream.url("/live/b"))))));
        }
        List<ProxyHarness.Reading> viewers = new ArrayList<>();
        for (long id : ids) {
            viewers.add(ProxyHarness.reading(ProxyHarness.play("http://localhost:" + RestAssured.port,
                    "/live/" + line + "/bench-pw/" + id + ".ts")));
        }
        List<Phase> phases = new ArrayList<>();
        try {
            viewers.forEach(v -> v.awaitMore(100_000, Duration.ofSeconds(30)));
            phases.add(measure("watched, no archive", viewers));
            for (int i = 0; i < CHANNELS; i++) {
                setArchive(ids.get(i), names.get(i), upstream.url("/live/b"), 1);
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> recorder.recordingCount() == CHANNELS);
            phases.add(measure("watched and recorded", viewers));
            viewers.forEach(ProxyHarness.Reading::close);
            phases.add(measure("recorded, no viewer", List.of()));
        } finally {
            viewers.forEach(ProxyHarness.Reading::close);
            for (int i = 0; i < CHANNELS; i++) {
                setArchive(ids.get(i), names.get(i), upstream.url("/live/b"), 0);
            }
            upstream.close();
            vertx.close();
        }
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Archive recording: %d channels at %.1f Mbit/s, %d s per phase, %d cores%n%n",
                CHANNELS, BITS_PER_SECOND / 1e6, RUN.toSeconds(), Runtime.getRuntime().availableProcessors()));
        md.append(
                "| Phase | Recording | Process CPU (% of one core) | Archive writers CPU | Disk writes (MB/s) | Archive bytes (MB/s) | Viewer bytes (MB/s) |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Phase p : phases) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.2f | %.2f | %.2f |%n", p.name(),
                    p.recording(), p.cpuPercent(), p.writerCpuPercent(), p.diskMBps(), p.archiveMBps(),
                    p.viewerMBps()));
        }
        md.append(String.format(Locale.ROOT, "%nArchive on disk after the run: %d files, %.1f MB. The process CPU includes the"
                + " loopback upstream and the viewers, the same in both watched phases.%n", store.totalFiles(),
                store.totalBytes() / 1e6));
        Files.writeString(Path.of("target", "bench-archive.md"), md);
        System.out.println(md);
    }

    private static void setArchive(long id, String name, String url, int days) {
        asAdmin().body(Map.of("name", name, "archiveDays", days, "sources", List.of(Map.of("url", url))))
                .put("/api/channels/" + id).then().statusCode(200);
    }

    private Phase measure(String name, List<ProxyHarness.Reading> viewers) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = ProcessCpu.ticks(ProcessHandle.current());
        long writers0 = writerCpuNanos(threads);
        long disk0 = writeBytes();
        double archive0 = recorder.metrics().bytesWritten();
        long viewed0 = viewers.stream().mapToLong(ProxyHarness.Reading::bytes).sum();
        long t0 = System.nanoTime();
        Awaitility.await().pollDelay(RUN).atMost(RUN.plusSeconds(5)).until(() -> true);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long cpu = ProcessCpu.ticks(ProcessHandle.current()) - cpu0;
        long writers = writerCpuNanos(threads) - writers0;
        long disk = writeBytes() - disk0;
        double archive = recorder.metrics().bytesWritten() - archive0;
        long viewed = viewers.stream().mapToLong(ProxyHarness.Reading::bytes).sum() - viewed0;
        return new Phase(name, cpu / seconds, writers / 1e7 / seconds, disk / 1e6 / seconds, archive / 1e6 / seconds,
                viewed / 1e6 / seconds, recorder.recordingCount());
    }

    /** CPU time of the archive writer threads, in nanoseconds. */
    private static long writerCpuNanos(ThreadMXBean threads) {
        long sum = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("archive-writer")) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    /** Bytes this process caused to be sent to storage (Linux {@code /proc/self/io}); 0 where unreadable. */
    private static long writeBytes() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (l.startsWith("write_bytes:")) {
                    return Long.parseLong(l.substring("write_bytes:".length()).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
