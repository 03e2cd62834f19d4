package org.polyplex.ingest;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.polyplex.catalog.CategoryInput;
import org.polyplex.catalog.CategoryService;
import org.polyplex.catalog.ChannelInput;
import org.polyplex.catalog.ChannelService;
import org.polyplex.catalog.model.Category;
import org.polyplex.catalog.model.CategoryKind;
import org.polyplex.catalog.model.IngestSources;
import org.polyplex.ingest.activity.PublisherActivity;
import org.polyplex.ingest.activity.StreamActivity;
import org.polyplex.ingest.generation.Generation;
import org.polyplex.ingest.generation.Generations;
import org.polyplex.ingest.stats.StreamSample;
import org.polyplex.ingest.stats.StreamStats;
import org.polyplex.ingest.streams.Stream;
import org.polyplex.platform.persistence.DbConstraints;
import org.polyplex.platform.persistence.Queries;
import org.polyplex.platform.web.ApiException;
import org.polyplex.platform.web.Page;
import org.polyplex.proxy.session.SessionRegistry;
import org.polyplex.proxy.session.SessionsSnapshot;

import io.quarkus.panache.common.Sort;

/**
 * ★ Published streams: create (with the linked channel that plays them), list, change, delete, and
 * their status. Keys are {@link org.polyplex.ingest.keys.StreamKeys}, generations
 * {@link Generations}. Blocking: call from worker threads.
 */
@ApplicationScoped
public class StreamService {

    /** The live category a stream's channel goes to when the admin names none; created when missing. */
    public static final String DEFAULT_CATEGORY = "Live streams";

    private final Clock clock;
    private final ChannelService channels;
    private final CategoryService categories;
    private final Generations generations;
    private final StreamActivity activity;
    private final SessionRegistry sessions;
    private final StreamStats stats;

    StreamService(Clock clock, ChannelService channels, CategoryService categories, Generations generations,
            StreamActivity activity, SessionRegistry sessions, StreamStats stats) {
        this.stats = stats;
        this.clock = clock;
        this.channels = channels;
        this.categories = categories;
        this.generations = generations;
        this.activity = activity;
        this.sessions = sessions;
    }

    /** Streams by name, filtered by a part of the name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Stream> list(String q, int page, int size) {
        Queries.Filter filter = new Queries.Filter().contains("name", q);
        var query = Stream.<Stream> find(filter.where(), Sort.by("name").and("id"), filter.params());
        return new Page<>(query.page(page, size).list(), query.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Stream get(long id) {
        return Stream.require(id);
    }

    /**
     * Creates the stream and, in the same transaction, its channel (source
     * {@code ingest://stream/<id>}) in the given live category or {@link #DEFAULT_CATEGORY}.
     */
    @Transactional
    public Stream create(StreamInput input) {
        String name = input.name().strip();
        requireFreeName(name, null);
        Stream stream = new Stream();
        stream.name = name;
        stream.visibility = input.visibility();
        stream.allowTakeover = Boolean.TRUE.equals(input.allowTakeover());
        stream.createdAt = clock.instant();
        stream.updatedAt = stream.createdAt;
        stream.persist();
        flush();
        Long categoryId = input.categoryId() != null ? input.categoryId() : defaultCategory();
        stream.channelId = channels.create(new ChannelInput(name, null, categoryId, null, null, true,
                List.of(new ChannelInput.SourceInput(IngestSources.url(stream.id), null, null)))).id;
        return stream;
    }

    /**
     * Changes name, visibility and take-over; null fields keep their value. The linked channel keeps
     * its own name (an admin renames it through the channel API).
     */
    @Transactional
    public Stream update(long id, StreamPatch patch) {
        Stream stream = Stream.require(id);
        if (patch.name() != null) {
            String name = patch.name().strip();
            requireFreeName(name, id);
            stream.name = name;
        }
        if (patch.visibility() != null) {
            stream.visibility = patch.visibility();
        }
        if (patch.allowTakeover() != null) {
            stream.allowTakeover = patch.allowTakeover();
        }
        stream.updatedAt = clock.instant();
        flush();
        return stream;
    }

    /**
     * Deletes the stream with its keys and generations (an open one is ended first, so its
     * packager is told), and its linked channel: that channel has no other source to play.
     */
    @Transactional
    public void delete(long id) {
        Stream stream = Stream.lock(id);
        generations.openOf(id).ifPresent(g -> generations.end(g.id, "stream deleted"));
        Long channelId = stream.channelId;
        stream.delete();
        flush();
        if (channelId != null) {
            channels.delete(channelId);
        }
        activity.forget(id);
    }

    /**
     * The stream's status: the newest generation and the publisher now, then viewers of its
     * channel read from the proxy's sessions (asynchronously, on their contexts).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CompletionStage<StreamStatus> status(long id) {
        Stream stream = Stream.require(id);
        Generation g = generations.latestOf(id).orElse(null);
        PublisherActivity p = activity.of(id).filter(a -> g != null && a.generationId() == g.id).orElse(null);
        StreamStatus.Publisher publisher = p == null ? new StreamStatus.Publisher(false, null, null)
                : new StreamStatus.Publisher(p.connected(), p.since(), p.remoteAddress());
        long kbps = p == null ? 0 : p.ingressKbps();
        Long channelId = stream.channelId;
        StreamSample sample = stats.current(id).filter(x -> g != null && x.generationId() == g.id).orElse(null);
        StreamStatus base = new StreamStatus(id, g == null ? "idle" : g.state.wire(), g == null ? null : g.id,
                channelId, 0, kbps, publisher, g == null ? null : g.startedAt, g == null ? null : g.liveAt,
                g == null ? null : g.endedAt, g == null ? null : g.reason, sample == null ? null : sample.health(),
                sample == null ? null : sample.playlistAgeMs(), sample == null ? null : sample.egressKbps());
        // the status still answers if the proxy cannot be read (its figures are then 0)
        return sessions.snapshot().map(snapshot -> base.withViewers(viewers(snapshot, channelId))).otherwise(base)
                .toCompletionStage();
    }

    /** Viewers of the channel's sessions (one per output profile) in the proxy's snapshot. */
    static int viewers(SessionsSnapshot snapshot, Long channelId) {
        if (channelId == null) {
            return 0;
        }
        return snapshot.sessions().stream().filter(s -> s.channelId() == channelId)
                .mapToInt(SessionsSnapshot.SessionInfo::viewers).sum();
    }

    private Long defaultCategory() {
        return categories.list(CategoryKind.LIVE, null, DEFAULT_CATEGORY, 0, 100).items().stream()
                .filter(c -> c.name.equals(DEFAULT_CATEGORY)).map(c -> c.id).findFirst()
                .orElseGet(() -> {
                    Category created = categories.create(new CategoryInput(DEFAULT_CATEGORY, CategoryKind.LIVE, null, null));
                    return created.id;
                });
    }

    private static void requireFreeName(String name, Long self) {
        Stream.byName(name).filter(s -> !s.id.equals(self)).ifPresent(s -> {
            throw ApiException.conflict("name", "a stream named '" + name + "' exists");
        });
    }

    private static void flush() {
        DbConstraints.flush(kind -> switch (kind) {
            case UNIQUE -> ApiException.conflict("name", "a stream with this name exists");
            case FOREIGN_KEY -> ApiException.invalid("channelId", "refers to a channel that does not exist");
        });
    }
}
