package org.polyplex.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.polyplex.catalog.model.Bouquet;
import org.polyplex.catalog.model.Category;
import org.polyplex.catalog.model.Channel;
import org.polyplex.catalog.model.ChannelSource;

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

    private CatalogSnapshot read() {
        Map<Long, List<CatalogSnapshot.Source>> sources = new HashMap<>();
        List<ChannelSource> rows = Channel.getEntityManager()
                .createQuery("select s from ChannelSource s join fetch s.channel c where c.enabled = true "
                        + "order by s.priority, s.id", ChannelSource.class)
                .getResultList();
        for (ChannelSource s : rows) {
            sources.computeIfAbsent(s.channel.id, id -> new ArrayList<>())
                    .add(new CatalogSnapshot.Source(s.id, s.url, s.priority, s.maxConnections));
        }
        List<CatalogSnapshot.LiveChannel> channels = Channel.<Channel> stream("enabled", true)
                .map(c -> new CatalogSnapshot.LiveChannel(c.id, c.number, c.name, c.logoUrl, c.epgId, c.categoryId,
                        List.copyOf(sources.getOrDefault(c.id, List.of())), c.createdAt))
                .toList();
        List<CatalogSnapshot.Category> categories = Category.<Category> streamAll()
                .map(c -> new CatalogSnapshot.Category(c.id, c.name, c.kind, c.parentId, c.sortOrder))
                .toList();
        List<CatalogSnapshot.Bouquet> bouquets = Bouquet.<Bouquet> find(
                "select distinct b from Bouquet b left join fetch b.categoryIds left join fetch b.channelIds")
                .stream()
                .map(b -> new CatalogSnapshot.Bouquet(b.id, Set.copyOf(b.categoryIds), Set.copyOf(b.channelIds)))
                .toList();
        return new CatalogSnapshot(channels, categories, bouquets, VodReader.read(), snapshot.version() + 1);
    }
}
