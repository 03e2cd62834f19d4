package org.polyplex.catalog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.polyplex.catalog.ChannelInput.SourceInput;
import org.polyplex.catalog.model.AdminEdits;
import org.polyplex.catalog.model.CameraSources;
import org.polyplex.catalog.model.CatalogChanged;
import org.polyplex.catalog.model.Category;
import org.polyplex.catalog.model.CategoryKind;
import org.polyplex.catalog.model.Channel;
import org.polyplex.catalog.model.ChannelSource;
import org.polyplex.catalog.model.IngestSources;
import org.polyplex.catalog.model.SourceHeaders;
import org.polyplex.catalog.model.SourceUrls;
import org.polyplex.platform.persistence.DbConstraints;
import org.polyplex.platform.persistence.Queries;
import org.polyplex.platform.web.ApiException;
import org.polyplex.platform.web.Page;

import io.quarkus.panache.common.Sort;

/** Channel administration, sources included. */
@ApplicationScoped
public class ChannelService {

    /** Most channels of one bulk change: well under PostgreSQL's bind-parameter limit. */
    public static final int MAX_BULK = 1000;

    private final Clock clock;
    private final Event<CatalogChanged> changed;
    private final CatalogConfig.SourceHeaders headerLimits;

    ChannelService(Clock clock, Event<CatalogChanged> changed, CatalogConfig config) {
        this.clock = clock;
        this.changed = changed;
        this.headerLimits = config.sourceHeaders();
    }

    public Page<Channel> list(Long categoryId, Boolean enabled, String q, int page, int size) {
        return list(categoryId, enabled, q, null, page, size);
    }

    /** As {@link #list(Long, Boolean, String, int, int)}, also filtered by channel number when given. */
    public Page<Channel> list(Long categoryId, Boolean enabled, String q, Integer number, int page, int size) {
        Queries.Filter filter = new Queries.Filter()
                .equal("categoryId", categoryId)
                .equal("enabled", enabled)
                .equal("number", number)
                .contains("name", q);
        var query = Channel.<Channel> find(filter.where(), Sort.by("number", Sort.NullPrecedence.NULLS_LAST)
                .and("name").and("id"), filter.params());
        return new Page<>(query.page(page, size).list(), query.count());
    }

    /** The channels of these ids that exist, by number then name; at most {@link #MAX_BULK} ids. */
    public List<Channel> byIds(Collection<Long> ids) {
        if (ids.size() > MAX_BULK) {
            throw ApiException.invalid("ids", "at most " + MAX_BULK + " channels at once");
        }
        return ids.isEmpty() ? List.of()
                : Channel.<Channel> list("id in ?1", Sort.by("number", Sort.NullPrecedence.NULLS_LAST).and("name")
                        .and("id"), Set.copyOf(ids));
    }

    public Channel get(long id) {
        return Channel.<Channel> findByIdOptional(id).orElseThrow(() -> ApiException.notFound("channel", id));
    }

    @Transactional
    public Channel create(ChannelInput input) {
        Channel channel = new Channel();
        channel.createdAt = clock.instant();
        apply(channel, input);
        channel.persist();
        flush();
        return channel;
    }

    @Transactional
    public Channel update(long id, ChannelInput input) {
        Channel channel = get(id);
        apply(channel, input);
        flush();
        return channel;
    }

    /**
     * Enables or disables many channels in one transaction (the console's bulk action), leaving
     * everything else of them as it is. Ids that do not exist are skipped. Answers how many
     * channels changed.
     */
    @Transactional
    public int setEnabled(Collection<Long> ids, boolean enabled) {
        if (ids.size() > MAX_BULK) {
            throw ApiException.invalid("ids", "at most " + MAX_BULK + " channels at once");
        }
        if (ids.isEmpty()) {
            return 0;
        }
        int changedRows = Channel.update("enabled = ?1, updatedAt = ?2 where id in ?3 and enabled <> ?1", enabled,
                clock.instant(), Set.copyOf(ids));
        if (changedRows > 0) {
            changed.fire(new CatalogChanged());
        }
        return changedRows;
    }

    @Transactional
    public void delete(long id) {
        get(id).delete();
        changed.fire(new CatalogChanged());
        flush();
    }

