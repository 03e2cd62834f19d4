package org.polyplex.scraping.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.polyplex.catalog.importing.CatalogImport;
import org.polyplex.catalog.model.SourceUrls;
import org.polyplex.scraping.source.ScrapingConfig;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Optional liveness probing ({@code polyplex.scraping.probe.enabled}): every
 * {@code probe.every}, probes all http(s) channel sources and records {@code is_online} and
 * {@code checked_at} through the catalog. AceStream sources are left alone: probing one would start a P2P session
 * in the engine. A provider account's sources share its connection cap.
 */
@ApplicationScoped
public class ProbeScheduler {

    private final ScrapingConfig config;
    private final EntityManager em;
    private final CatalogImport catalog;

    ProbeScheduler(ScrapingConfig config, EntityManager em, CatalogImport catalog) {
        this.config = config;
        this.em = em;
        this.catalog = catalog;
    }

    @Scheduled(identity = "probe-sources", every = "${polyplex.scraping.probe.every:30m}", delayed = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.probe().enabled()) {
            probeAll();
        }
    }

    /** Probes every http(s) channel source now and stores the results; answers how many were online. */
    public int probeAll() {
        return probe("http");
    }

    /** Probes the channel sources whose URL starts with {@code urlPrefix} (an http(s) prefix). */
    public int probe(String urlPrefix) {
        List<ProbeTarget> targets = QuarkusTransaction.requiringNew().call(() -> targets(urlPrefix));
        Map<Long, Boolean> results;
        try (var prober = new LivenessProber(config.probe().concurrency(), config.probe().timeout(),
                config.fetch().userAgent())) {
            results = prober.probe(targets);
        }
        catalog.recordLiveness(results);
        int online = (int) results.values().stream().filter(Boolean::booleanValue).count();
        Log.infof("probe sources=%d online=%d", results.size(), online);
        return online;
    }

    private List<ProbeTarget> targets(String urlPrefix) {
        String prefix = urlPrefix.startsWith("http") ? urlPrefix : "http";
        List<Probed> rows = em.createQuery("select s.id, s.url, s.scraperSourceId, s.maxConnections from ChannelSource s"
                + " where s.url like :prefix", Probed.class).setParameter("prefix", prefix.replace("%", "") + "%")
                .getResultList();
        List<ProbeTarget> targets = new ArrayList<>(rows.size());
        for (Probed r : rows) {
            String url = r.url();
            // as players read it: a host with "_" is one URI calls registry-based
            String host = SourceUrls.host(url);
            if (host == null) {
                continue;
            }
            String group = r.scraperSourceId() != null ? "source:" + r.scraperSourceId() : "host:" + host;
            targets.add(new ProbeTarget(r.id(), url, group, r.maxConnections()));
        }
        return targets;
    }

    /** A channel source as the probe reads it. */
    private record Probed(Long id, String url, Long scraperSourceId, Integer maxConnections) {
    }
}
