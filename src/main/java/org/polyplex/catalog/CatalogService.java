package org.polyplex.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;

import org.polyplex.catalog.model.CatalogChanged;
import org.polyplex.catalog.model.CategoryKind;
import org.polyplex.catalog.model.Channel;
import org.polyplex.catalog.model.SourceHeaders;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Entry point of the catalog feature for other features: the published {@link CatalogSnapshot}.
 * The snapshot is rebuilt after every committed catalog change, at start, and every
 * {@code polyplex.cluster.snapshot-refresh} to pick up other nodes' changes.
 */
@ApplicationScoped
public class CatalogService {

    // Replaced whole by rebuild(); volatile so that readers on any thread see the latest one.
    private volatile CatalogSnapshot snapshot = CatalogSnapshot.EMPTY;

    /** The current immutable catalog. */
    public CatalogSnapshot snapshot() {
        return snapshot;
    }

    void onStart(@Observes StartupEvent event) {
        rebuild();
        Log.infof("catalog snapshot published: %d channels", snapshot.channels().size());
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) CatalogChanged event) {
        rebuild();
    }

    @Scheduled(every = "{polyplex.cluster.snapshot-refresh}", delayed = "{polyplex.cluster.snapshot-refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        rebuild();
    }

    /**
     * Reads the enabled catalog (live in four queries, VOD in three) and publishes it. Serialised so that the last
     * rebuild to run, which read the newest committed state, is the last one published.
     */
    public synchronized void rebuild() {
        snapshot = QuarkusTransaction.requiringNew().call(this::read);
    }

    /**
     * Projections, not entities: a 100,000-channel catalog is read as plain rows, with no
     * persistence context to fill and no dirty checking to do.
     */
    @SuppressWarnings("unchecked") // a native query's rows
    private CatalogSnapshot read() {
        EntityManager em = Channel.getEntityManager();
        Map<Long, List<CatalogSnapshot.Source>> sources = new HashMap<>();
        // one map per distinct header set: a provider's 100k streams usually share one
        Map<String, Map<String, String>> headerSets = new HashMap<>();
        for (SourceRow r : em.createQuery("select s.channel.id, s.id, s.url, s.priority, s.maxConnections, "
                + "s.headers, s.archiveDays, s.archiveTimeZone from ChannelSource s where s.channel.enabled = true order by s.priority, s.id",
                SourceRow.class)
                .getResultList()) {
            sources.computeIfAbsent(r.channelId(), id -> new ArrayList<>())
                    .add(new CatalogSnapshot.Source(r.id(), r.url(), r.priority(), r.maxConnections(),
                            r.headers() == null ? Map.of()
                                    : headerSets.computeIfAbsent(r.headers(), SourceHeaders::fromJson),
                            r.archiveDays() == null ? 0 : r.archiveDays(), r.archiveTimeZone()));
        }
        Map<Long, List<Long>> extraCategories = new HashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery(
                "select channel_id, category_id from channel_categories order by channel_id, position").getResultList()) {
            extraCategories.computeIfAbsent(((Number) r[0]).longValue(), id -> new ArrayList<>())
                    .add(((Number) r[1]).longValue());
        }
        List<CatalogSnapshot.LiveChannel> channels = em.createQuery("select c.id, c.number, c.name, c.logoUrl, "
                + "c.epgId, c.categoryId, c.createdAt, c.archiveDays from Channel c where c.enabled = true", ChannelRow.class)
                .getResultStream()
                .map(r -> new CatalogSnapshot.LiveChannel(r.id(), r.number(), r.name(), r.logoUrl(), r.epgId(),
                        r.categoryId(), categories(r.categoryId(), extraCategories.get(r.id())),
                        List.copyOf(sources.getOrDefault(r.id(), List.of())), r.createdAt(), r.archiveDays()))
                .toList();
        List<CatalogSnapshot.Category> categories = em.createQuery("select c.id, c.name, c.kind, c.parentId, "
                + "c.sortOrder from Category c", CategoryRow.class)
                .getResultStream()
                .map(r -> new CatalogSnapshot.Category(r.id(), r.name(), r.kind(), r.parentId(), r.sortOrder()))
                .toList();
        return new CatalogSnapshot(channels, categories, readBouquets(em), VodReader.read(), snapshot.version() + 1);
    }

    /** The primary category first, then the others in list order. */
    private static List<Long> categories(Long primary, List<Long> extra) {
        List<Long> all = new ArrayList<>();
        if (primary != null) {
            all.add(primary);
        }
        if (extra != null) {
            extra.stream().filter(id -> !all.contains(id)).forEach(all::add);
        }
        return List.copyOf(all);
    }

    /** Each grant table read on its own: fetching both collections at once would multiply their rows. */
    private static List<CatalogSnapshot.Bouquet> readBouquets(EntityManager em) {
        Map<Long, String> names = new HashMap<>();
        Map<Long, Set<Long>> categoryIds = new HashMap<>();
        Map<Long, Set<Long>> channelIds = new HashMap<>();
        em.createQuery("select b.id, b.name from Bouquet b", BouquetRow.class).getResultList()
                .forEach(r -> {
                    names.put(r.id(), r.name());
                    categoryIds.put(r.id(), new HashSet<>());
                    channelIds.put(r.id(), new HashSet<>());
                });
        em.createQuery("select b.id, c from Bouquet b join b.categoryIds c", Grant.class).getResultList()
                .forEach(r -> categoryIds.get(r.bouquetId()).add(r.targetId()));
        em.createQuery("select b.id, c from Bouquet b join b.channelIds c", Grant.class).getResultList()
                .forEach(r -> channelIds.get(r.bouquetId()).add(r.targetId()));
        return categoryIds.keySet().stream()
                .map(id -> new CatalogSnapshot.Bouquet(id, names.get(id), Set.copyOf(categoryIds.get(id)),
                        Set.copyOf(channelIds.get(id))))
                .toList();
    }

    /** One row of each snapshot query, as Hibernate builds it from the select list. */
    private record SourceRow(Long channelId, Long id, String url, Integer priority, Integer maxConnections,
            String headers, Integer archiveDays, String archiveTimeZone) {
    }

    private record ChannelRow(Long id, Integer number, String name, String logoUrl, String epgId, Long categoryId,
            Instant createdAt, Integer archiveDays) {
    }

    private record CategoryRow(Long id, String name, CategoryKind kind, Long parentId, Integer sortOrder) {
    }

    /** A bouquet and one category or channel it grants. */
    private record Grant(Long bouquetId, Long targetId) {
    }

    private record BouquetRow(Long id, String name) {
    }
}
