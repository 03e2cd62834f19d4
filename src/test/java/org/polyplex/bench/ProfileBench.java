package org.polyplex.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.polyplex.proxy.ProxyHarness;
import org.polyplex.proxy.Responses;
import org.polyplex.proxy.profile.OutputProfile;
import org.polyplex.proxy.profile.ProfileSessions;
import org.polyplex.proxy.profile.Profiles;
import org.polyplex.proxy.profile.ProfilesConfig;
import org.polyplex.proxy.upstream.UpstreamFactory;
import org.polyplex.proxy.viewer.Viewer;
import org.polyplex.testsupport.TsServer;

import io.vertx.core.http.HttpServer;

import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (run by {@code bench/profiles/run.sh}): CPU of one shared transcoder for N
 * viewers of a channel through a profile, against N ffmpeg processes with the same arguments each
 * reading the same source directly (what one ffmpeg per viewer costs), in one run, on a 720p25
 * H.264 source paced at its bit rate. CPU is read from {@code /proc/<pid>/stat} (ffmpeg) and the
 * JVM's process CPU time (the data plane, the source and the readers) over the same window.
 * Writes {@code target/bench-profiles.md}.
 */
class ProfileBench {

    private static final int VIEWERS = Integer.getInteger("bench.viewers", 20);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    private static final String PROFILE = System.getProperty("bench.profile", "480p-1200k");
    private static final long TICKS = 100;

    @Test
    void run() throws Exception {
        Path source = fixture();
        Map<String, String> config = new HashMap<>();
        config.put("polyplex.proxy.session.linger", "300ms");
        config.put("polyplex.profiles.start-timeout", "20s");
        ProfileSessions[] profiles = new ProfileSessions[1];
        try (ProxyHarness proxy = new ProxyHarness(config, List.of(ProfilesConfig.class), (client, h) -> {
            ProfilesConfig pc = h.config(ProfilesConfig.class);
            profiles[0] = new ProfileSessions(h.vertx, Profiles.of(pc.custom()), pc, () -> h.registry, System::nanoTime);
            return UpstreamFactory.of(client, h.proxyConfig(), null, null, List.of(profiles[0].kind()));
        })) {
            TsServer upstream = new TsServer(proxy.vertx, 3_400_000).stream("a", Files.readAllBytes(source)).start();
            String url = upstream.url("/live/a");
            proxy.channel(7, url);
            HttpServer front = ProxyHarness.join(proxy.vertx.createHttpServer().requestHandler(request -> {
                OutputProfile profile = profiles[0].find(PROFILE).orElseThrow();
                var channel = profiles[0].channel(proxy.channel(7, url), profile);
                Viewer viewer = new Viewer(proxy.registry.nextId(), request, 1, "u", "127.0.0.1", 7, Instant.now(), () -> {
                });
                proxy.registry.join(profiles[0].key(channel, profile), channel, viewer,
                        Responses.stream(request.response(), proxy.metrics));
            }).listen(0, "127.0.0.1"));

            // shared: N viewers of one channel and profile through the proxy
            List<ProxyHarness.Reading> readers = new ArrayList<>();
            for (int i = 0; i < VIEWERS; i++) {
                HttpResponse<InputStream> stream = ProxyHarness.play("http://127.0.0.1:" + front.actualPort(), "/7");
                readers.add(ProxyHarness.reading(stream));
            }
            readers.forEach(r -> r.awaitMore(50_000, Duration.ofSeconds(60)));
            List<ProcessHandle> shared = ffmpegs();
            long[] before = cpu(shared);
            long jvmBefore = jvmCpuNanos();
            long[] bytesBefore = readers.stream().mapToLong(ProxyHarness.Reading::bytes).toArray();
            long start = System.nanoTime();
            TimeUnit.SECONDS.sleep(SECONDS);
            double wall = (System.nanoTime() - start) / 1e9;
            long[] after = cpu(shared);
            double sharedFfmpeg = (after[0] - before[0]) / (double) TICKS / wall * 100;
            double sharedJvm = (jvmCpuNanos() - jvmBefore) / 1e9 / wall * 100;
            double sharedRate = 0;
            for (int i = 0; i < readers.size(); i++) {
                sharedRate += (readers.get(i).bytes() - bytesBefore[i]) * 8 / wall / 1000 / readers.size();
            }
            int sharedCount = shared.size();
            readers.forEach(ProxyHarness.Reading::close);
            proxy.await("the shared transcoder gone", Duration.ofSeconds(30), () -> ffmpegs().isEmpty());

            // one ffmpeg per viewer: the same command, each reading the source itself
            List<String> command = new ArrayList<>(
                    Profiles.command("ffmpeg", profiles[0].find(PROFILE).orElseThrow()));
            command.set(command.indexOf("pipe:0"), url);
            List<Process> own = new ArrayList<>();
            for (int i = 0; i < VIEWERS; i++) {
                own.add(new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start());
            }
            TimeUnit.SECONDS.sleep(5); // past probing, as the shared one was
            List<ProcessHandle> handles = own.stream().map(Process::toHandle).toList();
            before = cpu(handles);
            jvmBefore = jvmCpuNanos();
            start = System.nanoTime();
            TimeUnit.SECONDS.sleep(SECONDS);
            wall = (System.nanoTime() - start) / 1e9;
            after = cpu(handles);
            double ownFfmpeg = (after[0] - before[0]) / (double) TICKS / wall * 100;
            double ownJvm = (jvmCpuNanos() - jvmBefore) / 1e9 / wall * 100;
            long alive = handles.stream().filter(ProcessHandle::isAlive).count();
            own.forEach(Process::destroyForcibly);

            String table = """
                    # Output profiles: one shared transcoder against one ffmpeg per viewer

                    %d viewers, profile `%s`, source 1280x720 25 fps H.264 ~3 Mbit/s paced at its rate, %d s windows, %d cores.

                    | Mode | ffmpeg processes | ffmpeg CPU (%% of a core) | JVM CPU (%% of a core) | Total | Output per viewer (kbit/s) |
                    |---|---|---|---|---|---|
                    | shared (one per channel and profile) | %d | %.1f | %.1f | %.1f | %.0f |
                    | one ffmpeg per viewer | %d | %.1f | %.1f | %.1f | (to /dev/null) |
                    """
                    .formatted(VIEWERS, PROFILE, SECONDS, Runtime.getRuntime().availableProcessors(), sharedCount,
                            sharedFfmpeg, sharedJvm, sharedFfmpeg + sharedJvm, sharedRate, alive, ownFfmpeg, ownJvm,
                            ownFfmpeg + ownJvm);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "bench-profiles.md"), table);
        }
    }

    private static List<ProcessHandle> ffmpegs() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("pipe:0")).toList();
    }

    /** utime + stime in clock ticks, summed over the processes. */
    private static long[] cpu(List<ProcessHandle> processes) throws IOException {
        long ticks = 0;
        for (ProcessHandle p : processes) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException e) {
                // exited
            }
        }
        return new long[] { ticks };
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Path fixture() throws Exception {
        Path file = Path.of("target", "fixtures", "bench-720p25.ts");
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=1280x720:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t",
                    "10", "-c:v", "libx264", "-preset", "ultrafast", "-x264-params", "keyint=50:min-keyint=50:scenecut=0",
                    "-b:v", "3000k", "-maxrate", "3000k", "-bufsize", "3000k", "-c:a", "aac", "-b:a", "128k", "-f",
                    "mpegts", file.toString()).inheritIO().start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("fixture not made");
            }
        }
        return file;
    }
}
