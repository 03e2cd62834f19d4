package org.polyplex.catalog.importing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.polyplex.catalog.model.AdminEdits;
import org.polyplex.catalog.model.CategoryKind;
import org.polyplex.catalog.model.Channel;
import org.polyplex.catalog.model.ChannelSource;
import org.polyplex.platform.AceStreamId;

import io.quarkus.logging.Log;

import org.hibernate.StatelessSession;

/**
 * Brings the channels of one origin in step with what it listed, inside the caller's
 * transaction. Existing state is read in three queries, diffed in memory, and written in
 * batches, so 100k entries take seconds, and an unchanged list writes nothing.
 * <ul>
 * <li>Channels are matched by natural key: the provider stream id, else the {@code tvg-id}, else
 * the AceStream id or URL. Entries with one key merge into one channel with several sources,
 * and sources of several origins merge into one channel the same way.</li>
 * <li>An entry whose key has no channel yet but whose URL is already a source of an imported
 * channel (lists that disagree on its tvg-id) joins that channel instead of becoming a second
 * one; the channel takes the tvg-id if it had none.</li>
 * <li>Admin edits win ({@link AdminEdits}).</li>
 * <li>Several origins feeding one channel: the first by priority (then source id) owns its name,
 * logo and categories; the others only fill what it left empty. A value a list does not carry
 * never blanks one another list gave.</li>
 * <li>A source row the list no longer names counts a missed run; a channel whose sources have
 * all missed {@code maxMissedRuns} runs is disabled, never deleted, and enabled again when it
 * comes back.</li>
 * </ul>
 */
final class LiveImport {

    /** New channels held in memory before they are written. */
    private static final int CHUNK = 5000;

    private final StatelessSession session;
    private final Batches batches;
    private final Instant now;

    LiveImport(StatelessSession session, Batches batches, Instant now) {
        this.session = session;
        this.batches = batches;
        this.now = now;
    }

