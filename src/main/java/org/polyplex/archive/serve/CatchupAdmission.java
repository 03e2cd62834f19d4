package org.polyplex.archive.serve;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.accounts.Account;
import org.polyplex.accounts.access.StreamFormat;
import org.polyplex.accounts.auth.LineLogin;
import org.polyplex.accounts.auth.StreamLineGate;
import org.polyplex.archive.store.ArchiveStore;
import org.polyplex.catalog.CatalogService;
import org.polyplex.catalog.CatalogSnapshot;
import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.epg.EpgService;
import org.polyplex.platform.http.ClientAddress;

import io.vertx.ext.web.RoutingContext;

/**
 * What a catch-up request must pass before any file is read or any provider asked: the stream
 * door ({@link StreamLineGate}: login, status, access rules for {@code ts}), the channel in the
 * line's bouquets with an archive of ours or its provider's, and a window that lies in the past
 * and, for ours, overlaps what is archived. Each refusal is a {@link CatchupRefusal}.
 */
@ApplicationScoped
class CatchupAdmission {

    /** The request's parameters, as sent. */
    record Ask(String username, String password, String duration, String start, String stream,
            String end) {
    }

    /**
     * An admitted request: who, what, and the window asked for ({@code to} null: the guide's
     * programme); {@code provider} the source whose provider archive serves it, null for ours.
     */
    record Admitted(Account account, LiveChannel channel, String address, Instant from, Instant to,
            CatalogSnapshot.Source provider) {
    }

    private final StreamLineGate gate;
    private final CatalogService catalog;
    private final ClientAddress addresses;
    private final Clock clock;
    private final TimeshiftTimes times;
    private final ArchiveStore store;
    private final EpgService epg;
    private final Duration maxDuration;

    CatchupAdmission(StreamLineGate gate, CatalogService catalog, ClientAddress addresses, Clock clock,
            CatchupConfig config, ArchiveStore store, EpgService epg) {
        this.gate = gate;
        this.catalog = catalog;
        this.addresses = addresses;
        this.clock = clock;
        this.times = new TimeshiftTimes(ZoneId.of(config.timeZone()), config.maxCatchupDuration());
        this.store = store;
        this.epg = epg;
        this.maxDuration = config.maxCatchupDuration();
    }

    /** Checks everything that needs no file: login, status, access rules, channel, window. */
    Admitted admit(RoutingContext ctx, LineLogin login, Ask ask) {
        String address = addresses.of(ctx.request());
        StreamLineGate.Entry entry = gate.enter(login, address, ctx.request().getHeader("User-Agent"), StreamFormat.TS);
        if (entry instanceof StreamLineGate.Refused refused) {
            if (refused.retryAfterSeconds() > 0) {
                ctx.response().putHeader("Retry-After", Long.toString(refused.retryAfterSeconds()));
            }
            throw new CatchupRefusal(refused.status(), refused.code(), refused.message());
        }
        Account account = ((StreamLineGate.Admitted) entry).account();
        Instant now = clock.instant();
        LiveChannel channel = channel(account, ask.stream());
        Instant from = times.start(ask.start());
        if (!from.isBefore(now)) {
            throw new CatchupRefusal(400, "start_in_future", "start is not in the past");
        }
        CatalogSnapshot.Source provider = channel.archiveDays() > 0 ? null : channel.providerArchive().orElseThrow();
        if (provider != null && from.isBefore(now.minus(Duration.ofDays(provider.archiveDays())))) {
            throw new CatchupRefusal(404, "before_archive", "the window starts before the provider's archive of this channel");
        }
        if (ask.duration() == null && ask.end() == null) {
            // the programme on at the start is the window, looked up on the worker
            return new Admitted(account, channel, address, from, null, provider);
        }
        Duration duration = ask.duration() == null ? times.until(from, ask.end()) : times.duration(ask.duration());
        Instant to = from.plus(duration);
        if (provider != null) {
            return new Admitted(account, channel, address, from, to.isAfter(now) ? now : to, provider);
        }
        // the archive itself, not the configured days: recording may have started later, or stopped
        Optional<ArchiveStore.Span> span = store.span(channel.id());
        if (span.isEmpty()) {
            throw new CatchupRefusal(404, "not_archived", "nothing of this channel is archived yet");
        }
        if (!to.isAfter(span.get().start())) {
            throw new CatchupRefusal(404, "before_archive", "the window ends before the archive of this channel starts");
        }
        if (!from.isBefore(span.get().end())) {
            throw new CatchupRefusal(404, "not_archived", "the window starts after the end of the archive");
        }
        return new Admitted(account, channel, address, from, to.isAfter(now) ? now : to, null);
    }

    /**
     * The end of the window: the one asked for, or the end of the guide's programme on at the
     * start (bounded by the maximum duration and now). Blocking (the guide): worker threads.
     */
    Instant until(Admitted admitted) {
        if (admitted.to() != null) {
            return admitted.to();
        }
        Instant stop = epg.programmeAt(admitted.channel(), admitted.from()).map(p -> p.stop())
                .orElseThrow(() -> new CatchupRefusal(400, "bad_duration",
                        "no duration given and the guide has no programme at that start"));
        Instant to = stop.isAfter(admitted.from().plus(maxDuration)) ? admitted.from().plus(maxDuration) : stop;
        Instant now = clock.instant();
        return to.isAfter(now) ? now : to;
    }

    private LiveChannel channel(Account account, String stream) {
        String id = stream == null ? "" : stream.endsWith(".ts") ? stream.substring(0, stream.length() - 3) : stream;
        if (!id.matches("[0-9]{1,18}")) {
            throw new CatchupRefusal(400, "bad_stream", "stream must be a channel id, optionally with .ts");
        }
        long channelId = Long.parseLong(id);
        CatalogSnapshot snapshot = catalog.snapshot();
        Optional<LiveChannel> channel = snapshot.channel(channelId)
                .filter(c -> snapshot.access(account.bouquetIds()).canSee(c));
        if (channel.isEmpty()) {
            throw new CatchupRefusal(404, "channel_not_found", "channel " + channelId + " not found");
        }
        if (channel.get().archiveDays() <= 0 && channel.get().providerArchive().isEmpty()) {
            throw new CatchupRefusal(404, "no_archive", "channel " + channelId + " has no archive");
        }
        return channel.get();
    }
}
