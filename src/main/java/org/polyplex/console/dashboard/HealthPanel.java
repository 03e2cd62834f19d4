package org.polyplex.console.dashboard;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.console.dashboard.Health.Part;
import org.polyplex.console.dashboard.Health.Run;
import org.polyplex.console.session.ConsoleConfig;
import org.polyplex.console.web.ConsoleRefusal;
import org.polyplex.console.web.LiveSessions;
import org.polyplex.epg.EpgSourceService;
import org.polyplex.epg.model.EpgRun;
import org.polyplex.platform.logging.Redaction;
import org.polyplex.platform.persistence.DatabaseProbe;
import org.polyplex.platform.web.ApiException;
import org.polyplex.proxy.session.SessionsSnapshot;
import org.polyplex.proxy.upstream.ace.AceEngineReadiness;
import org.polyplex.proxy.upstream.ace.AceStreamConfig;
import org.polyplex.scraping.ScrapeRun;
import org.polyplex.scraping.ScraperSourceService;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The dashboard's health: upstream sessions up and failing, the AceStream engine (when enabled),
 * the database, the data directory's disk and the last runs of scrapers and guide imports.
 * Checked at most once per {@code polyplex.console.health-cache-for}, whatever the number of
 * admins watching; each check is bounded (the engine and the database answer within seconds or
 * count as down).
 */
@ApplicationScoped
public class HealthPanel {

    /** Recent runs shown, of each kind. */
    static final int RUNS = 5;
    /** Longest wait for the engine's version. */
    static final Duration ENGINE_WAIT = Duration.ofSeconds(3);
    /** Session states in which an upstream is being retried or replaced. */
    static final Set<String> FAILING = Set.of("connecting", "switching", "fallback");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final LiveSessions live;
    private final AceEngineReadiness engine;
    private final AceStreamConfig aceConfig;
    private final DatabaseProbe database;
    private final ScraperSourceService scrapers;
    private final EpgSourceService guides;
    private final ConsoleConfig config;
    private final Clock clock;

    private Health cached;
    private Instant checkedAt = Instant.MIN;

    HealthPanel(LiveSessions live, @Readiness AceEngineReadiness engine, AceStreamConfig aceConfig, DatabaseProbe database,
            ScraperSourceService scrapers, EpgSourceService guides, ConsoleConfig config, Clock clock) {
        this.live = live;
        this.engine = engine;
        this.aceConfig = aceConfig;
        this.database = database;
        this.scrapers = scrapers;
        this.guides = guides;
        this.config = config;
        this.clock = clock;
    }

    /** The health, checked again when the cached one is older than the configured bound. */
    public synchronized Health now() {
        Instant instant = clock.instant();
        if (cached == null || !checkedAt.plus(config.healthCacheFor()).isAfter(instant)) {
            cached = check(instant);
            checkedAt = instant;
        }
        return cached;
    }

    private Health check(Instant instant) {
        Part db = database();
        // the runs live in the database: when it does not answer, say so instead of waiting again
        List<Run> runs = db.state().equals("ok") ? runs() : List.of();
        return new Health(upstreams(), engine(), db, disk(), runs, TIME.format(instant));
    }

    private Part upstreams() {
        SessionsSnapshot now;
        try {
            now = live.now();
        } catch (ConsoleRefusal e) {
            return new Part("warn", "the sessions did not answer in time");
        }
        long failing = now.sessions().stream().filter(s -> FAILING.contains(s.state())).count();
        long up = now.sessions().size() - failing;
        String summary = up + " up, " + failing + " failing over or reconnecting";
        return new Part(failing == 0 ? "ok" : "warn", summary);
    }

    private Part engine() {
        if (!aceConfig.enabled()) {
            return new Part("off", "AceStream is off on this node (polyplex.acestream.enabled)");
        }
        try {
            HealthCheckResponse answer = engine.call().await().atMost(ENGINE_WAIT);
            Map<String, Object> data = answer.getData().orElse(Map.of());
            if (answer.getStatus() == HealthCheckResponse.Status.UP) {
                return data.containsKey("version") ? new Part("ok", "reachable, version " + data.get("version"))
                        : new Part("off", "not needed: no channel has an AceStream source");
            }
            return new Part("down", "unreachable: " + Redaction.line(String.valueOf(data.get("error")), 160));
        } catch (RuntimeException e) {
            return new Part("down", "no answer within " + ENGINE_WAIT.toSeconds() + " s");
        }
    }

    private Part database() {
        OptionalLong millis = database.ping();
        return millis.isPresent() ? new Part("ok", "answering (" + millis.getAsLong() + " ms)")
                : new Part("down", "not answering; the server log has the reason");
    }

    private Part disk() {
        Path path = Path.of(config.diskPath());
        try {
            FileStore store = Files.getFileStore(path);
            long total = store.getTotalSpace();
            long free = store.getUsableSpace();
            int usedPercent = total == 0 ? 0 : (int) (100 - free * 100 / total);
            return new Part(usedPercent >= 90 ? "warn" : "ok", bytes(free) + " free of " + bytes(total) + " ("
                    + usedPercent + "% used) under " + path);
        } catch (IOException | SecurityException e) {
            return new Part("warn", path + " is not there or not readable");
        }
    }

    private List<Run> runs() {
        List<Run> runs = new ArrayList<>();
        Map<Long, String> urls = new HashMap<>();
        for (ScrapeRun r : scrapers.recentRuns(RUNS)) {
            String url = urls.computeIfAbsent(-r.sourceId - 1, k -> scraperUrl(r.sourceId));
            runs.add(new Run("scraper", r.sourceId, url, r.status.name().toLowerCase(Locale.ROOT),
                    r.found + " found, " + r.added + " added, " + r.removed + " removed",
                    r.error == null ? "" : r.error, TIME.format(r.startedAt)));
        }
        for (EpgRun r : guides.recentRuns(RUNS)) {
            String url = urls.computeIfAbsent(r.sourceId, this::guideUrl);
            runs.add(new Run("guide", r.sourceId, url, r.status.wire(),
                    r.channels + " channels, " + r.programmes + " programmes",
                    r.message == null ? "" : r.message, TIME.format(r.startedAt)));
        }
        runs.sort(Comparator.comparing(Run::when).reversed());
        return runs;
    }

    private String scraperUrl(long id) {
        try {
            return Redaction.url(scrapers.get(id).url);
        } catch (ApiException e) {
            return "(deleted)";
        }
    }

    private String guideUrl(long id) {
        try {
            return Redaction.url(guides.get(id).url);
        } catch (ApiException e) {
            return "(deleted)";
        }
    }

    static String bytes(long n) {
        String[] units = { "B", "KiB", "MiB", "GiB", "TiB" };
        double value = n;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    }
}
