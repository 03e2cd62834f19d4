package org.polyplex.proxy.profile;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.polyplex.catalog.CatalogSnapshot.LiveChannel;
import org.polyplex.catalog.CatalogSnapshot.Source;
import org.polyplex.proxy.session.SessionKey;
import org.polyplex.proxy.session.SessionRegistry;
import org.polyplex.proxy.session.SessionTap;
import org.polyplex.proxy.session.TapSink;
import org.polyplex.proxy.upstream.transcode.TapOpener;
import org.polyplex.proxy.upstream.transcode.TranscoderKind;

import io.vertx.core.Vertx;

/**
 * Entry point of the output profiles: which profiles exist, and where a viewer of a channel
 * through a profile goes. {@code passthrough} is the channel's own session. Any other profile has
 * a session of its own ({@link SessionKey} of channel and profile) whose one source is
 * {@code profile://<name>/<channel>}: the {@link TranscoderKind} this class makes runs one ffmpeg
 * for it, fed by a tap on the channel's own session. So a channel and profile pair runs one ffmpeg
 * for all of its viewers, and its viewers get what any session gives (keyframe start, limits,
 * lanes, HLS output, failover with bounded retries). Thread-safe.
 */
public final class ProfileSessions implements TapOpener {

    private final Profiles profiles;
    private final Supplier<SessionRegistry> registry;
    private final TranscoderKind kind;
    private final ConcurrentHashMap<Long, LiveChannel> channels = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<SessionKey, Long> sourceIds = new ConcurrentHashMap<>();
    private final AtomicLong nextSourceId = new AtomicLong(-1_000);

    /**
     * @param registry the node's sessions, asked only when a transcoder opens its tap (the registry's
     *        upstream factory holds this class's kind, so it comes later)
     */
    public ProfileSessions(Vertx vertx, Profiles profiles, ProfilesConfig config, Supplier<SessionRegistry> registry,
            LongSupplier nanoTime) {
        this.profiles = profiles;
        this.registry = registry;
        String ffmpeg = config.ffmpeg();
        this.kind = new TranscoderKind(vertx,
                name -> profiles.find(name).filter(OutputProfile::transcodes).map(p -> Profiles.command(ffmpeg, p)), this,
                new TranscoderKind.Bounds(config.maxProcesses(), config.startTimeout(), config.stopGrace().toMillis(),
                        config.stderrTailLines(), config.inputQueueBytes(), config.restart().maxStarts(),
                        config.restart().window()),
                nanoTime);
    }

    /** The upstream kind of the transcoders, for the node's upstream factory. */
    public TranscoderKind kind() {
        return kind;
    }

    /** The profile of this name; empty when there is none. */
    public Optional<OutputProfile> find(String name) {
        return profiles.find(name);
    }

    /** Every profile, by name. */
    public List<OutputProfile> list() {
        return profiles.list();
    }

    /** Transcoders (ffmpeg processes) running or stopping on this node. */
    public int transcoders() {
        return kind.running();
    }

    /** The session a viewer of the channel through this profile joins. */
    public SessionKey key(LiveChannel channel, OutputProfile profile) {
        return profile.transcodes() ? SessionKey.of(channel.id(), profile.name()) : SessionKey.of(channel.id());
    }

    /**
     * The channel as the profile's session plays it: the same id, its name with the profile, and one
     * source, the transcoder. Passthrough is the channel itself. Remembers the channel, the input the
     * transcoder will tap.
     */
    public LiveChannel channel(LiveChannel channel, OutputProfile profile) {
        if (!profile.transcodes()) {
            return channel;
        }
        channels.put(channel.id(), channel);
        SessionKey key = key(channel, profile);
        long sourceId = sourceIds.computeIfAbsent(key, k -> nextSourceId.getAndDecrement());
        Source transcoder = new Source(sourceId, TranscoderKind.url(profile.name(), channel.id()), 0, null);
        return new LiveChannel(channel.id(), channel.number(), channel.name() + " [" + profile.name() + "]",
                channel.logoUrl(), channel.epgId(), channel.categoryId(), channel.categoryIds(), List.of(transcoder),
                channel.createdAt());
    }

    /**
     * Whether a viewer of the channel through this profile can be served now without one transcoder
     * too many: passthrough always, a pair that already runs always, a new pair when the node has room.
     */
    public boolean hasRoom(LiveChannel channel, OutputProfile profile) {
        return !profile.transcodes() || registry.get().running(key(channel, profile)) || kind.hasRoom();
    }

    @Override
    public Optional<SessionTap> tap(long channelId, String purpose, TapSink sink) {
        LiveChannel channel = channels.get(channelId);
        return channel == null ? Optional.empty() : Optional.of(registry.get().tap(channel, purpose, sink));
    }
}