    ImportCounts apply(ImportOrigin origin, List<ImportEntry> entries) {
        Map<String, List<ImportEntry>> byKey = new LinkedHashMap<>();
        for (ImportEntry entry : entries) {
            byKey.computeIfAbsent(key(origin.sourceId(), entry), k -> new ArrayList<>()).add(entry);
        }
        long t0 = System.nanoTime();
        LiveRows state = LiveRows.load(session);
        long t1 = System.nanoTime();
        CategoryIndex categories = new CategoryIndex(session, CategoryKind.LIVE, now);
        LiveWriter writer = new LiveWriter(batches, now);
        List<NewChannel> fresh = new ArrayList<>();
        Set<Long> seenSources = new HashSet<>();
        int added = 0;
        int updated = 0;
        for (var group : byKey.entrySet()) {
            ImportEntry head = group.getValue().get(0);
            List<Long> categoryIds = origin.categoryId() != null ? List.of(origin.categoryId())
                    : SharedChannels.categoryIds(group.getValue(), categories);
            Long categoryId = categoryIds.isEmpty() ? null : categoryIds.get(0);
            List<Long> extra = categoryIds.size() > 1 ? categoryIds.subList(1, categoryIds.size()) : List.of();
            LiveRows.ChannelRow row = state.channel(group.getKey());
            if (row == null) {
                // the stream already belongs to a channel under another key: attach it there
                row = state.channelWithSource(group.getValue());
            }
            if (row == null) {
                fresh.add(new NewChannel(group.getKey(), head, categoryId, extra, group.getValue()));
                if (fresh.size() >= CHUNK) {
                    added += insert(origin, fresh, state, writer);
                }
                continue;
            }
            boolean owner = SharedChannels.owns(origin, row);
            ImportEntry listed = owner ? SharedChannels.merged(group.getValue())
                    : SharedChannels.fillOnly(row, SharedChannels.merged(group.getValue()));
            if (!owner && row.categoryId != null) {
                // the channel's categories belong to the source that outranks this one
                categoryId = row.categoryId;
                extra = row.extraCategoryIds;
            }
            boolean changed = refresh(row, listed, categoryId, writer);
            if (!row.manuallyEdited && !row.extraCategoryIds.equals(extra)) {
                row.extraCategoryIds = new ArrayList<>(extra);
                writer.replaceExtraCategories(row.id, extra);
                changed = true;
            }
            changed |= LiveSources.update(origin, row, group.getValue(), writer, seenSources);
            if (changed) {
                updated++;
            }
        }
        added += insert(origin, fresh, state, writer);
        long t2 = System.nanoTime();
        int removed = missed(origin, state, seenSources, writer);
        writer.flush();
        Log.debugf("upsert source=%d load=%dms diff+insert=%dms missed+update=%dms", origin.sourceId(), (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        return new ImportCounts(added, updated, removed);
    }

    /** Natural key of an entry's channel; long URLs are hashed to fit the column. */
    static String key(long sourceId, ImportEntry entry) {
        String key;
        Optional<String> ace = AceStreamId.fromUrl(entry.url()).map(id -> "ace:" + id.hex());
        if (entry.providerId() != null) {
            key = "xt:" + sourceId + ":" + entry.providerId();
        } else if (entry.epgId() != null) {
            key = "epg:" + entry.epgId().toLowerCase(Locale.ROOT);
        } else if (ace.isPresent()) {
            key = ace.get();
        } else {
            key = "url:" + entry.url();
        }
        return key.length() <= 400 ? key : "sha:" + sha256(key);
    }

    /** Takes the listed name, logo and category where admin edits allow, a missing EPG id, and re-enables. */
    private static boolean refresh(LiveRows.ChannelRow row, ImportEntry head, Long categoryId, LiveWriter writer) {
        String name = AdminEdits.imported(row.manuallyEdited, row.name, head.name());
        String logoUrl = AdminEdits.imported(row.manuallyEdited, row.logoUrl, head.logoUrl());
        Long category = AdminEdits.imported(row.manuallyEdited, row.categoryId, categoryId);
        boolean changed = !name.equals(row.name) || !Objects.equals(logoUrl, row.logoUrl)
                || !Objects.equals(category, row.categoryId);
        row.name = name;
        row.logoUrl = logoUrl;
        row.categoryId = category;
        if (row.epgId == null && head.epgId() != null) {
            row.epgId = head.epgId();
            changed = true;
        }
        if (row.scrapeDisabled) {
            row.scrapeDisabled = false;
            row.enabled = true;
            changed = true;
        }
        if (changed) {
            writer.updateChannel(row);
        }
        return changed;
    }

    /** Counts a missed run on this origin's unseen rows and disables channels left with nothing fresh. */
    private static int missed(ImportOrigin origin, LiveRows state, Set<Long> seen, LiveWriter writer) {
        int removed = 0;
        for (LiveRows.ChannelRow row : state.channels()) {
            boolean touched = false;
            for (LiveRows.SourceRow s : row.sources) {
                if (Objects.equals(s.scraperSourceId, origin.sourceId()) && !seen.contains(s.id) && !s.dirty) {
                    s.missedRuns++;
                    writer.updateSource(s);
                    touched = true;
                }
            }
            if (touched && row.enabled
                    && row.sources.stream()
                            .allMatch(s -> s.scraperSourceId != null && s.missedRuns >= origin.maxMissedRuns())) {
                row.enabled = false;
                row.scrapeDisabled = true;
                writer.updateChannel(row);
                removed++;
            }
        }
        return removed;
    }

    private int insert(ImportOrigin origin, List<NewChannel> fresh, LiveRows state, LiveWriter writer) {
        if (fresh.isEmpty()) {
            return 0;
        }
        List<Channel> channels = new ArrayList<>(fresh.size());
        List<ChannelSource> sources = new ArrayList<>(fresh.size());
        for (NewChannel n : fresh) {
            Channel channel = n.channel(state.claimNumber(n.head().number()), now);
            channels.add(channel);
            Set<String> urls = new HashSet<>();
            for (int p = 0; p < n.entries().size(); p++) {
                ImportEntry entry = n.entries().get(p);
                if (urls.add(entry.url())) {
                    sources.add(LiveWriter.source(channel, entry, origin.priority() * 1000 + p, origin));
                }
            }
        }
        // all channels of the chunk before their sources: the foreign key needs them
        batches.insert(channels);
        batches.insert(sources);
        for (int i = 0; i < fresh.size(); i++) {
            if (!fresh.get(i).extraCategoryIds().isEmpty()) {
                writer.replaceExtraCategories(channels.get(i).id, fresh.get(i).extraCategoryIds());
            }
        }
        int count = fresh.size();
        fresh.clear();
        return count;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record NewChannel(String key, ImportEntry head, Long categoryId, List<Long> extraCategoryIds,
            List<ImportEntry> entries) {

        Channel channel(Integer number, Instant now) {
            Channel c = new Channel();
            c.number = number;
            c.name = head.name();
            c.logoUrl = head.logoUrl();
            c.epgId = head.epgId();
            c.categoryId = categoryId;
            c.createdAt = now;
            c.updatedAt = now;
            c.scrapeKey = key;
            return c;
        }
    }
}
