package org.polyplex.console.dashboard;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.accounts.Account;
import org.polyplex.accounts.AccountService;
import org.polyplex.catalog.CategoryService;
import org.polyplex.catalog.ChannelService;
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
            long activeLines, long expiredLines, long disabledLines, long channels, long categories) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(Frame frame, Counters counters);
    }

    private final AccountService accounts;
    private final ChannelService channels;
    private final CategoryService categories;
    private final LiveSessions live;
    private final Clock clock;

    DashboardPage(AccountService accounts, ChannelService channels, CategoryService categories, LiveSessions live,
            Clock clock) {
        this.accounts = accounts;
        this.channels = channels;
        this.categories = categories;
        this.live = live;
        this.clock = clock;
    }

    public TemplateInstance render(Frame frame) {
        return Templates.dashboard(frame, counters());
    }

    Counters counters() {
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
                categories.list(null, null, null, 0, 1).total());
    }
}
