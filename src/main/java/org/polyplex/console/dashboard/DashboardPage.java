package org.polyplex.console.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.accounts.Account;
import org.polyplex.accounts.AccountService;
import org.polyplex.catalog.CategoryService;
import org.polyplex.catalog.ChannelService;
import org.polyplex.console.session.ConsoleConfig;
import org.polyplex.console.web.Frame;
import org.polyplex.console.web.LiveSessions;
import org.polyplex.proxy.session.SessionsSnapshot;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

/** The console's home once logged in: what runs now and how big the service is. */
@ApplicationScoped
public class DashboardPage {

    /** The counters of the dashboard. */
    @TemplateData
    public record Counters(long sessions, long viewers, long tsViewers, long hlsViewers, long bytesIn,
            long activeLines, long expiredLines, long disabledLines, long channels, long categories, long failovers,
            long refusals, String ingress, String egress) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(Frame frame, Counters counters, List<SvgChart> charts,
                String every, Health health, int refresh);

        static native TemplateInstance health(Health health, int refresh);
    }

    private final AccountService accounts;
    private final ChannelService channels;
    private final CategoryService categories;
    private final LiveSessions live;
    private final Clock clock;
    private final TrafficHistory history;
    private final ConsoleConfig config;
    private final HealthPanel health;

    DashboardPage(AccountService accounts, ChannelService channels, CategoryService categories, LiveSessions live,
            Clock clock, TrafficHistory history, ConsoleConfig config, HealthPanel health) {
        this.health = health;
        this.history = history;
        this.config = config;
        this.accounts = accounts;
        this.channels = channels;
        this.categories = categories;
        this.live = live;
        this.clock = clock;
    }

    public TemplateInstance render(Frame frame) {
        List<TrafficHistory.Point> points = history.points();
        List<Long> viewers = points.stream().map(p -> (long) p.viewers()).toList();
        List<Long> out = points.stream().map(TrafficHistory.Point::bitsOutPerSecond).toList();
        List<Long> in = points.stream().map(TrafficHistory.Point::bitsInPerSecond).toList();
        List<SvgChart> charts = List.of(
                SvgChart.of("Viewers", viewers, Long.toString(max(viewers))),
                SvgChart.of("Egress", out, bits(max(out))),
                SvgChart.of("Ingress", in, bits(max(in))));
        return Templates.dashboard(frame, counters(points), charts, config.historyEvery().toSeconds() + " s",
                health.now(), refreshSeconds());
    }

    /** The health section alone, for the dashboard's own refresh. */
    public TemplateInstance health() {
        return Templates.health(health.now(), refreshSeconds());
    }

    /** Seconds between two refreshes of the health section: the cache's age bound, at least 2 s. */
    private int refreshSeconds() {
        return (int) Math.max(2, config.healthCacheFor().toSeconds());
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** A bit rate for people. */
    static String bits(long perSecond) {
        if (perSecond < 1000) {
            return perSecond + " bit/s";
        }
        String[] units = { "kbit/s", "Mbit/s", "Gbit/s" };
        double value = perSecond;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    Counters counters(List<TrafficHistory.Point> points) {
        SessionsSnapshot now = live.now();
        Instant instant = clock.instant();
        long active = 0;
        long expired = 0;
        long disabled = 0;
        for (Account account : accounts.snapshot().all()) {
            if (account.admin()) {
                continue;
            }
            switch (account.status(instant)) {
                case ACTIVE -> active++;
                case EXPIRED -> expired++;
                case DISABLED -> disabled++;
            }
        }
        long ts = now.viewers().stream().filter(v -> "ts".equals(v.protocol())).count();
        long bytesIn = now.sessions().stream().mapToLong(SessionsSnapshot.SessionInfo::bytesIn).sum();
        return new Counters(now.sessions().size(), now.viewers().size(), ts, now.viewers().size() - ts, bytesIn,
                active, expired, disabled, channels.list(null, null, null, 0, 1).total(),
                categories.list(null, null, null, 0, 1).total(), history.failovers(), history.refusals(),
                points.isEmpty() ? "–" : bits(points.get(points.size() - 1).bitsInPerSecond()),
                points.isEmpty() ? "–" : bits(points.get(points.size() - 1).bitsOutPerSecond()));
    }
}