    private void apply(Channel channel, ChannelInput input) {
        if (input.number() != null) {
            Channel holder = Channel.<Channel> find("number", input.number()).firstResult();
            if (holder != null && !holder.id.equals(channel.id)) {
                throw ApiException.conflict("number", "channel number " + input.number() + " is taken by channel " + holder.id);
            }
        }
        Category.requireKind(input.categoryId(), CategoryKind.LIVE);
        String name = input.name().strip();
        String logoUrl = blankToNull(input.logoUrl());
        channel.manuallyEdited = AdminEdits.marksEdited(channel, name, logoUrl, input.number());
        channel.name = name;
        channel.number = input.number();
        channel.categoryId = input.categoryId();
        channel.logoUrl = logoUrl;
        channel.epgId = blankToNull(input.epgId());
        channel.enabled = !Boolean.FALSE.equals(input.enabled());
        if (input.archiveDays() != null) {
            channel.archiveDays = input.archiveDays();
        }
        channel.updatedAt = clock.instant();
        reconcileSources(channel, input.sources() == null ? List.of() : input.sources());
        changed.fire(new CatalogChanged());
    }

    /**
     * Makes the channel's sources equal the input while keeping the rows (and ids) of URLs that
     * stay, so that state keyed by source id survives an edit.
     */
    private void reconcileSources(Channel channel, List<SourceInput> inputs) {
        record Wanted(String url, int priority, Integer maxConnections, int position, String headers) {
        }
        List<Wanted> wanted = new ArrayList<>();
        Set<String> urls = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            SourceInput in = inputs.get(i);
            String url = IngestSources.streamId(in.url()).isPresent() || CameraSources.cameraId(in.url()).isPresent()
                    ? in.url()
                    : SourceUrls.normalize(in.url());
            if (url == null) {
                throw ApiException.invalid("sources[" + i + "].url", "must be an http(s) URL, acestream:// with a 40-hex"
                        + " content id, ingest://stream/<id>, an rtsp(s) URL or camera://<id>");
            }
            if (!urls.add(url)) {
                throw ApiException.invalid("sources[" + i + "].url", "is listed twice");
            }
            wanted.add(new Wanted(url, in.priority() == null ? i : in.priority(), in.maxConnections(), i,
                    headers(i, in.headers())));
        }
        wanted.sort(Comparator.comparingInt(Wanted::priority).thenComparingInt(Wanted::position));
        Map<String, ChannelSource> existing = new HashMap<>();
        channel.sources.forEach(s -> existing.put(s.url, s));
        channel.sources.removeIf(s -> !urls.contains(s.url));
        for (Wanted w : wanted) {
            ChannelSource source = existing.get(w.url());
            if (source == null) {
                source = new ChannelSource();
                source.channel = channel;
                source.url = w.url();
                channel.sources.add(source);
            }
            source.priority = w.priority();
            source.maxConnections = w.maxConnections();
            if (w.headers() != null && !w.headers().equals(Objects.requireNonNullElse(source.headers, ""))) {
                // an admin's headers: imports keep them from now on
                source.headers = w.headers().isEmpty() ? null : w.headers();
                source.headersEdited = true;
            }
        }
        channel.sources.sort(Comparator.comparingInt((ChannelSource s) -> s.priority));
    }

    /**
     * The stored form of a source's headers: null to keep what is stored, "" for none; 400 for a
     * header the proxy could not send.
     */
    private String headers(int index, Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        String refusal = SourceHeaders.refusal(headers, headerLimits.maxCount(), headerLimits.maxValueLength());
        if (refusal != null) {
            throw ApiException.invalid("sources[" + index + "].headers", refusal);
        }
        String json = SourceHeaders.toJson(
                SourceHeaders.check(headers, headerLimits.maxCount(), headerLimits.maxValueLength()).headers());
        return json == null ? "" : json;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void flush() {
        DbConstraints.flush(kind -> switch (kind) {
            case UNIQUE -> ApiException.conflict("number", "channel number is taken");
            case FOREIGN_KEY -> ApiException.invalid("categoryId", "refers to a category that does not exist");
        });
    }
}
