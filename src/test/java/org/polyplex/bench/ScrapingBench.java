package org.polyplex.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import jakarta.inject.Inject;

import org.polyplex.scraping.ScrapeRun;
import org.polyplex.scraping.ScrapeRunner;
import org.polyplex.scraping.ScraperSourceService;
import org.polyplex.scraping.StubHttp;
import org.polyplex.scraping.source.ScraperSourceInput;
import org.polyplex.scraping.source.SourceType;

import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.Test;

/**
 * Scraping benchmark (not part of the test suite: surefire's default includes skip "*Bench").
 * Run with {@code bench/scraping/run.sh}. Imports a 100,000-entry M3U and an Xtream account fake
 * (50,000 live, 50,000 VOD, 5,000 series) served on loopback, each twice (the second run finds
 * nothing changed), and writes a table to {@code target/bench/scraping.md}.
 */
@QuarkusTest
@TestProfile(ScrapingBench.Profile.class)
class ScrapingBench {

    /** Limits sized for the benchmark's lists. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the fake provider answers no get_series_info: the figures stay those of the lists alone
            return Map.of("polyplex.scraping.series.enabled", "false",
                    "polyplex.scraping.max-entries", "250000",
                    "polyplex.scraping.fetch.max-body-size", "512M",
                    "polyplex.scraping.fetch.timeout", "300s",
                    "quarkus.log.category.\"org.polyplex.scraping\".level", "DEBUG",
                    "quarkus.log.category.\"org.polyplex.catalog.importing\".level", "DEBUG");
        }
    }

    @Inject
    ScrapeRunner runner;

    @Inject
    ScraperSourceService sources;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<String> rows = new ArrayList<>();

    @Test
    void bench() throws IOException {
        try (StubHttp stub = new StubHttp()) {
            stub.serve("/bench.m3u", new StubHttp.Answer(200, "audio/x-mpegurl", m3u(100_000)));
            long m3u = sources.create(new ScraperSourceInput(stub.url("/bench.m3u"), SourceType.M3U, true, 60, null, 0, null,
                    null, null)).id;
            measure("M3U 100,000 entries", "first run", m3u);
            measure("M3U 100,000 entries", "unchanged re-run", m3u);

            Map<String, byte[]> xtream = Map.of(
                    "",
                    "{\"user_info\":{\"auth\":1,\"status\":\"Active\",\"max_connections\":\"4\"}}"
                            .getBytes(StandardCharsets.UTF_8),
                    "get_live_categories", categories(50),
                    "get_vod_categories", categories(50),
                    "get_series_categories", categories(20),
                    "get_live_streams", array(50_000, i -> "{\"num\":" + i + ",\"name\":\"Live " + i + "\",\"stream_id\":" + i
                            + ",\"stream_icon\":\"http://logos.example/" + i + ".png\",\"epg_channel_id\":\"xt" + i
                            + ".bench\",\"category_id\":\"" + (i % 50) + "\"}"),
                    "get_vod_streams", array(50_000, i -> "{\"num\":" + i + ",\"name\":\"Movie " + i + "\",\"stream_id\":" + i
                            + ",\"stream_icon\":\"http://img.example/" + i + ".jpg\",\"container_extension\":\"mkv\","
                            + "\"category_id\":\"" + (i % 50) + "\"}"),
                    "get_series", array(5_000, i -> "{\"num\":" + i + ",\"name\":\"Series " + i + "\",\"series_id\":" + i
                            + ",\"cover\":\"http://img.example/s" + i + ".jpg\",\"plot\":\"Plot " + i + "\",\"category_id\":\""
                            + (i % 20) + "\"}"));
            stub.route("/xt/player_api.php", req -> new StubHttp.Answer(200, "application/json",
                    xtream.get(req.getParam("action") == null ? "" : req.getParam("action"))));
            long xt = sources
                    .create(new ScraperSourceInput(stub.url("/xt"), SourceType.XTREAM, true, 60, null, 1, null, "bench",
                            "bench-pass")).id;
            measure("Xtream 50k live / 50k VOD / 5k series", "first run", xt);
            measure("Xtream 50k live / 50k VOD / 5k series", "unchanged re-run", xt);
        }
        StringBuilder table = new StringBuilder()
                .append("| Import | Run | Time | Found | Added | Updated | Heap used after (MiB) | Peak heap during (MiB) |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        rows.forEach(r -> table.append(r).append('\n'));
        table.append("\nJVM: ").append(System.getProperty("java.vm.name")).append(' ').append(Runtime.version())
                .append(", max heap ").append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB, ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs, load average ")
                .append(String.format("%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
                .append(" at the end; H2 in memory (%test profile).\n");
        Path out = Path.of("target/bench/scraping.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
        Log.warnf("scraping benchmark:%n%s", table);
    }

    private void measure(String what, String run, long sourceId) {
        System.gc();
        AtomicLong peak = new AtomicLong(memory.getHeapMemoryUsage().getUsed());
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max), 0, 20,
                TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        ScrapeRun result = runner.run(sourceId);
        long millis = (System.nanoTime() - start) / 1_000_000;
        sampler.shutdownNow();
        long used = memory.getHeapMemoryUsage().getUsed();
        if (result.status == ScrapeRun.Status.FAILED) {
            throw new IllegalStateException(what + " failed: " + result.error);
        }
        rows.add(String.format("| %s | %s | %.2f s | %d | %d | %d | %d | %d |", what, run, millis / 1000.0, result.found,
                result.added, result.updated, used >> 20, peak.get() >> 20));
    }

    private static byte[] m3u(int n) {
        StringBuilder sb = new StringBuilder(n * 160).append("#EXTM3U\n");
        for (int i = 0; i < n; i++) {
            sb.append("#EXTINF:-1 tvg-id=\"ch").append(i).append(".bench\" tvg-name=\"Channel ").append(i)
                    .append("\" tvg-logo=\"http://logos.example/").append(i).append(".png\" group-title=\"Group ")
                    .append(i % 100).append("\",Channel ").append(i).append('\n')
                    .append("http://streams.example/live/").append(i).append(".ts\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] categories(int n) {
        return array(n, i -> "{\"category_id\":\"" + i + "\",\"category_name\":\"Category " + i + "\",\"parent_id\":0}");
    }

    private static byte[] array(int n, IntFunction<String> item) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(item.apply(i));
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }
}
